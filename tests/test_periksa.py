"""``python -m etl periksa``: monthly values against activity rows, versions, uploads; every drift
listed with where it is, exit 1; ``--perbaiki`` recomputes drifted values."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, Executable, delete, insert, select, update
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from cli.main import main
from db.konsistensi import periksa_konsistensi
from db.models import (
    Aktivitas,
    Laporan,
    LonjakanBulanan,
    NilaiBulanan,
    NilaiBulananLebar,
    RingkasanPeriode,
    Satker,
    TautanBersama,
    TautanGandaBulanan,
    TautanGandaRingkasan,
    Unggahan,
)
from etl.loader import load_workbook
from testdata.workbooks import RECEIVED, activity, laporan

ADMIN = Pelaku.baris_perintah()
V1 = laporan({"TB News": [activity(2, "https://a.id/1"), activity(3, "https://a.id/2")]})
V2 = laporan({"TB News": [activity(2, "https://a.id/1")], "IPSE": [activity(4, "https://a.id/3")]})


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    """Kediri Kota May 2024 in two versions, Blitar in one."""
    for data, name, hours in ((V1, "v1.xlsx", 0), (V2, "v2.xlsx", 5)):
        load_workbook(engine, data, name, uploader=ADMIN, now=RECEIVED + dt.timedelta(hours=hours))
    blitar = laporan({"IPSE": [activity(5, "https://b.id/1")]}, satker="Polres Blitar")
    load_workbook(engine, blitar, "blitar.xlsx", uploader=ADMIN, now=RECEIVED)
    return engine


def _periksa(engine: Engine, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.setenv("HUMAS_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return CliRunner().invoke(main, ["periksa", *args])


def _kediri(session: Session) -> int:
    return session.scalars(select(Satker.id).where(Satker.nama == "Polres Kediri Kota")).one()


def _set_value(engine: Engine, kode: str, nilai: float) -> None:
    with Session(engine) as session, session.begin():
        session.execute(
            update(NilaiBulanan)
            .where(NilaiBulanan.satker_id == _kediri(session), NilaiBulanan.kategori_kode == kode)
            .values(nilai=nilai)
        )


def test_demo_data_is_consistent(demo_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _periksa(demo_engine, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "Konsisten" in result.output and "versi laporan" in result.output


def test_a_monthly_value_that_drifted_from_its_rows_is_reported_and_can_be_recomputed(
    loaded: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_value(loaded, "tb_news", 7)
    found = _periksa(loaded, monkeypatch)
    assert found.exit_code == 1
    assert (
        "[nilai] Polres Kediri Kota Mei 2024: nilai bulanan Terbanyak Input TB News 7, tetapi baris kegiatan "
        "versi aktif (versi 2) memberi 1."
    ) in found.output
    assert "python -m etl periksa --perbaiki" in found.output

    fixed = _periksa(loaded, monkeypatch, "--perbaiki")
    assert fixed.exit_code == 0, fixed.output
    assert "Nilai bulanan 1 satker-bulan dihitung ulang" in fixed.output and "Konsisten" in fixed.output


def test_speed_is_checked_against_the_first_upload(loaded: Engine) -> None:
    _set_value(loaded, "kecepatan_laporan", 62.0)  # the time of version 2, not version 1
    with Session(loaded) as session:
        (drift,) = periksa_konsistensi(session).penyimpangan
    assert drift.jenis == "nilai" and "waktu unggahan pertama memberi 57" in drift.pesan


def test_a_missing_or_orphaned_monthly_value_is_reported(loaded: Engine) -> None:
    with Session(loaded) as session, session.begin():
        session.execute(update(Laporan).where(Laporan.satker_id != _kediri(session)).values(status="digantikan"))
        session.execute(
            NilaiBulanan.__table__.delete().where(
                NilaiBulanan.satker_id == _kediri(session), NilaiBulanan.kategori_kode == "ipse"
            )
        )
    with Session(loaded) as session:
        messages = [p.pesan for p in periksa_konsistensi(session).penyimpangan]
    assert "Polres Kediri Kota Mei 2024: nilai bulanan Terbanyak IPSE tidak ada (seharusnya 1)." in messages
    assert "Polres Blitar Mei 2024: 0 versi aktif, seharusnya tepat satu." in messages
    assert (
        "Polres Blitar Mei 2024: ada nilai bulanan dari laporan, padahal tidak ada versi laporan yang aktif."
        in messages
    )


def test_a_broken_version_history_is_reported_and_not_guessed_at(
    loaded: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Session(loaded) as session, session.begin():
        session.execute(
            update(Laporan).where(Laporan.versi == 1, Laporan.satker_id == _kediri(session)).values(status="aktif")
        )
    result = _periksa(loaded, monkeypatch, "--perbaiki")
    assert result.exit_code == 1
    assert "[versi] Polres Kediri Kota Mei 2024: 2 versi aktif, seharusnya tepat satu." in result.output
    assert "versi 1 tidak tercatat digantikan oleh versi 2" in result.output


def test_a_half_stored_submission_is_reported(loaded: Engine) -> None:
    with Session(loaded) as session, session.begin():
        session.add(
            Unggahan(jenis="laporan_bulanan", nama_file="setengah.xlsx", sha256="0" * 64, diunggah_pada=RECEIVED)
        )
        session.execute(update(Aktivitas).where(Aktivitas.url == "https://b.id/1").values(periode=dt.date(2024, 4, 1)))
    with Session(loaded) as session:
        drifts = {p.jenis: p.pesan for p in periksa_konsistensi(session).penyimpangan}
    assert "(laporan bulanan) punya 0 versi laporan, seharusnya tepat satu" in drifts["unggahan"]
    assert (
        drifts["aktivitas"]
        == "Polres Blitar Mei 2024 versi 1: 1 baris kegiatan mencatat satker atau bulan lain daripada laporannya."
    )


def test_activity_rows_whose_report_is_gone_are_reported(loaded: Engine) -> None:
    """The database has no foreign key from activity rows to their report (it doubled the cost of
    storing them on PostgreSQL), so the check looks for rows without one."""
    with Session(loaded) as session, session.begin():
        blitar = session.scalars(select(Aktivitas.laporan_id).where(Aktivitas.url == "https://b.id/1")).one()
        session.execute(update(Aktivitas).where(Aktivitas.laporan_id == blitar).values(laporan_id=9_999))
    with Session(loaded) as session:
        drifts = [p.pesan for p in periksa_konsistensi(session).penyimpangan if p.jenis == "aktivitas"]
    assert drifts == [
        "1 baris kegiatan menunjuk laporan #9999 yang tidak ada; baris itu tidak dihitung di peringkat mana pun."
    ]


def test_json_lists_every_drift(loaded: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    _set_value(loaded, "ipse", 3)
    result = _periksa(loaded, monkeypatch, "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["konsisten"] is False and report["laporan"] == 3 and report["satker_bulan"] == 2
    assert [(p["jenis"], p["periode"]) for p in report["penyimpangan"]] == [("nilai", "2024-05")]


@pytest.mark.parametrize(
    "tamper",
    [
        delete(TautanGandaBulanan),
        delete(TautanBersama),
        update(TautanGandaRingkasan).values(jumlah=TautanGandaRingkasan.jumlah + 1),
        update(NilaiBulananLebar).values(tb_news=99.0),
        update(RingkasanPeriode).values(tb_news_bulan=1),
        delete(RingkasanPeriode).where(RingkasanPeriode.tingkat == "triwulan"),
        insert(LonjakanBulanan).values(
            satker_id=1, periode=dt.date(2024, 5, 1), kategori_kode="ipse", nilai=9.0, median_riwayat=1.0
        ),
    ],
    ids=[
        "shared-link-counts",
        "shared-links",
        "shared-link-sums",
        "pivoted-values",
        "period-months",
        "quarter-sums",
        "jumps",
    ],
)
def test_derived_tables_that_drifted_are_reported_and_recounted(
    loaded: Engine, monkeypatch: pytest.MonkeyPatch, tamper: Executable
) -> None:
    shared = laporan({"TB News": [activity(6, "https://a.id/1")]}, satker="Polres Batu")
    load_workbook(loaded, shared, "batu.xlsx", uploader=ADMIN, now=RECEIVED)  # a link Kediri Kota also has
    with Session(loaded) as session:
        assert periksa_konsistensi(session).konsisten
    with Session(loaded) as session, session.begin():
        session.execute(tamper)
    result = _periksa(loaded, monkeypatch)
    assert result.exit_code == 1 and "berbeda dari hitungan ulang" in result.output
    assert _periksa(loaded, monkeypatch, "--perbaiki").exit_code == 0
    with Session(loaded) as session:
        assert periksa_konsistensi(session).konsisten
