"""The role × action matrix: every write, tried by every role through the same server function
the page uses. A refusal says why and leaves the data unchanged (the audit log aside)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.izin import AKSI, IZIN, PERAN, Aksi, Pelaku, Peran, TidakBerwenang, boleh, pastikan
from db import akun, pengaturan
from db.akun import atur_ulang_kata_sandi, pelaku_dari, set_aktif, tambah_pengguna
from db.master import ganti_nama_satker, set_label_kategori, set_satker_aktif
from db.reference import find_satker
from etl.loader import check_workbook, load_workbook
from testdata.workbooks import RECEIVED, activity, laporan, penghargaan, rekap, snapshot

SANDI = "sandi-matriks-1"
REKAP = rekap([["2024-03", "Polres Jember", *[1] * 9, None]])
PENGHARGAAN = penghargaan([["Rakernis Uji", 2024, "tb_news", 1, "Polres Jember"]])
OWN = laporan({"TB News": [activity(2, "https://a.id/1")]}, satker="Polres Kediri Kota")
OTHER = laporan({"TB News": [activity(2, "https://a.id/2")]}, satker="Polres Blitar")


_hash_once = functools.cache(akun.hash_kata_sandi)


@pytest.fixture
def people(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> dict[str, Pelaku]:
    """One account per role (the operator belongs to Polres Kediri Kota) and a spare to act on.

    Argon2 costs about 0.1 s per hash by design; the matrix reuses one real hash per password.
    """
    monkeypatch.setattr(akun, "hash_kata_sandi", _hash_once)
    cli = Pelaku.baris_perintah()
    with Session(engine) as session, session.begin():
        kediri = find_satker(session, "Polres Kediri Kota").id
        made = {
            "admin": tambah_pengguna(session, cli, "admin.uji", SANDI, "admin"),
            "pimpinan": tambah_pengguna(session, cli, "pimpinan.uji", SANDI, "pimpinan"),
            "operator": tambah_pengguna(session, cli, "operator.kediri", SANDI, "operator", satker_id=kediri),
            "spare": tambah_pengguna(session, cli, "cadangan", SANDI, "pimpinan"),
        }
        return {name: pelaku_dari(user) for name, user in made.items()}


def _ids(engine: Engine) -> dict[str, Any]:
    with Session(engine) as session:
        return {"satker": find_satker(session, "Polres Batu").id}


Write = Callable[[Session, Pelaku, dict[str, Any], dict[str, Pelaku]], object]
WRITES: dict[str, tuple[Write, set[str]]] = {
    "tambah_pengguna": (lambda s, p, ids, ppl: tambah_pengguna(s, p, "baru.sekali", SANDI, "pimpinan"), {"admin"}),
    "atur_ulang_kata_sandi": (
        lambda s, p, ids, ppl: atur_ulang_kata_sandi(s, p, ppl["spare"].id, "sandi-baru-99"),
        {"admin"},
    ),
    "nonaktifkan_pengguna": (lambda s, p, ids, ppl: set_aktif(s, p, ppl["spare"].id, False), {"admin"}),
    "ganti_nama_satker": (
        lambda s, p, ids, ppl: ganti_nama_satker(s, p, ids["satker"], "Polresta Batu", "Polresta", dt.date(2026, 1, 1)),
        {"admin"},
    ),
    "nonaktifkan_satker": (lambda s, p, ids, ppl: set_satker_aktif(s, p, ids["satker"], False), {"admin"}),
    "label_kategori": (lambda s, p, ids, ppl: set_label_kategori(s, p, "ipse", "IPSE (baru)"), {"admin"}),
    "bobot_juara_umum": (lambda s, p, ids, ppl: pengaturan.set_bobot_juara_umum(s, p, {"ipse": 2.0}), {"admin"}),
    "batas_waktu": (lambda s, p, ids, ppl: pengaturan.set_batas_waktu(s, p, pengaturan.BatasWaktu(7)), {"admin"}),
    "penalti_jam": (lambda s, p, ids, ppl: pengaturan.set_penalti_jam(s, p, 500.0), {"admin"}),
    "alamat_publik": (lambda s, p, ids, ppl: pengaturan.set_alamat_publik(s, p, "https://humas.example"), {"admin"}),
}


@pytest.mark.parametrize("peran", ["admin", "pimpinan", "operator"])
@pytest.mark.parametrize("write", list(WRITES))
def test_every_write_is_checked_against_the_role(
    engine: Engine, people: dict[str, Pelaku], peran: str, write: str
) -> None:
    action, allowed = WRITES[write]
    ids, pelaku = _ids(engine), people[peran]
    before = snapshot(engine)
    if peran in allowed:
        with Session(engine) as session, session.begin():
            action(session, pelaku, ids, people)
        assert snapshot(engine) != before
        return
    with Session(engine) as session, session.begin(), pytest.raises(TidakBerwenang, match=pelaku.username):
        action(session, pelaku, ids, people)
    assert snapshot(engine) == before


UPLOADS: dict[str, tuple[bytes, set[str]]] = {
    "laporan_satker_sendiri": (OWN, {"admin", "operator"}),
    "laporan_satker_lain": (OTHER, {"admin"}),
    "rekap": (REKAP, {"admin"}),
    "penghargaan": (PENGHARGAAN, {"admin"}),
}


@pytest.mark.parametrize("peran", ["admin", "pimpinan", "operator"])
@pytest.mark.parametrize("upload", list(UPLOADS))
def test_every_upload_is_checked_against_the_role(
    engine: Engine, people: dict[str, Pelaku], peran: str, upload: str
) -> None:
    data, allowed = UPLOADS[upload]
    pelaku = people[peran]
    before = snapshot(engine)
    preview = check_workbook(engine, data, f"{upload}.xlsx", pelaku, now=RECEIVED)
    assert snapshot(engine) == before
    result = load_workbook(engine, data, f"{upload}.xlsx", uploader=pelaku, now=RECEIVED)
    if peran in allowed:
        assert (preview.status, result.status) == ("valid", "loaded"), result.errors
        return
    assert preview.status == result.status == "rejected"
    assert pelaku.username in result.errors[0].message
    assert snapshot(engine) == before


def test_operator_posting_for_another_satker_is_told_where(engine: Engine, people: dict[str, Pelaku]) -> None:
    result = load_workbook(engine, OTHER, "blitar.xlsx", uploader=people["operator"], now=RECEIVED)
    assert [(p.sheet, p.cell) for p in result.errors] == [("Identitas", "B2")]
    assert "hanya boleh mengunggah laporan satkernya sendiri, bukan Polres Blitar" in result.errors[0].message


@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize("aksi", AKSI)
def test_boleh_and_pastikan_follow_the_table(peran: Peran, aksi: Aksi) -> None:
    pelaku = Pelaku(1, f"{peran}.x", peran, satker_id=5 if peran == "operator" else None)
    assert boleh(pelaku, aksi) == (aksi in IZIN[peran])
    if aksi in IZIN[peran]:
        assert pastikan(pelaku, aksi) is pelaku
    else:
        with pytest.raises(TidakBerwenang, match="tidak berwenang"):
            pastikan(pelaku, aksi)


def test_nobody_logged_in_may_do_nothing() -> None:
    assert not any(boleh(None, aksi) for aksi in AKSI)
    with pytest.raises(TidakBerwenang, match="Masuk terlebih dahulu"):
        pastikan(None, "lihat_peringkat")
