"""DATA CONTOH: realistic, reproducible from its seed, consistent in the database, removable."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from statistics import mean

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from analytics.periods import hours_after_month_end, month_range
from db.models import Aktivitas, AuditLog, Laporan, NilaiBulanan, Penghargaan, Satker, Unggahan
from db.nilai_bulanan import hitung_ulang_nilai_bulanan
from db.queries import has_demo_data
from db.reference import REFERENCE_DIR
from etl.demo import remove_demo, store_demo
from etl.demo_data import DEMO_FIRST_MONTH, DEMO_LAST_MONTH, DemoLaporan, generate_demo

PLATFORM_URL = {
    "Instagram": r"^https://www\.instagram\.com/p/",
    "Facebook": r"^https://www\.facebook\.com/",
    "X": r"^https://x\.com/",
    "TikTok": r"^https://www\.tiktok\.com/@",
    "YouTube": r"^https://www\.youtube\.com/watch\?v=",
    "WhatsApp": r"^https://whatsapp\.com/channel/",
    "Website": r"^https://",
    "Lainnya": r"^https://",
}


def _satker() -> dict[str, str]:
    with open(REFERENCE_DIR / "satker.csv", encoding="utf-8") as handle:
        return {row["nama"]: row["wilayah"] for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def reports() -> list[DemoLaporan]:
    return generate_demo(_satker())


def _totals(reports: list[DemoLaporan]) -> Counter[str]:
    return Counter(row.kategori_kode for report in reports for row in report.aktivitas)


def _active(reports: list[DemoLaporan]) -> list[DemoLaporan]:
    latest: dict[tuple[str, dt.date], DemoLaporan] = {}
    for report in reports:
        latest[(report.satker, report.periode)] = report
    return list(latest.values())


def test_same_seed_gives_same_data() -> None:
    few = dict(list(_satker().items())[:5])
    first, second = generate_demo(few, seed=7), generate_demo(few, seed=7)
    assert _totals(first) == _totals(second)
    assert [(r.satker, r.periode, r.versi, r.dikirim_pada) for r in first] == [
        (r.satker, r.periode, r.versi, r.dikirim_pada) for r in second
    ]
    assert [a.url for r in first for a in r.aktivitas] == [a.url for r in second for a in r.aktivitas]


def test_another_seed_gives_other_data() -> None:
    few = dict(list(_satker().items())[:5])
    assert _totals(generate_demo(few, seed=7)) != _totals(generate_demo(few, seed=8))


def test_covers_39_satker_over_24_months_with_some_missing(reports: list[DemoLaporan]) -> None:
    months = month_range(DEMO_FIRST_MONTH, DEMO_LAST_MONTH)
    reported = {(r.satker, r.periode) for r in reports}
    assert len(months) == 24
    assert {r.satker for r in reports} == set(_satker())
    assert {r.periode for r in reports} == set(months)
    missing = 39 * 24 - len(reported)
    assert 0 < missing < 0.1 * 39 * 24


def test_election_and_pilkada_months_peak(reports: list[DemoLaporan]) -> None:
    per_month = Counter(r.periode for r in _active(reports) for _ in r.aktivitas)
    baseline_2023 = mean(per_month[m] for m in month_range(dt.date(2023, 1, 1), dt.date(2023, 11, 1)))
    assert per_month[dt.date(2024, 2, 1)] > 1.5 * baseline_2023
    assert per_month[dt.date(2024, 11, 1)] > 1.3 * per_month[dt.date(2024, 8, 1)]


def test_counts_are_heavy_tailed_and_units_differ_by_kategori(reports: list[DemoLaporan]) -> None:
    counts = Counter((r.satker, r.periode, a.kategori_kode) for r in _active(reports) for a in r.aktivitas)
    link = sorted(n for (_, _, kode), n in counts.items() if kode == "link_amplifikasi")
    median = link[len(link) // 2]
    assert link[-1] > 4 * median  # a long right tail
    leaders = {
        kode: Counter({s: n for (s, _, k), n in counts.items() if k == kode}).most_common(1)[0][0]
        for kode in ("link_amplifikasi", "tb_news", "ipse", "spit_konten")
    }
    assert len(set(leaders.values())) > 1  # no single satker leads everything


def test_reports_arrive_fast_late_and_corrected(reports: list[DemoLaporan]) -> None:
    first = [r for r in reports if r.versi == 1]
    hours = [hours_after_month_end(r.periode, r.dikirim_pada) for r in first]
    assert min(hours) < 12 and max(hours) > 240
    assert any(r.versi == 2 for r in reports)


def test_activity_rows_are_plausible(reports: list[DemoLaporan]) -> None:
    for report in reports[:200]:
        for row in report.aktivitas:
            assert row.tanggal.replace(day=1) == report.periode
            assert re.match(PLATFORM_URL[row.platform], row.url), row.url
            assert row.judul


def test_stored_monthly_values_match_activity_rows(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        brute = Counter(
            {
                (s, p, k): n
                for s, p, k, n in session.execute(
                    select(Aktivitas.satker_id, Aktivitas.periode, Aktivitas.kategori_kode, func.count())
                    .join(Laporan, Laporan.id == Aktivitas.laporan_id)
                    .where(Laporan.status == "aktif")
                    .group_by(Aktivitas.satker_id, Aktivitas.periode, Aktivitas.kategori_kode)
                )
            }
        )
        stored = {
            (v.satker_id, v.periode, v.kategori_kode): v.nilai
            for v in session.scalars(select(NilaiBulanan).where(NilaiBulanan.kategori_kode != "kecepatan_laporan"))
        }
        first_sent = {
            (s, p): t
            for s, p, t in session.execute(
                select(Laporan.satker_id, Laporan.periode, Laporan.dikirim_pada).where(Laporan.versi == 1)
            )
        }
        speed = {
            (v.satker_id, v.periode): v.nilai
            for v in session.scalars(select(NilaiBulanan).where(NilaiBulanan.kategori_kode == "kecepatan_laporan"))
        }
    assert stored and all(stored[key] == brute.get(key, 0) for key in stored)
    assert set(brute) <= set(stored)
    assert speed == {key: hours_after_month_end(key[1], sent) for key, sent in first_sent.items()}


def test_remove_demo_keeps_real_data(demo_engine: Engine) -> None:
    with Session(demo_engine) as session, session.begin():
        satker = session.scalars(select(Satker).order_by(Satker.id)).first()
        unggahan = Unggahan(jenis="laporan_bulanan", nama_file="laporan_mei.xlsx", sha256="a" * 64)
        sent = dt.datetime(2025, 6, 2, 3, 0, tzinfo=dt.UTC)
        real = Laporan(unggahan=unggahan, satker_id=satker.id, periode=dt.date(2025, 5, 1), dikirim_pada=sent)
        real.aktivitas.append(
            Aktivitas(
                satker_id=satker.id,
                periode=dt.date(2025, 5, 1),
                kategori_kode="tb_news",
                baris=2,
                tanggal=dt.date(2025, 5, 3),
                url="https://tribratanews.jatim.polri.go.id/a",
            )
        )
        session.add(real)
        session.flush()
        hitung_ulang_nilai_bulanan(session, [(satker.id, dt.date(2025, 5, 1))])
    with Session(demo_engine) as session, session.begin():
        summary = remove_demo(session)
    assert summary.laporan > 900 and summary.aktivitas > 100_000
    with Session(demo_engine) as session:
        assert not has_demo_data(session)
        assert session.scalar(select(func.count()).select_from(Laporan)) == 1
        assert session.scalar(select(func.count()).select_from(Aktivitas)) == 1
        values = dict(session.execute(select(NilaiBulanan.kategori_kode, NilaiBulanan.nilai)).all())
        assert values["tb_news"] == 1 and values["link_amplifikasi"] == 0 and len(values) == 10
        assert session.scalar(select(func.count()).select_from(Penghargaan)) == 10
        assert session.scalar(select(func.count()).select_from(Unggahan)) == 1
        assert session.scalar(select(AuditLog.aksi).order_by(AuditLog.id.desc()).limit(1)) == "demo_dihapus"


def test_store_demo_marks_everything_as_demo(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        summary = store_demo(session)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Laporan).where(Laporan.is_demo.is_(False))) == 0
        assert (
            session.scalar(select(func.count()).select_from(NilaiBulanan).where(NilaiBulanan.is_demo.is_(False))) == 0
        )
        assert session.scalar(select(func.count()).select_from(Aktivitas)) == summary.aktivitas
        assert all(name.startswith("DATA-CONTOH_") for name in session.scalars(select(Unggahan.nama_file)))
