"""Beranda, rendered with Streamlit's AppTest on the demo data (SQLite): the counts, the reporting
compliance, the winner cards, Juara Umum top 10 and the official awards, compared with
``build_rankings``, the db queries and counts made straight from the activity rows.

The helpers (opening the app, brute-force counts) live in test_pages.py, which also covers what
every page shares: rendering, the DATA CONTOH banner, an empty or unreachable database.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy.orm import Session

from analytics.angka import format_angka
from analytics.kategori import JUARA_UMUM
from analytics.periods import rentang_bulan, rentang_tahun
from db.queries import list_kategori
from db.queries_peringkat import penghargaan_tahun
from tests.test_pages import (
    DESEMBER_2024,
    JULI_2024,
    JUMLAH_SATKER,
    LABEL_STATUS,
    activity_counts,
    brute_force_ranking,
    brute_force_status,
    choose,
    first_upload,
    hours_late,
    open_app,
    rankings,
    satker_of,
    session_on,
    status_metrics,
    table,
)

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

FEBRUARI_2024 = dt.date(2024, 2, 1)
MEI_2023 = dt.date(2023, 5, 1)
BADGE = {1: "orange", 2: "gray", 3: "red"}


def test_beranda_opens_on_the_latest_month(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(demo_url, monkeypatch)
    assert app.title[0].value == "Beranda"
    assert app.selectbox(key="bulan").value == DESEMBER_2024
    assert app.selectbox(key="bulan").options[:2] == ["Desember 2024", "November 2024"]
    assert app.caption[0].value == "Polda Jawa Timur · Desember 2024"


def test_beranda_counts_are_the_totals_of_the_rankings(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(demo_url, monkeypatch)
    polda_id = app.selectbox(key="polda").value
    hasil = rankings(demo_url, polda_id, rentang_bulan(DESEMBER_2024))
    with session_on(demo_url) as session:
        kategori = [k for k in list_kategori(session) if k.kode != "kecepatan_laporan"]
        counts = activity_counts(session, polda_id, rentang_bulan(DESEMBER_2024))
        november = activity_counts(session, polda_id, rentang_bulan(dt.date(2024, 11, 1)))
    shown = {m.label: m for m in app.metric}
    assert len(kategori) == 9
    for info in kategori:
        metric = shown[info.nama_sheet]
        total = sum(row.value for row in hasil.baris(info.kode))
        assert metric.value == format_angka(total) == format_angka(sum(counts[info.kode].values())), info.kode
        assert metric.delta == format_angka(total - sum(november[info.kode].values())), info.kode


def test_beranda_compliance_counts_every_satker_once_a_month(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """July 2024: 39 satker, some late, two without a report."""
    app = choose(open_app(demo_url, monkeypatch), "bulan", JULI_2024)
    polda_id = app.selectbox(key="polda").value
    with session_on(demo_url) as session:
        expected = Counter(brute_force_status(session, polda_id, JULI_2024).values())
    shown = status_metrics(app)
    assert shown == {LABEL_STATUS[kode]: expected.get(kode, 0) for kode in LABEL_STATUS}
    assert sum(shown.values()) == JUMLAH_SATKER
    assert shown["Tidak melapor"] == 2

    choose(choose(app, "jenis_periode", "tahun"), "tahun", 2024)
    assert sum(status_metrics(app).values()) == 12 * JUMLAH_SATKER


def _expected_cards(session: Session, polda_id: int, periode: dt.date) -> dict[str, list[str]]:
    """Card lines (top three, ties included) from the activity rows and report times."""
    names = satker_of(session, polda_id, periode)
    values = {
        kode: {sid: float(n) for sid, n in per_satker.items()}
        for kode, per_satker in activity_counts(session, polda_id, rentang_bulan(periode)).items()
    }
    sent = first_upload(session, periode)
    assert len(sent) == len(names), "a month in which every satker reported: no penalty hours"
    values["kecepatan_laporan"] = {sid: hours_late(periode, sent[sid]) for sid in names}
    cards = {}
    for info in list_kategori(session):
        lower = info.kode == "kecepatan_laporan"
        ranked = brute_force_ranking(values[info.kode], names, lower_is_better=lower)
        cards[info.label] = [
            f":{BADGE[rank]}-badge[:material/military_tech: {rank}] **{satker}** — "
            + (f"{format_angka(value, 1)} jam" if lower else format_angka(value))
            for rank, satker, value in ranked
            if rank <= 3
        ]
    return cards


def test_beranda_cards_show_the_top_three_of_every_kategori(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = choose(open_app(demo_url, monkeypatch), "bulan", FEBRUARI_2024)
    polda_id = app.selectbox(key="polda").value
    assert app.caption[0].value == "Polda Jawa Timur · Februari 2024"
    hasil = rankings(demo_url, polda_id, rentang_bulan(FEBRUARI_2024))
    with session_on(demo_url) as session:
        expected = _expected_cards(session, polda_id, FEBRUARI_2024)
        kategori = list_kategori(session)
    markdown = [m.value for m in app.markdown]
    assert len(expected) == 10
    for info in kategori:
        card = markdown[markdown.index(f"**{info.label}**") + 1].split("\n\n")
        assert card == expected[info.label], info.kode
        winners = [row.satker for row in hasil.baris(info.kode) if row.rank == 1]
        assert [line.split("**")[1] for line in card if "military_tech: 1]" in line] == winners, info.kode


def test_beranda_lists_the_juara_umum_top_ten(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(demo_url, monkeypatch)
    polda_id = app.selectbox(key="polda").value
    top = [
        row for row in rankings(demo_url, polda_id, rentang_bulan(DESEMBER_2024)).baris(JUARA_UMUM) if row.rank <= 10
    ]
    assert len(top) >= 10
    assert [(r["Peringkat"], r["Satker"], r["Nilai"]) for r in table(app, 0)] == [
        (row.rank, row.satker, f"{format_angka(row.value, 2)} poin") for row in top
    ]


def test_beranda_shows_official_awards_only_in_their_year(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = choose(choose(open_app(demo_url, monkeypatch), "jenis_periode", "tahun"), "tahun", 2024)
    polda_id = app.selectbox(key="polda").value
    assert app.caption[0].value == "Polda Jawa Timur · Tahun 2024"
    assert "Penghargaan resmi 2024" in [s.value for s in app.subheader]
    with session_on(demo_url) as session:
        awards = penghargaan_tahun(session, polda_id, 2024)
        label = {k.kode: k.label for k in list_kategori(session)}
    assert len(awards) >= 10
    assert table(app, 1) == [
        {"Acara": p.acara, "Kategori": label[p.kategori_kode], "Peringkat": p.peringkat, "Satker": p.satker}
        for p in awards
    ]
    # The year's Juara Umum top 10 is the yearly ranking.
    yearly = [
        row.satker for row in rankings(demo_url, polda_id, rentang_tahun(2024)).baris(JUARA_UMUM) if row.rank <= 10
    ]
    assert [r["Satker"] for r in table(app, 0)] == yearly

    choose(choose(app, "jenis_periode", "bulan"), "bulan", MEI_2023)
    assert app.caption[0].value == "Polda Jawa Timur · Mei 2023"
    assert not any(s.value.startswith("Penghargaan resmi") for s in app.subheader)
    assert len(app.dataframe) == 1
