"""The settings a ranking reads together are the settings as each is read alone."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from analytics.peringkat import PENALTI_JAM_BAWAAN
from db import pengaturan
from db.queries import list_kategori


def _bersama_dan_sendiri(engine: Engine) -> tuple[tuple[dict[str, float], float], tuple[dict[str, float], float]]:
    with Session(engine) as session:
        kode = [info.kode for info in list_kategori(session)]
        bersama = pengaturan.pengaturan_peringkat(session, kode)
        return bersama, (pengaturan.bobot_juara_umum(session), pengaturan.penalti_jam(session))


def test_a_ranking_reads_the_defaults_when_nothing_is_set(engine: Engine) -> None:
    bersama, sendiri = _bersama_dan_sendiri(engine)
    assert bersama == sendiri
    assert set(bersama[0].values()) == {1.0} and len(bersama[0]) == 10
    assert bersama[1] == PENALTI_JAM_BAWAAN


def test_a_ranking_reads_what_an_admin_set(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        pengaturan.set_bobot_juara_umum(session, Pelaku.baris_perintah(), {"ipse": 2.5, "tb_news": 0.0})
        pengaturan.set_penalti_jam(session, Pelaku.baris_perintah(), 480.0)
    bersama, sendiri = _bersama_dan_sendiri(engine)
    assert bersama == sendiri
    assert bersama[0]["ipse"] == 2.5 and bersama[0]["tb_news"] == 0.0 and bersama[1] == 480.0
