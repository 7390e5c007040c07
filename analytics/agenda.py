"""The agenda: national and Polda events that explain a trend (Pemilu, Operasi Ketupat, Idul Fitri…).

An event has a date range (inclusive), a name, a kind, the Polda it applies to (None = national)
and the source of its dates (``sumber``: the address of the announcement or report used, or a
sentence saying no source was found). The events shipped with the app are
``db/reference_data/agenda.csv``; an admin may add more.

Which events are shown: a national view shows national events only (every Polda's own events
would crowd the chart); a Polda view shows the national events and that Polda's own. A spike
(:class:`analytics.integritas.Lonjakan`) is a whole satker-month, so it *falls in* every event
that overlaps that month.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from analytics.integritas import Lonjakan
from analytics.periods import NAMA_BULAN, Rentang, month_label, next_month

JenisAcara = Literal["pemilu", "operasi", "libur_nasional", "peringatan", "kenegaraan"]
JENIS_ACARA: dict[str, str] = {
    "pemilu": "Pemilu dan Pilkada",
    "operasi": "Operasi kepolisian",
    "libur_nasional": "Hari raya dan libur nasional",
    "peringatan": "Peringatan",
    "kenegaraan": "Acara kenegaraan",
}
"""Kind code → Indonesian label, in the order a legend lists them."""

KOLOM_CSV = ("mulai", "selesai", "nama", "jenis", "polda", "sumber", "catatan")


@dataclass(frozen=True)
class Acara:
    """One event. ``polda`` None means national; ``catatan`` is optional context for the date.

    >>> Acara(dt.date(2024, 2, 14), dt.date(2024, 2, 14), "Pemungutan suara Pemilu 2024", "pemilu", None, "KPU").label
    'Pemungutan suara Pemilu 2024 (14 Februari 2024)'
    """

    mulai: dt.date
    selesai: dt.date
    nama: str
    jenis: JenisAcara
    polda: str | None
    sumber: str
    catatan: str = ""

    def __post_init__(self) -> None:
        if not self.nama.strip():
            raise ValueError("Nama acara wajib diisi.")
        if self.jenis not in JENIS_ACARA:
            raise ValueError(f"Jenis acara “{self.jenis}” tidak dikenal; pilih {', '.join(JENIS_ACARA)}.")
        if self.selesai < self.mulai:
            raise ValueError(f"Acara “{self.nama}”: tanggal selesai sebelum tanggal mulai.")
        if not self.sumber.strip():
            raise ValueError(
                f"Acara “{self.nama}”: sumber tanggal wajib diisi (alamat pengumuman atau berita yang dipakai, "
                "atau tulis bahwa sumbernya belum ditemukan)."
            )

    def is_berlaku_untuk(self, polda: str | None) -> bool:
        """National events apply everywhere; a Polda's own event only in that Polda's view."""
        return self.polda is None or self.polda == polda

    def is_tumpang_tindih(self, awal: dt.date, akhir: dt.date) -> bool:
        """Whether the event shares at least one day with ``awal``–``akhir`` (both inclusive)."""
        return self.mulai <= akhir and self.selesai >= awal

    @property
    def tanggal(self) -> str:
        """The dates in Indonesian: '14 Februari 2024', '4–16 April 2024', '22 Desember 2023 – 2 Januari 2024'."""
        return format_tanggal_acara(self.mulai, self.selesai)

    @property
    def label(self) -> str:
        """Name and dates, as a chart annotation or a flag says it."""
        return f"{self.nama} ({self.tanggal})"


def format_tanggal_acara(mulai: dt.date, selesai: dt.date) -> str:
    """A date range in Indonesian, naming the month and year once where they are shared.

    >>> format_tanggal_acara(dt.date(2024, 4, 4), dt.date(2024, 4, 16))
    '4–16 April 2024'
    >>> format_tanggal_acara(dt.date(2024, 9, 25), dt.date(2024, 11, 23))
    '25 September – 23 November 2024'
    >>> format_tanggal_acara(dt.date(2023, 12, 22), dt.date(2024, 1, 2))
    '22 Desember 2023 – 2 Januari 2024'
    """

    def hari(tanggal: dt.date, tahun: bool = True) -> str:
        text = f"{tanggal.day} {NAMA_BULAN[tanggal.month - 1]}"
        return f"{text} {tanggal.year}" if tahun else text

    if mulai == selesai:
        return hari(mulai)
    if (mulai.year, mulai.month) == (selesai.year, selesai.month):
        return f"{mulai.day}–{hari(selesai)}"
    if mulai.year == selesai.year:
        return f"{hari(mulai, tahun=False)} – {hari(selesai)}"
    return f"{hari(mulai)} – {hari(selesai)}"


def _akhir_bulan(periode: dt.date) -> dt.date:
    return next_month(periode) - dt.timedelta(days=1)


def cari_acara(agenda: Iterable[Acara], awal: dt.date, akhir: dt.date, polda: str | None = None) -> list[Acara]:
    """Events overlapping ``awal``–``akhir`` (inclusive) that apply to ``polda`` (None: national
    view), ordered by start date then name."""
    if akhir < awal:
        raise ValueError("Tanggal akhir tidak boleh sebelum tanggal awal.")
    found = [a for a in agenda if a.is_berlaku_untuk(polda) and a.is_tumpang_tindih(awal, akhir)]
    return sorted(found, key=lambda a: (a.mulai, a.selesai, a.nama))


def cari_acara_bulan(agenda: Iterable[Acara], periode: dt.date, polda: str | None = None) -> list[Acara]:
    """Events overlapping the month of ``periode`` (any day of it).

    >>> ketupat = Acara(dt.date(2023, 4, 18), dt.date(2023, 5, 1), "Operasi Ketupat 2023", "operasi", None, "Polri")
    >>> [len(cari_acara_bulan([ketupat], dt.date(2023, m, 1))) for m in (3, 4, 5, 6)]
    [0, 1, 1, 0]
    """
    awal = periode.replace(day=1)
    return cari_acara(agenda, awal, _akhir_bulan(awal), polda)


def cari_acara_rentang(agenda: Iterable[Acara], rentang: Rentang, polda: str | None = None) -> list[Acara]:
    """Events overlapping a period of whole months (a month, quarter, year or span)."""
    return cari_acara(agenda, rentang.awal, _akhir_bulan(rentang.akhir), polda)


def susun_tanda_bulanan(
    agenda: Iterable[Acara], bulan: Sequence[dt.date], polda: str | None = None
) -> dict[dt.date, list[Acara]]:
    """Month → the events overlapping it, for marking a monthly trend chart (every month present,
    an event spanning two months marks both)."""
    events = list(agenda)
    return {periode: cari_acara_bulan(events, periode, polda) for periode in bulan}


def format_keterangan_lonjakan(lonjakan: Lonjakan, acara: Sequence[Acara]) -> str:
    """The spike flag's text, saying which events it coincides with when there are any.

    >>> jump = Lonjakan(1, dt.date(2024, 2, 1), 120, 10.5)
    >>> pemilu = Acara(dt.date(2024, 2, 14), dt.date(2024, 2, 14), "Pemilu 2024", "pemilu", None, "KPU")
    >>> format_keterangan_lonjakan(jump, [pemilu])
    'Lonjakan Februari 2024: 120 (median bulan-bulan sebelumnya 10,5); bertepatan dengan Pemilu 2024 (14 Februari 2024)'
    >>> format_keterangan_lonjakan(jump, []) == jump.keterangan
    True
    """
    if not acara:
        return lonjakan.keterangan
    return f"{lonjakan.keterangan}; bertepatan dengan {', '.join(a.label for a in acara)}"


def _tanggal_iso(teks: str, baris: int, kolom: str) -> dt.date:
    try:
        return dt.date.fromisoformat(teks.strip())
    except ValueError:
        raise ValueError(f"Baris {baris}, kolom {kolom}: “{teks}” bukan tanggal YYYY-MM-DD.") from None


def parse_agenda_csv(teks: str) -> list[Acara]:
    """Events from the agenda CSV (header ``mulai,selesai,nama,jenis,polda,sumber,catatan``; dates
    ``YYYY-MM-DD``, ``polda`` empty for national). Every bad row is named in one :class:`ValueError`.

    >>> parse_agenda_csv("mulai,selesai,nama,jenis,polda,sumber,catatan\\n2024-07-01,2024-07-01,HUT Bhayangkara ke-78,peringatan,,https://contoh,\\n")[0].label
    'HUT Bhayangkara ke-78 (1 Juli 2024)'
    """
    reader = csv.DictReader(io.StringIO(teks))
    missing = [name for name in KOLOM_CSV if name not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"Kolom agenda tidak ada: {', '.join(missing)}.")
    events: list[Acara] = []
    problems: list[str] = []
    for baris, row in enumerate(reader, start=2):
        try:
            events.append(
                Acara(
                    mulai=_tanggal_iso(row["mulai"] or "", baris, "mulai"),
                    selesai=_tanggal_iso(row["selesai"] or "", baris, "selesai"),
                    nama=(row["nama"] or "").strip(),
                    jenis=(row["jenis"] or "").strip(),  # type: ignore[arg-type]  # checked by Acara
                    polda=(row["polda"] or "").strip() or None,
                    sumber=(row["sumber"] or "").strip(),
                    catatan=(row["catatan"] or "").strip(),
                )
            )
        except ValueError as problem:
            text = str(problem)
            problems.append(text if text.startswith("Baris") else f"Baris {baris}: {text}")
    if problems:
        raise ValueError(" ".join(problems))
    return events


def format_bulan_acara(periode: dt.date, acara: Sequence[Acara]) -> str:
    """One line for a month's marks on a chart: 'April 2024: Operasi Ketupat 2024, Idul Fitri 1445 H'."""
    return f"{month_label(periode)}: {', '.join(a.nama for a in acara)}" if acara else month_label(periode)
