"""National scale, scaled down: the benchmark's generator (a few Polda, a few months) on both
databases, and every fast path — pre-aggregated monthly values, pre-counted shared links, the
Polda comparison — agreeing with a brute-force recount from the activity rows."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from analytics.integritas import cari_lonjakan
from analytics.izin import Pelaku
from analytics.kategori import KECEPATAN, KODE_KATEGORI
from analytics.perbandingan import peringkat_polda
from analytics.periods import Rentang, parse_rentang, rentang_bulan
from cli.main import main
from db.akun import tambah_pengguna
from db.models import (
    Aktivitas,
    Laporan,
    LonjakanBulanan,
    NilaiBulanan,
    NilaiBulananLebar,
    RingkasanPeriode,
    Satker,
    TautanBersama,
)
from db.nilai_turunan import hitung_ulang_turunan
from db.queries import cari_polda
from db.queries_peringkat import aggregate_polda, list_polda_aktif
from services.peringkat import build_kategori_ranking, build_rankings
from testdata.nasional import BULAN_TERAKHIR, generate_national
from tests.test_pages import (
    KATA_SANDI_UJI,
    activity_counts,
    brute_force_ranking,
    choose,
    ensure_account,
    first_upload,
    hours_late,
    open_app,
    satker_of,
    show,
    table,
)

KUARTAL = Rentang(dt.date(2025, 10, 1), BULAN_TERAKHIR)
PERIODS = [rentang_bulan(BULAN_TERAKHIR), KUARTAL, parse_rentang("2025"), parse_rentang("2025-09..2025-12")]
PERIOD_IDS = ["bulan", "triwulan", "tahun", "rentang"]


@pytest.fixture
def nasional(engine: Engine) -> Engine:
    summary = generate_national(engine, satker=70, bulan=4, baris=12_000, benih=7, polda_limit=4)
    assert (summary.polda, summary.satker, summary.bulan) == (4, 70, 4)
    return engine


def test_generator_spreads_satker_over_the_polda(nasional: Engine) -> None:
    with Session(nasional) as session:
        per_polda = dict(session.execute(select(Satker.polda_id, func.count()).group_by(Satker.polda_id)).all())
        rows = session.scalar(select(func.count()).select_from(Aktivitas))
        shared = session.scalar(select(func.count()).select_from(TautanBersama))
    assert sorted(per_polda.values()) == [10, 10, 11, 39]
    assert 9_000 < (rows or 0) < 15_000 and (shared or 0) > 0


@pytest.mark.parametrize("rentang", PERIODS, ids=PERIOD_IDS)
def test_national_ranking_equals_a_recount_of_the_activity_rows(nasional: Engine, rentang: Rentang) -> None:
    with Session(nasional) as session:
        hasil = build_rankings(session, None, rentang)
        names = satker_of(session, None, rentang.akhir)
        counts = activity_counts(session, None, rentang)
    assert len(names) == 70
    for kode, per_satker in counts.items():
        shown = [(row.rank, row.satker, row.value) for row in hasil.baris(kode)]
        assert shown == [
            (rank, satker, float(value)) for rank, satker, value in brute_force_ranking(per_satker, names)
        ], kode


def test_national_speed_ranking_uses_the_first_upload_and_the_penalty(nasional: Engine) -> None:
    periode = BULAN_TERAKHIR
    with Session(nasional) as session:
        hasil = build_rankings(session, None, rentang_bulan(periode))
        names = satker_of(session, None, periode)
        sent = first_upload(session, periode)
    late = {sid: hours_late(periode, sent[sid]) for sid in names if sid in sent}
    penalty = max(720.0, max(late.values()))
    expected = brute_force_ranking({sid: late.get(sid, penalty) for sid in names}, names, lower_is_better=True)
    assert [(row.rank, row.satker, row.value) for row in hasil.baris(KECEPATAN)] == expected


@pytest.mark.parametrize("rentang", PERIODS, ids=PERIOD_IDS)
def test_national_speed_over_a_period_counts_a_missing_month_as_the_slowest_one(
    nasional: Engine, rentang: Rentang
) -> None:
    """Over several months (stored years, quarters and single months combined) a month without a
    report counts as the slowest report of the period when that was over 720 hours."""
    with Session(nasional) as session:
        names = satker_of(session, None, rentang.akhir)
        late = {m: {s: hours_late(m, t) for s, t in first_upload(session, m).items()} for m in rentang.bulan}
        slowest = max(hours for per_month in late.values() for hours in per_month.values())
        if slowest <= 720.0:  # make one report of the period slower than the default penalty
            month = max(m for m in rentang.bulan if late[m])
            satker_id = min(late[month])
            laporan = session.scalars(
                select(Laporan).where(Laporan.satker_id == satker_id, Laporan.periode == month, Laporan.versi == 1)
            ).one()
            laporan.dikirim_pada += dt.timedelta(hours=800)
            late[month][satker_id] = hours_late(month, laporan.dikirim_pada)
            session.execute(
                update(NilaiBulanan)
                .where(
                    NilaiBulanan.satker_id == satker_id,
                    NilaiBulanan.periode == month,
                    NilaiBulanan.kategori_kode == KECEPATAN,
                )
                .values(nilai=late[month][satker_id])
            )
            hitung_ulang_turunan(session, [(satker_id, month)])
        hasil = build_rankings(session, None, rentang)
    aktif = [m for m in rentang.bulan if late[m]]
    penalty = max(720.0, *(hours for m in aktif for hours in late[m].values()))
    assert penalty > 720.0
    values = {
        sid: round((sum(late[m][sid] for m in aktif if sid in late[m]) + penalty * missing) / len(aktif), 2)
        for sid in names
        for missing in [sum(1 for m in aktif if sid not in late[m])]
    }
    shown = {row.satker_id: row.value for row in hasil.baris(KECEPATAN)}
    assert shown.keys() == values.keys()
    # Equal up to the last rounding step: the stored pieces sum the hours in another order.
    assert all(abs(shown[sid] - value) <= 0.011 for sid, value in values.items())


def test_polda_ranking_is_the_national_one_restricted_to_its_satker(nasional: Engine) -> None:
    with Session(nasional) as session:
        polda = list_polda_aktif(session)
        per_polda = {p.id: build_rankings(session, p.id, KUARTAL).baris("tb_news") for p in polda}
        national = build_rankings(session, None, KUARTAL).baris("tb_news")
    assert sum(len(rows) for rows in per_polda.values()) == len(national)
    value = {row.satker_id: row.value for row in national}
    for rows in per_polda.values():
        assert all(row.value == value[row.satker_id] for row in rows)
        assert next(row.rank for row in rows) == 1


def test_shared_link_flags_equal_a_recount(nasional: Engine) -> None:
    with Session(nasional) as session:
        rows = session.execute(
            select(Aktivitas.satker_id, Aktivitas.periode, Aktivitas.kategori_kode, Aktivitas.url)
            .join(Laporan, Laporan.id == Aktivitas.laporan_id)
            .where(Laporan.status == "aktif", Laporan.periode.between(KUARTAL.awal, KUARTAL.akhir))
        ).all()
        hasil = build_rankings(session, None, KUARTAL)
    holders: dict[tuple[dt.date, str], set[int]] = defaultdict(set)
    for satker_id, periode, _, url in rows:
        holders[(periode, url)].add(satker_id)
    expected: dict[tuple[int, str], int] = defaultdict(int)
    for satker_id, periode, kode, url in rows:
        if len(holders[(periode, url)]) > 1:
            expected[(satker_id, kode)] += 1
    flagged = {
        (row.satker_id, kode): int(flag.split()[0])
        for kode in hasil.per_kategori
        for row in hasil.baris(kode)
        for flag in row.flags
        if "tautan" in flag
    }
    assert expected and flagged == dict(expected)


def test_pivoted_rows_hold_exactly_the_monthly_values(nasional: Engine) -> None:
    with Session(nasional) as session:
        narrow = {(n.satker_id, n.periode, n.kategori_kode): n.nilai for n in session.scalars(select(NilaiBulanan))}
        wide = {
            (row.satker_id, row.periode, kode): getattr(row, kode)
            for row in session.scalars(select(NilaiBulananLebar))
            for kode in KODE_KATEGORI
            if getattr(row, kode) is not None
        }
    assert narrow and wide == narrow


def test_period_sums_equal_a_recount_of_the_pivoted_rows(nasional: Engine) -> None:
    """Every quarter and year summary holds the sum, the filled months and the largest value of
    its months, recomputed here from the monthly rows without the summary code."""
    expected: dict[tuple[str, dt.date, int], dict[str, tuple[float, int, float]]] = defaultdict(dict)
    with Session(nasional) as session:
        monthly = session.scalars(select(NilaiBulananLebar)).all()
        for tingkat, panjang in (("tahun", 12), ("triwulan", 3)):
            for row in monthly:
                awal = dt.date(row.periode.year, row.periode.month - (row.periode.month - 1) % panjang, 1)
                for kode in KODE_KATEGORI:
                    if (nilai := getattr(row, kode)) is None:
                        continue
                    total, mask, maks = expected[(tingkat, awal, row.satker_id)].get(kode, (0.0, 0, nilai))
                    bit = 1 << (row.periode.month - awal.month)
                    expected[(tingkat, awal, row.satker_id)][kode] = (total + nilai, mask | bit, max(maks, nilai))
        stored = {
            (r.tingkat, r.awal, r.satker_id): {
                kode: (getattr(r, kode), getattr(r, f"{kode}_bulan"), getattr(r, f"{kode}_maks"))
                for kode in KODE_KATEGORI
                if getattr(r, f"{kode}_bulan")
            }
            for r in session.scalars(select(RingkasanPeriode))
        }
    assert len([key for key in expected if key[0] == "tahun"]) == 70 and stored == expected


def test_stored_jumps_equal_a_recomputation_from_the_monthly_values(nasional: Engine) -> None:
    with Session(nasional) as session:
        series: dict[str, dict[int, dict[dt.date, float]]] = defaultdict(lambda: defaultdict(dict))
        for n in session.scalars(select(NilaiBulanan).where(NilaiBulanan.kategori_kode != KECEPATAN)):
            series[n.kategori_kode][n.satker_id][n.periode] = n.nilai
        stored = {
            (j.satker_id, j.periode, j.kategori_kode, j.nilai, j.median_riwayat)
            for j in session.scalars(select(LonjakanBulanan))
        }
    everything = Rentang(dt.date(2000, 1, 1), BULAN_TERAKHIR)
    expected = {
        (j.satker_id, j.periode, kode, j.nilai, j.median_riwayat)
        for kode, per in series.items()
        for j in cari_lonjakan(per, everything)
    }
    assert stored == expected


def test_a_jump_appears_and_goes_with_the_values_it_depends_on(nasional: Engine) -> None:
    """A month raised far above its history becomes a jump; raising the earlier months, which the
    median is taken over, makes it an ordinary month again."""

    def months(session: Session, satker_id: int) -> list[NilaiBulanan]:
        return list(
            session.scalars(
                select(NilaiBulanan)
                .where(NilaiBulanan.satker_id == satker_id, NilaiBulanan.kategori_kode == "ipse")
                .order_by(NilaiBulanan.periode)
            )
        )

    with Session(nasional) as session:
        satker_id = session.scalar(select(NilaiBulanan.satker_id).where(NilaiBulanan.kategori_kode == "ipse").limit(1))
        rows = months(session, satker_id)
        assert len(rows) == 4
        rows[-1].nilai = 10 * max(r.nilai for r in rows[:-1]) + 100
        session.flush()
        hitung_ulang_turunan(session, [(satker_id, rows[-1].periode)])
        key = (satker_id, rows[-1].periode, "ipse")
        assert session.get(LonjakanBulanan, key) is not None
        for row in rows[:-1]:
            row.nilai = rows[-1].nilai
        session.flush()
        hitung_ulang_turunan(session, [(satker_id, row.periode) for row in rows[:-1]])
        assert session.get(LonjakanBulanan, key) is None
        assert session.get(NilaiBulananLebar, (satker_id, rows[0].periode)).ipse == rows[-1].nilai


def test_polda_comparison_equals_a_recount(nasional: Engine) -> None:
    with Session(nasional) as session:
        compared = peringkat_polda(aggregate_polda(session, KUARTAL, "ipse"), "ipse")
        polda_of = dict(session.execute(select(Satker.id, Satker.polda_id)).all())
        counts = activity_counts(session, None, KUARTAL)["ipse"]
    totals: dict[int, float] = defaultdict(float)
    satker: dict[int, int] = defaultdict(int)
    for satker_id, count in counts.items():
        totals[polda_of[satker_id]] += count
        satker[polda_of[satker_id]] += 1
    average = {pid: round(totals[pid] / satker[pid], 2) for pid in totals}
    assert {row.polda_id: row.nilai for row in compared} == average
    assert [row.nilai for row in compared] == sorted(average.values(), reverse=True)


SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@SQLITE_ONLY
def test_a_national_user_starts_on_the_national_scope_and_can_compare_polda(
    nasional: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    ensure_account(_url(nasional), "pimpinan.nasional", "pimpinan")
    app = show(open_app(_url(nasional), monkeypatch, "pimpinan.nasional"), "peringkat")
    polda = app.selectbox(key="polda")
    assert polda.value is None and polda.options[0] == "Nasional (semua Polda)" and len(polda.options) == 5
    assert len(table(app)) == 70
    choose(app, "kategori", "ipse")
    show(app, "perbandingan_polda")
    rows = table(app)
    assert [row["Peringkat"] for row in rows] == [1, 2, 3, 4]
    assert {row["Satker"] for row in rows} == {10, 11, 39}


@SQLITE_ONLY
def test_a_polda_user_starts_on_their_polda_without_the_comparison(
    nasional: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Session(nasional) as session:
        aceh = cari_polda(session, "Aceh")
        assert aceh is not None
        tambah_pengguna(session, Pelaku.baris_perintah(), "pimpinan.aceh", KATA_SANDI_UJI, "pimpinan", polda_id=aceh)
        session.commit()
    app = show(open_app(_url(nasional), monkeypatch, "pimpinan.aceh"), "peringkat")
    assert app.selectbox(key="polda").value == aceh
    assert "Nasional (semua Polda)" not in app.selectbox(key="polda").options
    with Session(nasional) as session:
        satker_aceh = session.scalar(select(func.count()).where(Satker.polda_id == aceh))
    assert len(table(app)) == satker_aceh
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/perbandingan_polda.py")


@SQLITE_ONLY
def test_an_operator_starts_on_the_polda_of_their_satker(nasional: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    ensure_account(_url(nasional), "operator.batu", "operator", "Polres Batu")
    app = show(open_app(_url(nasional), monkeypatch, "operator.batu"), "peringkat")
    with Session(nasional) as session:
        jatim = cari_polda(session, "Jatim")
    assert app.selectbox(key="polda").value == jatim


@SQLITE_ONLY
def test_cli_ranks_nationally(nasional: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUMAS_DATABASE_URL", _url(nasional))
    result = CliRunner().invoke(
        main, ["ranking", "--periode", "2025-12", "--kategori", "tb_news", "--polda", "nasional", "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    with Session(nasional) as session:
        expected = build_rankings(session, None, rentang_bulan(BULAN_TERAKHIR)).baris("tb_news")
    assert [(r["rank"], r["satker"], r["value"]) for r in rows] == [(e.rank, e.satker, e.value) for e in expected]


@pytest.mark.parametrize("rentang", PERIODS, ids=PERIOD_IDS)
def test_one_kategori_alone_is_ranked_as_with_all_the_others(nasional: Engine, rentang: Rentang) -> None:
    with Session(nasional) as session:
        hasil = build_rankings(session, None, rentang)
        for kode in hasil.per_kategori:
            assert build_kategori_ranking(session, None, rentang, kode) == hasil.baris(kode), kode
