"""The agenda: events overlapping a month or a date range, the events a spike falls in, and the
shipped national events of 2023–2025 with the source of every date."""

from __future__ import annotations

import csv
import datetime as dt
import doctest

import pytest

import analytics.agenda
from analytics.agenda import (
    JENIS_ACARA,
    Acara,
    cari_acara,
    cari_acara_bulan,
    cari_acara_rentang,
    format_bulan_acara,
    format_keterangan_lonjakan,
    format_tanggal_acara,
    parse_agenda_csv,
    susun_tanda_bulanan,
)
from analytics.integritas import Lonjakan, cari_lonjakan
from analytics.periods import month_range, parse_rentang
from db.reference import REFERENCE_DIR

D = dt.date
AGENDA_CSV = (REFERENCE_DIR / "agenda.csv").read_text(encoding="utf-8")
SHIPPED = parse_agenda_csv(AGENDA_CSV)


def acara(mulai: dt.date, selesai: dt.date, nama: str = "Acara", polda: str | None = None) -> Acara:
    return Acara(mulai, selesai, nama, "operasi", polda, "https://contoh.polri.go.id/berita")


LILIN = acara(D(2023, 12, 22), D(2024, 1, 2), "Operasi Lilin 2023")
KETUPAT = acara(D(2024, 4, 4), D(2024, 4, 16), "Operasi Ketupat 2024")
PEMILU = Acara(D(2024, 2, 14), D(2024, 2, 14), "Pemungutan suara Pemilu 2024", "pemilu", None, "https://kpu.go.id")
ZEBRA_JAYA = acara(D(2023, 9, 18), D(2023, 10, 1), "Operasi Zebra Jaya 2023", polda="Polda Metro Jaya")
AGENDA = [KETUPAT, PEMILU, LILIN, ZEBRA_JAYA]


def names(events: list[Acara]) -> list[str]:
    return [a.nama for a in events]


def test_docstring_examples() -> None:
    result = doctest.testmod(analytics.agenda)
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------------------------------------
# Overlap: inclusive on both ends, in any view
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("awal", "akhir", "expected"),
    [
        (D(2024, 4, 16), D(2024, 4, 16), ["Operasi Ketupat 2024"]),
        (D(2024, 4, 17), D(2024, 4, 30), []),
        (D(2024, 3, 1), D(2024, 4, 4), ["Operasi Ketupat 2024"]),
        (D(2024, 3, 1), D(2024, 4, 3), []),
        (D(2024, 4, 10), D(2024, 4, 11), ["Operasi Ketupat 2024"]),
        (
            D(2024, 1, 1),
            D(2024, 12, 31),
            ["Operasi Lilin 2023", "Pemungutan suara Pemilu 2024", "Operasi Ketupat 2024"],
        ),
        (D(2023, 12, 31), D(2024, 1, 1), ["Operasi Lilin 2023"]),
        (D(2022, 1, 1), D(2022, 12, 31), []),
    ],
    ids=[
        "last-day",
        "day-after",
        "first-day",
        "day-before",
        "inside",
        "year-in-start-order",
        "across-new-year",
        "nothing",
    ],
)
def test_events_overlapping_a_date_range(awal: dt.date, akhir: dt.date, expected: list[str]) -> None:
    assert names(cari_acara(AGENDA, awal, akhir)) == expected


def test_a_range_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="sebelum"):
        cari_acara(AGENDA, D(2024, 2, 1), D(2024, 1, 1))


@pytest.mark.parametrize(
    ("periode", "expected"),
    [
        (D(2023, 12, 1), ["Operasi Lilin 2023"]),
        (D(2024, 1, 1), ["Operasi Lilin 2023"]),
        (D(2024, 1, 20), ["Operasi Lilin 2023"]),
        (D(2024, 2, 1), ["Pemungutan suara Pemilu 2024"]),
        (D(2024, 3, 1), []),
    ],
    ids=["event-starts", "event-ends", "any-day-means-the-month", "one-day-event", "empty-month"],
)
def test_events_of_a_month(periode: dt.date, expected: list[str]) -> None:
    assert names(cari_acara_bulan(AGENDA, periode)) == expected


@pytest.mark.parametrize(
    ("polda", "expected"),
    [
        (None, []),
        ("Polda Metro Jaya", ["Operasi Zebra Jaya 2023"]),
        ("Polda Jawa Timur", []),
    ],
    ids=["national-view-hides-polda-events", "own-polda", "other-polda"],
)
def test_polda_events_only_in_that_polda_view(polda: str | None, expected: list[str]) -> None:
    assert names(cari_acara_bulan(AGENDA, D(2023, 9, 1), polda)) == expected
    assert names(cari_acara_bulan(AGENDA, D(2024, 2, 1), polda)) == ["Pemungutan suara Pemilu 2024"]


def test_events_of_a_period_of_months_reach_its_last_day() -> None:
    assert names(cari_acara_rentang(AGENDA, parse_rentang("2024-Q1"))) == [
        "Operasi Lilin 2023",
        "Pemungutan suara Pemilu 2024",
    ]
    only_end = acara(D(2024, 3, 31), D(2024, 3, 31), "Akhir Maret")
    assert names(cari_acara_rentang([only_end], parse_rentang("2024-Q1"))) == ["Akhir Maret"]
    assert cari_acara_rentang([only_end], parse_rentang("2024-04")) == []


def test_chart_marks_every_month_an_event_touches() -> None:
    bulan = month_range(D(2023, 11, 1), D(2024, 2, 1))
    marks = susun_tanda_bulanan(AGENDA, bulan)
    assert list(marks) == bulan
    assert {periode: names(events) for periode, events in marks.items()} == {
        D(2023, 11, 1): [],
        D(2023, 12, 1): ["Operasi Lilin 2023"],
        D(2024, 1, 1): ["Operasi Lilin 2023"],
        D(2024, 2, 1): ["Pemungutan suara Pemilu 2024"],
    }
    assert format_bulan_acara(D(2024, 1, 1), marks[D(2024, 1, 1)]) == "Januari 2024: Operasi Lilin 2023"
    assert format_bulan_acara(D(2023, 11, 1), []) == "November 2023"


# ---------------------------------------------------------------------------------------------
# Spikes: which event a satker-month jump falls in
# ---------------------------------------------------------------------------------------------


def acara_lonjakan(agenda: list[Acara], jump: Lonjakan, polda: str | None = None) -> list[Acara]:
    """The events a spike flag names, looked up as the ranking does: its month's marks."""
    return susun_tanda_bulanan(agenda, [jump.periode], polda)[jump.periode]


def test_a_spike_found_by_the_integrity_check_names_the_events_of_its_month() -> None:
    history = {D(2023, m, 1): 10.0 for m in range(8, 13)} | {D(2024, 1, 1): 12.0, D(2024, 2, 1): 90.0}
    jumps = cari_lonjakan({7: history}, parse_rentang("2024-01..2024-02"))
    assert [(j.satker_id, j.periode) for j in jumps] == [(7, D(2024, 2, 1))]
    events = acara_lonjakan(AGENDA, jumps[0])
    assert names(events) == ["Pemungutan suara Pemilu 2024"]
    assert format_keterangan_lonjakan(jumps[0], events).endswith(
        "bertepatan dengan Pemungutan suara Pemilu 2024 (14 Februari 2024)"
    )


def test_a_spike_in_a_quiet_month_keeps_its_plain_text() -> None:
    jump = Lonjakan(7, D(2024, 3, 1), 90.0, 10.0)
    assert acara_lonjakan(AGENDA, jump) == []
    assert format_keterangan_lonjakan(jump, []) == jump.keterangan


def test_a_spike_of_a_polda_satker_sees_its_polda_events() -> None:
    jump = Lonjakan(3, D(2023, 10, 1), 200.0, 20.0)
    assert acara_lonjakan(AGENDA, jump) == []
    assert names(acara_lonjakan(AGENDA, jump, "Polda Metro Jaya")) == ["Operasi Zebra Jaya 2023"]


def test_a_spike_in_a_month_of_two_events_names_both_in_start_order() -> None:
    jump = Lonjakan(3, D(2024, 4, 1), 200.0, 20.0)
    idul_fitri = Acara(
        D(2024, 4, 10), D(2024, 4, 10), "Idul Fitri 1445 H", "libur_nasional", None, "https://kemenag.go.id"
    )
    text = format_keterangan_lonjakan(jump, acara_lonjakan([idul_fitri, KETUPAT], jump))
    assert text.endswith("bertepatan dengan Operasi Ketupat 2024 (4–16 April 2024), Idul Fitri 1445 H (10 April 2024)")


# ---------------------------------------------------------------------------------------------
# Labels and the CSV format
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mulai", "selesai", "label"),
    [
        (D(2024, 7, 1), D(2024, 7, 1), "1 Juli 2024"),
        (D(2024, 4, 4), D(2024, 4, 16), "4–16 April 2024"),
        (D(2023, 11, 28), D(2024, 2, 10), "28 November 2023 – 10 Februari 2024"),
        (D(2024, 9, 25), D(2024, 11, 23), "25 September – 23 November 2024"),
    ],
    ids=["one-day", "same-month", "across-years", "same-year"],
)
def test_format_tanggal_acara(mulai: dt.date, selesai: dt.date, label: str) -> None:
    assert format_tanggal_acara(mulai, selesai) == label


@pytest.mark.parametrize(
    ("fields", "phrase"),
    [
        ({"nama": " "}, "Nama acara wajib"),
        ({"jenis": "konser"}, "Jenis acara “konser” tidak dikenal"),
        ({"selesai": D(2024, 1, 1)}, "selesai sebelum tanggal mulai"),
        ({"sumber": ""}, "sumber tanggal wajib"),
    ],
    ids=["no-name", "unknown-kind", "ends-before-start", "no-source"],
)
def test_an_event_is_checked(fields: dict[str, object], phrase: str) -> None:
    values: dict[str, object] = {
        "mulai": D(2024, 2, 1),
        "selesai": D(2024, 2, 2),
        "nama": "X",
        "jenis": "pemilu",
        "polda": None,
        "sumber": "https://kpu.go.id",
    } | fields
    with pytest.raises(ValueError, match=phrase):
        Acara(**values)  # type: ignore[arg-type]


def test_every_bad_csv_row_is_named_at_once() -> None:
    text = (
        "mulai,selesai,nama,jenis,polda,sumber,catatan\n"
        "2024-02-14,2024-02-14,Pemilu,pemilu,,https://kpu.go.id,\n"
        "14/02/2024,2024-02-14,Tanggal salah,pemilu,,https://kpu.go.id,\n"
        "2024-02-14,2024-02-14,Tanpa sumber,pemilu,,,\n"
        "2024-02-14,2024-02-14,Jenis salah,rapat,,https://kpu.go.id,\n"
    )
    with pytest.raises(ValueError) as problem:
        parse_agenda_csv(text)
    message = str(problem.value)
    assert "Baris 3, kolom mulai: “14/02/2024” bukan tanggal YYYY-MM-DD." in message
    assert "Baris 4: Acara “Tanpa sumber”: sumber tanggal wajib diisi" in message
    assert "Baris 5: Jenis acara “rapat” tidak dikenal" in message
    assert "Baris 2" not in message


def test_a_csv_without_a_column_is_refused() -> None:
    with pytest.raises(ValueError, match="Kolom agenda tidak ada: sumber, catatan"):
        parse_agenda_csv("mulai,selesai,nama,jenis,polda\n")


# ---------------------------------------------------------------------------------------------
# The shipped agenda (db/reference_data/agenda.csv)
# ---------------------------------------------------------------------------------------------


def _shipped(nama: str) -> Acara:
    found = [a for a in SHIPPED if a.nama == nama]
    assert len(found) == 1, nama
    return found[0]


@pytest.mark.parametrize(
    ("nama", "mulai", "selesai"),
    [
        ("Masa kampanye Pemilu 2024", D(2023, 11, 28), D(2024, 2, 10)),
        ("Pemungutan suara Pemilu 2024", D(2024, 2, 14), D(2024, 2, 14)),
        ("Pemungutan suara Pilkada serentak 2024", D(2024, 11, 27), D(2024, 11, 27)),
        ("Masa kampanye Pilkada serentak 2024", D(2024, 9, 25), D(2024, 11, 23)),
        ("Operasi Ketupat 2023", D(2023, 4, 18), D(2023, 5, 1)),
        ("Operasi Ketupat 2024", D(2024, 4, 4), D(2024, 4, 16)),
        ("Operasi Ketupat 2025", D(2025, 3, 23), D(2025, 4, 8)),
        ("Operasi Lilin 2023", D(2023, 12, 22), D(2024, 1, 2)),
        ("Operasi Lilin 2024", D(2024, 12, 21), D(2025, 1, 2)),
        ("Operasi Lilin 2025", D(2025, 12, 20), D(2026, 1, 2)),
        ("HUT Bhayangkara ke-77", D(2023, 7, 1), D(2023, 7, 1)),
        ("HUT Bhayangkara ke-78", D(2024, 7, 1), D(2024, 7, 1)),
        ("HUT Bhayangkara ke-79", D(2025, 7, 1), D(2025, 7, 1)),
        ("Idul Fitri 1444 H", D(2023, 4, 22), D(2023, 4, 22)),
        ("Idul Fitri 1445 H", D(2024, 4, 10), D(2024, 4, 10)),
        ("Idul Fitri 1446 H", D(2025, 3, 31), D(2025, 3, 31)),
        ("Natal 2023", D(2023, 12, 25), D(2023, 12, 25)),
        ("Natal 2024", D(2024, 12, 25), D(2024, 12, 25)),
        ("Natal 2025", D(2025, 12, 25), D(2025, 12, 25)),
        ("Tahun Baru 2024", D(2024, 1, 1), D(2024, 1, 1)),
    ],
)
def test_the_shipped_national_events(nama: str, mulai: dt.date, selesai: dt.date) -> None:
    event = _shipped(nama)
    assert (event.mulai, event.selesai, event.polda) == (mulai, selesai, None)


def test_every_shipped_date_names_its_source_and_known_polda() -> None:
    with open(REFERENCE_DIR / "polda.csv", encoding="utf-8") as handle:
        polda = {row["nama"] for row in csv.DictReader(handle)}
    assert len(SHIPPED) >= 30
    for event in SHIPPED:
        assert event.sumber.startswith("https://"), event.nama
        assert event.polda is None or event.polda in polda, event.nama
        assert D(2023, 1, 1) <= event.mulai <= D(2025, 12, 31), event.nama
        assert (event.selesai - event.mulai).days < 100, event.nama
    assert {a.jenis for a in SHIPPED} == set(JENIS_ACARA)
    assert len({(a.nama, a.polda) for a in SHIPPED}) == len(SHIPPED)
    assert [(a.mulai, a.nama) for a in SHIPPED] == sorted((a.mulai, a.nama) for a in SHIPPED)


def test_shipped_events_explain_the_demo_peaks() -> None:
    """The demo data peaks around Pemilu (February 2024) and Pilkada (November 2024)."""
    assert "Pemungutan suara Pemilu 2024" in names(cari_acara_bulan(SHIPPED, D(2024, 2, 1)))
    assert "Pemungutan suara Pilkada serentak 2024" in names(cari_acara_bulan(SHIPPED, D(2024, 11, 1)))
    assert names(cari_acara_bulan(SHIPPED, D(2023, 9, 1), "Polda Metro Jaya")) == [
        "Operasi Zebra 2023",
        "Operasi Zebra Jaya 2023",
    ]
