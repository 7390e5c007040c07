"""Reference data: 39 satker of Polda Jawa Timur, every Polda, ten categories, 2024 winners."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from analytics.kategori import KODE_HITUNG, KODE_KATEGORI
from analytics.nama import normalize_name
from db.models import Kategori, Penghargaan, Polda, Satker
from db.queries import satker_names_at
from db.reference import find_satker, load_reference_data
from db.schema import prepare_database


def test_reference_counts(engine: Engine) -> None:
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Satker)) == 39
        assert session.scalar(select(func.count()).select_from(Kategori)) == 10
        assert session.scalar(select(func.count()).select_from(Polda)) == 36
        assert session.scalar(select(func.count()).select_from(Penghargaan)) == 10


def test_the_counted_kategori_are_those_with_a_report_sheet(engine: Engine) -> None:
    """The loader writes a monthly value for each of KODE_HITUNG; the kategori table is where the
    sheets are named, so both must list the same codes in the same order."""
    with Session(engine) as session:
        with_sheet = session.scalars(
            select(Kategori.kode).where(Kategori.nama_sheet.is_not(None)).order_by(Kategori.urutan)
        )
        assert tuple(with_sheet) == KODE_HITUNG


def test_every_satker_belongs_to_polda_jawa_timur(engine: Engine) -> None:
    with Session(engine) as session:
        poldas = set(session.scalars(select(Polda.nama).join(Satker, Satker.polda_id == Polda.id)))
    assert poldas == {"Polda Jawa Timur"}


def test_rakernis_2024_winners_are_award_records(engine: Engine) -> None:
    with Session(engine) as session:
        rows = session.execute(
            select(Penghargaan.kategori_kode, Penghargaan.peringkat, Satker.id)
            .join(Satker)
            .where(Penghargaan.tahun == 2024, Penghargaan.acara == "Rakernis Bidhumas Polda Jatim")
        ).all()
        ponorogo = find_satker(session, "Polres Ponorogo")
        sumenep = find_satker(session, "Polres Sumenep")
    assert {r.kategori_kode for r in rows} == set(KODE_KATEGORI)
    assert all(r.peringkat == 1 for r in rows)
    assert ("link_amplifikasi", 1, ponorogo.id) in [tuple(r) for r in rows]
    assert ("tb_news", 1, sumenep.id) in [tuple(r) for r in rows]


def test_init_twice_keeps_counts_and_edited_labels(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        session.get(Kategori, "ipse").label = "Terbanyak IPSE (Informasi Publik)"
        first = load_reference_data(session)
    prepare_database(engine)
    with Session(engine) as session:
        assert session.get(Kategori, "ipse").label == "Terbanyak IPSE (Informasi Publik)"
        assert session.get(Kategori, "ipse").nama_tampilan == "Terbanyak IPSE"
        second = load_reference_data(session)
    assert first == second


def test_renamed_satker_keeps_its_old_name_for_old_months(engine: Engine) -> None:
    with Session(engine) as session:
        tuban = find_satker(session, "Polres Tuban")
        assert tuban is find_satker(session, "Polresta Tuban")
        assert tuban.nama == "Polresta Tuban" and tuban.tipe == "Polresta"
        assert satker_names_at(session, dt.date(2024, 12, 1))[tuban.id] == "Polres Tuban"
        assert satker_names_at(session, dt.date(2025, 1, 1))[tuban.id] == "Polresta Tuban"


def test_satker_names_match_regardless_of_case_and_spacing(engine: Engine) -> None:
    with Session(engine) as session:
        assert find_satker(session, "  polres   KEDIRI kota ").nama == "Polres Kediri Kota"
        assert find_satker(session, "Polres Atlantis") is None
    assert normalize_name("Polresta\tMalang  Kota") == "polresta malang kota"
