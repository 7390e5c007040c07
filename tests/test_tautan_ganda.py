"""Shared links (the same link claimed by two satker in one month) are pre-counted by the loader;
the count always equals a brute-force recount from the activity rows of the active versions."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from pathlib import Path

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from analytics.periods import parse_rentang, rentang_bulan, rentang_tahun
from db.models import Aktivitas, Laporan, TautanBersama, TautanGandaBulanan, TautanGandaRingkasan, kunci_tautan
from db.tautan_ganda import tautan_ganda
from etl.batch import load_files
from etl.demo import remove_demo, store_demo
from etl.loader import load_workbook
from testdata.workbooks import MEI_2024, RECEIVED, activity, laporan

SHARED = "https://instagram.com/p/bersama"


def _brute_force(engine: Engine) -> dict[tuple[int, dt.date, str], int]:
    """(satker, month, kategori) → rows whose link another satker also has that month."""
    with Session(engine) as session:
        rows = session.execute(
            select(Aktivitas.satker_id, Aktivitas.periode, Aktivitas.kategori_kode, Aktivitas.url)
            .join(Laporan, Laporan.id == Aktivitas.laporan_id)
            .where(Laporan.status == "aktif")
        ).all()
    holders: dict[tuple[dt.date, str], set[int]] = defaultdict(set)
    for satker_id, periode, _, url in rows:
        holders[(periode, url)].add(satker_id)
    return dict(
        Counter(
            (satker_id, periode, kode) for satker_id, periode, kode, url in rows if len(holders[(periode, url)]) > 1
        )
    )


def _stored(engine: Engine) -> dict[tuple[int, dt.date, str], int]:
    """The pre-counted rows, after checking the stored link set against the activity rows too."""
    with Session(engine) as session:
        rows = session.execute(
            select(Aktivitas.satker_id, Aktivitas.periode, Aktivitas.url)
            .join(Laporan, Laporan.id == Aktivitas.laporan_id)
            .where(Laporan.status == "aktif")
        ).all()
        holders: dict[tuple[dt.date, str], set[int]] = defaultdict(set)
        for satker_id, periode, url in rows:
            holders[(periode, url)].add(satker_id)
        links = {(row.periode, row.url) for row in session.scalars(select(TautanBersama))}
        assert links == {key for key, satker in holders.items() if len(satker) > 1}
        monthly = {
            (row.satker_id, row.periode, row.kategori_kode): row.jumlah
            for row in session.scalars(select(TautanGandaBulanan))
        }
        summaries = {
            (row.tingkat, row.awal, row.satker_id, row.kategori_kode): row.jumlah
            for row in session.scalars(select(TautanGandaRingkasan))
        }
    assert summaries == _summed_per_quarter_and_year(monthly)
    return monthly


def _summed_per_quarter_and_year(monthly: dict[tuple[int, dt.date, str], int]) -> dict[tuple[object, ...], int]:
    sums: Counter[tuple[object, ...]] = Counter()
    for (satker_id, periode, kode), jumlah in monthly.items():
        triwulan = dt.date(periode.year, (periode.month - 1) // 3 * 3 + 1, 1)
        sums[("triwulan", triwulan, satker_id, kode)] += jumlah
        sums[("tahun", dt.date(periode.year, 1, 1), satker_id, kode)] += jumlah
    return dict(sums)


def _jumlah(shared: dict[str, dict[int, int]]) -> set[int]:
    """The distinct counts a period's shared-link flags carry, over every kategori and satker."""
    return {jumlah for per_satker in shared.values() for jumlah in per_satker.values()}


def _june_row(link: str) -> tuple[object, ...]:
    return (None, dt.datetime(2024, 6, 3), "Kegiatan", "Instagram", link)


def _report(satker: str, *links: str, sheet: str = "TB News") -> bytes:
    return laporan({sheet: [activity(2 + i, link) for i, link in enumerate(links)]}, satker=satker)


def test_a_link_claimed_by_two_satker_counts_for_both(engine: Engine) -> None:
    load_workbook(engine, _report("Polres Batu", SHARED, "https://a.id/batu"), "batu.xlsx", now=RECEIVED)
    assert _stored(engine) == {}
    load_workbook(engine, _report("Polres Blitar", SHARED, sheet="IPSE"), "blitar.xlsx", now=RECEIVED)
    assert _stored(engine) == _brute_force(engine)
    assert sorted(_stored(engine).values()) == [1, 1]
    with Session(engine) as session:
        shared = tautan_ganda(session, rentang_bulan(MEI_2024))
    assert {kode: list(per_satker.values()) for kode, per_satker in shared.items()} == {"ipse": [1], "tb_news": [1]}


def test_a_link_repeated_by_one_satker_in_two_kategori_is_not_shared(engine: Engine) -> None:
    book = laporan({"TB News": [activity(2, SHARED)], "IPSE": [activity(2, SHARED)]}, satker="Polres Batu")
    load_workbook(engine, book, "batu.xlsx", now=RECEIVED)
    assert _stored(engine) == {} == _brute_force(engine)


def test_a_correction_that_drops_the_link_clears_the_other_satker_too(engine: Engine) -> None:
    load_workbook(engine, _report("Polres Batu", SHARED), "batu.xlsx", now=RECEIVED)
    load_workbook(engine, _report("Polres Blitar", SHARED), "blitar.xlsx", now=RECEIVED)
    load_workbook(engine, _report("Polres Batu", "https://a.id/lain"), "batu_v2.xlsx", now=RECEIVED)
    assert _stored(engine) == {} == _brute_force(engine)


def test_links_in_different_months_are_not_shared(engine: Engine) -> None:
    load_workbook(engine, _report("Polres Batu", SHARED), "batu.xlsx", now=RECEIVED)
    juni = laporan({"TB News": [_june_row(SHARED)]}, satker="Polres Blitar", periode=dt.date(2024, 6, 1))
    assert load_workbook(engine, juni, "blitar_juni.xlsx", now=RECEIVED + dt.timedelta(days=30)).status == "loaded"
    assert _stored(engine) == {} == _brute_force(engine)


def test_a_folder_load_counts_once_at_the_end_and_agrees(engine: Engine, tmp_path: Path) -> None:
    paths = []
    for index, satker in enumerate(["Polres Batu", "Polres Blitar", "Polres Jember"]):
        path = tmp_path / f"{index}.xlsx"
        path.write_bytes(_report(satker, SHARED, f"https://a.id/{index}"))
        paths.append(path)
    assert [r.status for r in load_files(engine, paths, workers=2)] == ["loaded"] * 3
    assert _stored(engine) == _brute_force(engine)
    assert sum(_stored(engine).values()) == 3


def _folder(tmp_path: Path, *reports: tuple[str, bytes]) -> list[Path]:
    paths = []
    for index, (satker, data) in enumerate(reports):
        path = tmp_path / f"{index}-{satker}.xlsx"
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_a_folder_load_finds_links_shared_with_reports_stored_before(engine: Engine, tmp_path: Path) -> None:
    load_workbook(engine, _report("Polres Batu", SHARED, "https://a.id/batu"), "batu.xlsx", now=RECEIVED)
    paths = _folder(
        tmp_path,
        ("Polres Blitar", _report("Polres Blitar", SHARED)),
        ("Polres Jember", _report("Polres Jember", "https://a.id/jember")),
    )
    assert [r.status for r in load_files(engine, paths, workers=2)] == ["loaded"] * 2
    assert _stored(engine) == _brute_force(engine)
    assert sum(_stored(engine).values()) == 2


def test_a_version_superseded_within_the_folder_no_longer_shares_its_links(engine: Engine, tmp_path: Path) -> None:
    paths = _folder(
        tmp_path,
        ("Polres Batu", _report("Polres Batu", SHARED)),
        ("Polres Blitar", _report("Polres Blitar", SHARED)),
        ("Polres Batu", _report("Polres Batu", "https://a.id/koreksi")),
    )
    assert [r.status for r in load_files(engine, paths, workers=2)] == ["loaded"] * 3
    assert _stored(engine) == {} == _brute_force(engine)


def test_a_folder_loaded_again_with_one_new_report_keeps_the_shared_links(engine: Engine, tmp_path: Path) -> None:
    paths = _folder(
        tmp_path, ("Polres Batu", _report("Polres Batu", SHARED)), ("Polres Blitar", _report("Polres Blitar", SHARED))
    )
    list(load_files(engine, paths, workers=2))
    jember = tmp_path / "9-Polres Jember.xlsx"
    jember.write_bytes(_report("Polres Jember", SHARED))
    assert [r.status for r in load_files(engine, [*paths, jember], workers=2)] == ["unchanged", "unchanged", "loaded"]
    assert _stored(engine) == _brute_force(engine)
    assert sum(_stored(engine).values()) == 3


def test_a_folder_loaded_again_repairs_the_count_a_killed_load_never_made(engine: Engine, tmp_path: Path) -> None:
    paths = _folder(
        tmp_path, ("Polres Batu", _report("Polres Batu", SHARED)), ("Polres Blitar", _report("Polres Blitar", SHARED))
    )
    list(load_files(engine, paths, workers=2))
    with Session(engine) as session, session.begin():  # as left by a load killed before its final count
        session.execute(delete(TautanBersama))
        session.execute(delete(TautanGandaBulanan))
    assert [r.status for r in load_files(engine, paths, workers=2)] == ["unchanged", "unchanged"]
    assert _stored(engine) == _brute_force(engine)
    assert sum(_stored(engine).values()) == 2


def test_demo_data_is_counted_and_its_removal_recounts_real_reports(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        store_demo(session)
    assert _stored(engine) == _brute_force(engine)
    with Session(engine) as session:
        demo_link = session.scalar(
            select(Aktivitas.url)
            .join(Laporan, Laporan.id == Aktivitas.laporan_id)
            .where(Laporan.status == "aktif", Laporan.periode == MEI_2024)
            .limit(1)
        )
    assert demo_link is not None
    load_workbook(engine, _report("Polres Batu", demo_link), "batu_asli.xlsx", now=RECEIVED)
    with Session(engine) as session, session.begin():
        remove_demo(session)
    assert _stored(engine) == {} == _brute_force(engine)


def test_a_year_sums_the_months(engine: Engine) -> None:
    load_workbook(engine, _report("Polres Batu", SHARED), "batu.xlsx", now=RECEIVED)
    load_workbook(engine, _report("Polres Blitar", SHARED), "blitar.xlsx", now=RECEIVED)
    juni = {
        satker: laporan({"TB News": [_june_row(SHARED)]}, satker=satker, periode=dt.date(2024, 6, 1))
        for satker in ("Polres Batu", "Polres Blitar")
    }
    for satker, book in juni.items():
        assert (
            load_workbook(engine, book, f"{satker}_juni.xlsx", now=RECEIVED + dt.timedelta(days=30)).status == "loaded"
        )
    assert sum(_stored(engine).values()) == 4
    with Session(engine) as session:
        assert _jumlah(tautan_ganda(session, rentang_tahun(2024))) == {2}
        # A quarter and a month (April–June from the summaries, July monthly), and two single months.
        assert _jumlah(tautan_ganda(session, parse_rentang("2024-04..2024-07"))) == {2}
        assert _jumlah(tautan_ganda(session, parse_rentang("2024-05..2024-06"))) == {2}
        assert _jumlah(tautan_ganda(session, parse_rentang("2024-06..2024-09"))) == {1}


def _colliding_links() -> tuple[str, str]:
    """Two different links with the same 32-bit key (found by the birthday bound, ~10⁵ tries)."""
    seen: dict[int, str] = {}
    for number in range(1_000_000):
        link = f"https://a.id/{hashlib.md5(str(number).encode()).hexdigest()}"  # varied bytes, unlike a counter
        key = kunci_tautan(link)
        if key in seen:
            return seen[key], link
        seen[key] = link
    raise AssertionError("no collision found")


def test_links_with_the_same_key_are_still_different_links(engine: Engine) -> None:
    first, second = _colliding_links()
    assert first != second and kunci_tautan(first) == kunci_tautan(second)
    load_workbook(engine, _report("Polres Batu", first), "batu.xlsx", now=RECEIVED)
    load_workbook(engine, _report("Polres Blitar", second), "blitar.xlsx", now=RECEIVED)
    assert _stored(engine) == {} == _brute_force(engine)
    load_workbook(engine, _report("Polres Jember", first), "jember.xlsx", now=RECEIVED)
    assert sorted(_stored(engine).values()) == [1, 1] and _stored(engine) == _brute_force(engine)


def test_a_folder_load_tells_links_with_the_same_key_apart(engine: Engine, tmp_path: Path) -> None:
    first, second = _colliding_links()
    paths = _folder(
        tmp_path, ("Polres Batu", _report("Polres Batu", first)), ("Polres Blitar", _report("Polres Blitar", second))
    )
    assert [r.status for r in load_files(engine, paths, workers=2)] == ["loaded"] * 2
    assert _stored(engine) == {} == _brute_force(engine)
