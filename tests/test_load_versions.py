"""Versions, never overwrites: supersede, keep history, same file is a no-op, first upload sets speed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from db.akun import pelaku_dari, tambah_pengguna
from db.models import Aktivitas, Laporan, NilaiBulanan, Unggahan
from db.reference import find_satker
from etl.loader import load_workbook
from testdata.workbooks import MEI_2024, RECEIVED, activity, audit_actions, laporan, snapshot

V1 = laporan({"TB News": [activity(2, "https://a.id/1"), activity(3, "https://a.id/2")]})
V2 = laporan(
    {
        "TB News": [activity(2, "https://a.id/1"), activity(3, "https://a.id/2"), activity(4, "https://a.id/3")],
        "IPSE": [activity(5, "https://ipse.id/1")],
    }
)
LATER = RECEIVED + dt.timedelta(hours=20)


def _values(engine: Engine) -> dict[str, float]:
    with Session(engine) as session:
        return dict(session.execute(select(NilaiBulanan.kategori_kode, NilaiBulanan.nilai)).all())


def _versions(engine: Engine) -> list[tuple[int, str, int | None]]:
    with Session(engine) as session:
        return [
            (laporan.versi, laporan.status, laporan.digantikan_oleh_id)
            for laporan in session.scalars(select(Laporan).order_by(Laporan.versi))
        ]


def test_first_upload_is_version_one_with_its_evidence(engine: Engine) -> None:
    result = load_workbook(engine, V1, "mei.xlsx", now=RECEIVED)
    assert (result.status, result.versi, result.counts["tb_news"]) == ("loaded", 1, 2)
    with Session(engine) as session:
        unggahan = session.scalars(select(Unggahan)).one()
        laporan_ = session.scalars(select(Laporan)).one()
    assert unggahan.nama_file == "mei.xlsx" and len(unggahan.sha256) == 64 and unggahan.ukuran_byte == len(V1)
    assert laporan_.dikirim_pada == RECEIVED and laporan_.nama_operator == "Bripka Contoh"
    assert _values(engine)["tb_news"] == 2 and _values(engine)["ipse"] == 0


def test_same_file_twice_is_unchanged(engine: Engine) -> None:
    load_workbook(engine, V1, "mei.xlsx", now=RECEIVED)
    before = snapshot(engine)
    again = load_workbook(engine, V1, "mei (1).xlsx", now=LATER)
    assert again.status == "unchanged" and again.versi == 1
    assert "sama persis dengan versi 1" in again.message
    assert snapshot(engine) == before
    assert audit_actions(engine)[-1] == "unggah_tidak_berubah"


def test_new_file_supersedes_and_keeps_history(engine: Engine) -> None:
    load_workbook(engine, V1, "mei.xlsx", now=RECEIVED)
    second = load_workbook(engine, V2, "mei-revisi.xlsx", now=LATER)
    assert (second.status, second.versi) == ("loaded", 2)
    versions = _versions(engine)
    assert [(v, s) for v, s, _ in versions] == [(1, "digantikan"), (2, "aktif")]
    assert versions[0][2] is not None
    with Session(engine) as session:
        rows_per_version = {laporan.versi: len(laporan.aktivitas) for laporan in session.scalars(select(Laporan))}
    assert rows_per_version == {1: 2, 2: 4}
    assert _values(engine)["tb_news"] == 3 and _values(engine)["ipse"] == 1


def test_speed_counts_the_first_accepted_upload(engine: Engine) -> None:
    load_workbook(engine, V1, "mei.xlsx", now=RECEIVED)
    load_workbook(engine, V2, "mei-revisi.xlsx", now=LATER)
    # 3 June 2024 09:00 WIB is 57 hours after the end of May; the correction does not change it.
    assert _values(engine)["kecepatan_laporan"] == 57.0


def test_rejected_upload_does_not_count_for_speed(engine: Engine) -> None:
    broken = laporan({"TB News": [activity(2, "javascript:alert(1)")]})
    assert load_workbook(engine, broken, "salah.xlsx", now=RECEIVED).status == "rejected"
    load_workbook(engine, V1, "mei.xlsx", now=LATER)
    assert _values(engine)["kecepatan_laporan"] == 77.0


def test_rejected_correction_keeps_the_stored_version(engine: Engine) -> None:
    load_workbook(engine, V1, "mei.xlsx", now=RECEIVED)
    before = snapshot(engine)
    broken = laporan(
        {"TB News": [activity(2, "https://a.id/1"), (None, dt.date(2024, 6, 1), "x", "", "https://a.id/2")]}
    )
    result = load_workbook(engine, broken, "mei-revisi.xlsx", now=LATER)
    assert result.status == "rejected"
    assert snapshot(engine) == before


def test_reuploading_an_older_file_makes_it_current_again(engine: Engine) -> None:
    load_workbook(engine, V1, "mei.xlsx", now=RECEIVED)
    load_workbook(engine, V2, "mei-revisi.xlsx", now=LATER)
    third = load_workbook(engine, V1, "mei.xlsx", now=LATER + dt.timedelta(hours=1))
    assert (third.status, third.versi) == ("loaded", 3)
    assert _values(engine)["tb_news"] == 2


def test_report_months_are_kept_apart(engine: Engine) -> None:
    load_workbook(engine, V1, "mei.xlsx", now=RECEIVED)
    juni = laporan({"TB News": [(None, dt.date(2024, 6, 2), "x", "", "https://a.id/1")]}, periode=dt.date(2024, 6, 1))
    assert load_workbook(engine, juni, "juni.xlsx", now=RECEIVED + dt.timedelta(days=30)).versi == 1
    with Session(engine) as session:
        assert session.scalar(select(Aktivitas.periode).where(Aktivitas.tanggal == dt.date(2024, 6, 2))) == dt.date(
            2024, 6, 1
        )


ADMIN = Pelaku.baris_perintah()


def test_operator_may_not_load_for_another_satker(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        blitar = find_satker(session, "Polres Blitar")
        operator = pelaku_dari(
            tambah_pengguna(session, ADMIN, "op_blitar", "sandi-blitar-1", "operator", satker_id=blitar.id)
        )
    before = snapshot(engine)
    result = load_workbook(engine, V1, "mei.xlsx", uploader=operator, now=RECEIVED)
    assert result.status == "rejected"
    assert [(p.sheet, p.cell) for p in result.errors] == [("Identitas", "B2")]
    assert "op_blitar" in result.errors[0].message
    assert snapshot(engine) == before


def test_operator_loads_for_own_satker(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        kediri = find_satker(session, "Polres Kediri Kota")
        operator = pelaku_dari(
            tambah_pengguna(session, ADMIN, "op_kediri", "sandi-kediri-1", "operator", satker_id=kediri.id)
        )
    assert load_workbook(engine, V1, "mei.xlsx", uploader=operator, now=RECEIVED).status == "loaded"
    with Session(engine) as session:
        assert session.scalars(select(Unggahan.diunggah_oleh_id)).one() == operator.id


def test_periode_is_the_month_named_in_identitas(engine: Engine) -> None:
    result = load_workbook(engine, V1, "mei.xlsx", now=RECEIVED)
    assert result.periode == f"{MEI_2024:%Y-%m}" and result.satker == "Polres Kediri Kota"
