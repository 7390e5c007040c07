"""One identity per post in the database: share-parameter variants of one post are flagged across
satker, the canonical form is stored beside the link as written, and migration 0010 fills it for
existing rows and recounts (``etl periksa`` agrees afterwards). SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from analytics.periods import Rentang
from analytics.tautan import kanonik
from db.konsistensi import periksa_konsistensi
from db.models import Aktivitas, Satker, TautanBersama, TautanGandaBulanan, kunci_tautan
from db.queries_satker import bukti_aktivitas
from db.schema import alembic_config, upgrade_schema
from etl.loader import load_workbook
from testdata.workbooks import MEI_2024, RECEIVED, activity, laporan

IG_A = "https://www.instagram.com/p/C7xYz12AbCd/?igsh=MWd2c2Z4"
IG_B = "https://m.instagram.com/reel/C7xYz12AbCd?utm_source=ig_web_copy_link"
X_A = "https://twitter.com/humas/status/1790000000000000001?s=20"
X_B = "https://x.com/humas/status/1790000000000000001"


def _load_two_satker(engine: Engine) -> None:
    for satker, links in (("Polres Kediri Kota", (IG_A, X_A)), ("Polres Blitar", (IG_B, X_B))):
        rows = [activity(2 + i, link, "") for i, link in enumerate(links)]
        result = load_workbook(engine, laporan({"TB News": rows}, satker=satker), f"{satker}.xlsx", now=RECEIVED)
        assert result.status == "loaded", result.errors


def _flags(engine: Engine) -> tuple[list[str], list[tuple[int, int]]]:
    with Session(engine) as session:
        shared = sorted(session.scalars(select(TautanBersama.url)))
        counts = sorted(session.execute(select(TautanGandaBulanan.satker_id, TautanGandaBulanan.jumlah)))
    return shared, counts


def test_share_parameter_variants_are_one_post_flagged_across_satker(engine: Engine) -> None:
    _load_two_satker(engine)
    shared, counts = _flags(engine)
    assert shared == sorted({kanonik(IG_A), kanonik(X_A)}) == ["https://instagram.com/p/C7xYz12AbCd", kanonik(X_B)]
    assert [jumlah for _, jumlah in counts] == [2, 2]
    with Session(engine) as session:
        stored = session.execute(select(Aktivitas.url, Aktivitas.url_kanonik, Aktivitas.url_kunci)).all()
        blitar = session.scalar(select(Satker.id).where(Satker.nama == "Polres Blitar"))
        assert blitar is not None
        evidence = bukti_aktivitas(session, blitar, Rentang(MEI_2024, MEI_2024), "tb_news")
    # Users keep seeing what the operator wrote; the key is the canonical form's.
    assert {url for url, _, _ in stored} == {IG_A, IG_B, X_A, X_B}
    assert all(key == kunci_tautan(canon) == kunci_tautan(kanonik(url)) for url, canon, key in stored)
    assert [(row.url, row.tautan_ganda) for row in evidence] == [(IG_B, True), (X_B, True)]


def _downgrade(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_migration_fills_the_canonical_form_and_recounts_so_that_periksa_agrees(engine: Engine) -> None:
    _load_two_satker(engine)
    _downgrade(engine, "0005")  # the links as they were stored before: raw text, nothing shared
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM tautan_bersama")).scalar() == 0
        assert connection.execute(text("SELECT url_kunci FROM aktivitas WHERE url = :u"), {"u": IG_A}).scalar() == (
            kunci_tautan(IG_A)
        )
    upgrade_schema(engine)
    assert _flags(engine)[0] == sorted({kanonik(IG_A), kanonik(X_A)})
    with Session(engine) as session:
        assert session.scalar(select(Aktivitas.url_kanonik).where(Aktivitas.url == IG_B)) == kanonik(IG_B)
        hasil = periksa_konsistensi(session)
    assert hasil.konsisten, [p.pesan for p in hasil.penyimpangan]
