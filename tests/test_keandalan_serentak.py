"""Deadline night: many uploads at once through the page's load function (``load_workbook`` with
the operator as uploader), in threads as the app server runs them, on SQLite and PostgreSQL.

Every upload must end stored exactly once (or refused with a message to retry: none is expected
at these sizes); corrected versions of one report racing each other get versions 1..n in the
order they were accepted; kecepatan_laporan keeps counting from the first upload received.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from analytics.periods import hours_after_month_end
from db.konsistensi import periksa_konsistensi
from db.models import Laporan, NilaiBulanan, Satker, Unggahan
from etl.loader import load_workbook
from etl.results import LoadResult
from testdata.satker_nasional import operator_satker, tambah_satker
from testdata.workbooks import MEI_2024, RECEIVED, activity, audit_actions, laporan, rewritten

NASIONAL = 400
BASE_SATKER = "Polres Kediri Kota"


def serentak(tugas: list[Callable[[], LoadResult]]) -> list[LoadResult]:
    """Run every task in its own thread, all released together by a barrier."""
    barrier = threading.Barrier(len(tugas))

    def run(task: Callable[[], LoadResult]) -> LoadResult:
        barrier.wait()
        return task()

    with ThreadPoolExecutor(len(tugas)) as pool:
        return list(pool.map(run, tugas))


def laporan_per_satker(names: list[str]) -> dict[str, bytes]:
    """A small report for each satker, each with its own links."""
    base = laporan(
        {
            "TB News": [activity(2, "https://bukti.id/SATKER/1"), activity(3, "https://bukti.id/SATKER/2")],
            "IPSE": [activity(4, "https://bukti.id/SATKER/3")],
        },
        satker=BASE_SATKER,
    )
    return {nama: rewritten(base, {BASE_SATKER: nama, "SATKER": f"s{index}"}) for index, nama in enumerate(names)}


def _stored(engine: Engine) -> list[tuple[str, int, str, str]]:
    """(satker, versi, status, sha256) of every stored report version."""
    with Session(engine) as session:
        return list(
            session.execute(
                select(Satker.nama, Laporan.versi, Laporan.status, Unggahan.sha256)
                .join(Satker, Satker.id == Laporan.satker_id)
                .join(Unggahan, Unggahan.id == Laporan.unggahan_id)
                .order_by(Satker.nama, Laporan.versi)
            ).all()
        )


def _speed(engine: Engine) -> dict[str, float]:
    with Session(engine) as session:
        return dict(
            session.execute(
                select(Satker.nama, NilaiBulanan.nilai)
                .join(Satker, Satker.id == NilaiBulanan.satker_id)
                .where(NilaiBulanan.kategori_kode == "kecepatan_laporan")
            ).all()
        )


def _consistent(engine: Engine) -> None:
    with Session(engine) as session:
        hasil = periksa_konsistensi(session)
    assert hasil.konsisten, [p.pesan for p in hasil.penyimpangan]


def _every_satker_uploads_at_once(engine: Engine, names: list[str]) -> None:
    operators = operator_satker(engine)
    files = laporan_per_satker(names)
    received = {nama: RECEIVED + dt.timedelta(minutes=index) for index, nama in enumerate(names)}
    results = serentak(
        [
            (
                lambda nama=nama: load_workbook(
                    engine, files[nama], f"{nama}.xlsx", uploader=operators[nama], now=received[nama]
                )
            )
            for nama in names
        ]
    )
    assert [(r.status, r.versi, r.coba_lagi) for r in results] == [("loaded", 1, False)] * len(names), [
        r.message for r in results if r.status != "loaded"
    ]
    stored = _stored(engine)
    assert sorted(stored) == sorted((nama, 1, "aktif", hashlib.sha256(files[nama]).hexdigest()) for nama in names)
    assert _speed(engine) == {nama: hours_after_month_end(MEI_2024, received[nama]) for nama in names}
    assert audit_actions(engine).count("unggah_laporan") == len(names)
    _consistent(engine)


def test_every_satker_of_the_polda_uploads_at_once_and_each_is_stored_once(engine: Engine) -> None:
    with Session(engine) as session:
        names = list(session.scalars(select(Satker.nama).order_by(Satker.id)))
    assert len(names) == 39
    _every_satker_uploads_at_once(engine, names)


def test_four_hundred_satker_upload_at_once_and_each_is_stored_once(engine: Engine) -> None:
    tambah_satker(engine, NASIONAL)
    with Session(engine) as session:
        names = list(session.scalars(select(Satker.nama).order_by(Satker.id)))
    assert len(names) == NASIONAL
    _every_satker_uploads_at_once(engine, names)


def _versions(count: int) -> list[bytes]:
    """Corrected versions of one report: version i has i + 1 TB News rows."""
    return [
        laporan({"TB News": [activity(2, f"https://koreksi.id/{i}/{j}") for j in range(i + 1)]}) for i in range(count)
    ]


def test_corrected_versions_racing_each_get_one_version_in_the_order_accepted(engine: Engine) -> None:
    files = _versions(8)
    operator = operator_satker(engine)[BASE_SATKER]
    received = [RECEIVED + dt.timedelta(seconds=7 * i) for i in range(len(files))]
    results = serentak(
        [
            (lambda i=i: load_workbook(engine, files[i], f"koreksi-{i}.xlsx", uploader=operator, now=received[i]))
            for i in range(len(files))
        ]
    )
    assert {r.status for r in results} == {"loaded"}
    assert sorted(r.versi for r in results) == list(range(1, len(files) + 1))
    sha_of_version = {r.versi: hashlib.sha256(files[i]).hexdigest() for i, r in enumerate(results)}
    stored = _stored(engine)
    assert [(versi, sha) for _, versi, _, sha in stored] == sorted(sha_of_version.items())
    assert [status for _, _, status, _ in stored] == ["digantikan"] * (len(files) - 1) + ["aktif"]
    with Session(engine) as session:
        accepted = list(session.scalars(select(Laporan.unggahan_id).order_by(Laporan.versi)))
        tb_news = session.scalar(select(NilaiBulanan.nilai).where(NilaiBulanan.kategori_kode == "tb_news"))
    assert accepted == sorted(accepted)  # version order is the order the uploads were accepted in
    newest = next(i for i, r in enumerate(results) if r.versi == len(files))
    assert tb_news == newest + 1
    # The earliest reception among the accepted uploads, whichever won the race to version 1.
    assert _speed(engine)[BASE_SATKER] == hours_after_month_end(MEI_2024, min(received))
    _consistent(engine)


def test_the_same_file_sent_many_times_at_once_is_stored_once(engine: Engine) -> None:
    operator = operator_satker(engine)[BASE_SATKER]
    (data,) = _versions(1)
    results = serentak(
        [
            (
                lambda i=i: load_workbook(
                    engine, data, f"mei ({i}).xlsx", uploader=operator, now=RECEIVED + dt.timedelta(seconds=i)
                )
            )
            for i in range(6)
        ]
    )
    assert sorted(r.status for r in results) == ["loaded"] + ["unchanged"] * 5
    assert len(_stored(engine)) == 1
    _consistent(engine)


def test_corrections_racing_after_the_first_upload_keep_its_speed(engine: Engine) -> None:
    operator = operator_satker(engine)[BASE_SATKER]
    first, *corrections = _versions(6)
    assert load_workbook(engine, first, "mei.xlsx", uploader=operator, now=RECEIVED).versi == 1
    later = RECEIVED + dt.timedelta(days=2)
    results = serentak(
        [
            (lambda data=data: load_workbook(engine, data, "mei-revisi.xlsx", uploader=operator, now=later))
            for data in corrections
        ]
    )
    assert sorted(r.versi for r in results) == [2, 3, 4, 5, 6]
    # 3 June 2024 09:00 WIB, 57 hours after the end of May: the corrections do not change it.
    assert _speed(engine)[BASE_SATKER] == 57.0
    _consistent(engine)
