"""The one-page "Ringkasan Pimpinan": what a Kabidhumas forwards upward, as plain values.

Built from the same rankings the pages show (``services.peringkat.build_rankings``) and the reporting
compliance counts of the period (``services.kepatuhan.hitung_kepatuhan``); rendered to PDF by
``exports.pdf_ringkasan``, which only lays these values out. Every number is already written the
Indonesian way here, so the renderer formats nothing.

Only the tops go on the page, whatever the number of satker (39 in a Polda, 450 nationally):
ranks 1–3 per kategori, shown as ties ("1, 2, 2") so a tie can bring in more than three names; a
tie too large for the card (many satker sharing third place, often all at 0) shares one line,
naming them when they fit and counting them ("+ 12 satker lain seri di peringkat 3") when not.
The notable movements are those of the Juara Umum ranking: the overall standing is what moves a
leader, and ten kategori of movements would not fit a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from analytics.angka import format_angka, satuan_dan_desimal
from analytics.kategori import JUARA_UMUM, KECEPATAN
from analytics.kepatuhan import LABEL_STATUS, StatusKepatuhan
from analytics.peringkat import BarisPeringkat, top_ranks
from analytics.periods import month_label, to_wib
from services.peringkat import HasilPeringkat

JUARA_KATEGORI = 3
"""Ranks shown per kategori (1–3)."""
GERAK_MAKS = 3
"""Biggest climbs and drops listed, each."""
KETERANGAN_KECEPATAN = "jam sejak akhir bulan, rata-rata; makin kecil makin baik"
STATUS_DITAMPILKAN: tuple[StatusKepatuhan, ...] = ("tepat_waktu", "terlambat", "belum_melapor")
"""Always on the page; ``menunggu`` (deadline not yet passed) only when there are any."""


@dataclass(frozen=True)
class Tempat:
    """One satker's place: rank, name, the ranked value and that value as printed, and the places
    gained since the previous period (None: not ranked then)."""

    peringkat: int
    satker: str
    nilai: float
    teks_nilai: str
    gerak: int | None = None


@dataclass(frozen=True)
class SeriLain:
    """Satker tied at the last shown rank that do not fit on the card as lines of their own:
    named in one short line when the names fit, else counted."""

    peringkat: int
    teks_nilai: str
    satker: tuple[str, ...]

    @property
    def teks_nama(self) -> str:
        return f"juga peringkat {self.peringkat} ({self.teks_nilai}): {', '.join(self.satker)}"

    @property
    def teks_jumlah(self) -> str:
        return f"+ {format_angka(len(self.satker))} satker lain seri di peringkat {self.peringkat} ({self.teks_nilai})"


@dataclass(frozen=True)
class Teratas:
    """A ranking's top places as the page shows them (empty when the period has no data)."""

    kode: str
    judul: str
    keterangan: str
    tempat: tuple[Tempat, ...]
    seri_lain: SeriLain | None = None


@dataclass(frozen=True)
class JumlahKepatuhan:
    """How many satker-months of the period have one compliance status."""

    status: StatusKepatuhan
    label: str
    jumlah: int
    persen: str

    @property
    def teks_jumlah(self) -> str:
        return format_angka(self.jumlah)


@dataclass(frozen=True)
class Gerak:
    """A satker's move in the Juara Umum ranking against the previous period."""

    satker: str
    peringkat: int
    peringkat_sebelumnya: int

    @property
    def selisih(self) -> int:
        """Places gained (negative: lost)."""
        return self.peringkat_sebelumnya - self.peringkat


@dataclass(frozen=True)
class RingkasanPimpinan:
    """Everything printed on the page, in reading order."""

    judul: str
    polda: str
    periode: str
    filter: tuple[tuple[str, str], ...]
    dibuat: str
    data_contoh: bool
    kepatuhan: tuple[JumlahKepatuhan, ...]
    juara_umum: Teratas
    naik: tuple[Gerak, ...]
    turun: tuple[Gerak, ...]
    periode_sebelumnya: str
    kategori: tuple[Teratas, ...]
    catatan: tuple[str, ...]
    alamat: str | None = None


def _teks_nilai(kode: str, nilai: float) -> str:
    return format_angka(nilai, satuan_dan_desimal(kode)[1])


def teratas(kode: str, judul: str, baris: Sequence[BarisPeringkat], n: int, keterangan: str = "") -> Teratas:
    """Ranks 1..n of a ranking, ties included; beyond ``n + 1`` satker the first ``n`` get a line
    each and the rest of the last tie one line together, so a card never outgrows its place.
    (Before the last tie there are at most ``n - 1`` satker, so the ``n`` lines always reach into
    it: whoever is left out shares the last shown rank.)

    >>> rows = [BarisPeringkat(r, i, f"S{i}", v) for i, (r, v) in enumerate([(1, 9), (2, 5)] + [(3, 0)] * 6)]
    >>> t = teratas("ipse", "IPSE", rows, 3)
    >>> [p.satker for p in t.tempat], t.seri_lain.teks_jumlah
    (['S0', 'S1', 'S2'], '+ 5 satker lain seri di peringkat 3 (0)')
    """
    semua = top_ranks(baris, n)
    tampil = semua if len(semua) <= n + 1 else semua[:n]
    tempat = tuple(
        Tempat(row.rank, row.satker, row.value, _teks_nilai(kode, row.value), row.movement) for row in tampil
    )
    seri_lain = None
    if len(tampil) < len(semua):
        terakhir = tampil[-1]
        seri_lain = SeriLain(
            terakhir.rank, _teks_nilai(kode, terakhir.value), tuple(row.satker for row in semua[len(tampil) :])
        )
    return Teratas(kode, judul, keterangan, tempat, seri_lain)


def gerak_menonjol(baris: Sequence[BarisPeringkat], n: int = GERAK_MAKS) -> tuple[tuple[Gerak, ...], tuple[Gerak, ...]]:
    """The ``n`` biggest climbs and the ``n`` biggest drops; among equal moves the better-placed
    satker first. Satker not ranked in the previous period ("baru") are left out.

    >>> rows = [BarisPeringkat(1, 1, "A", 9, previous_rank=4), BarisPeringkat(2, 2, "B", 8, previous_rank=1),
    ...         BarisPeringkat(3, 3, "C", 7, previous_rank=3), BarisPeringkat(4, 4, "D", 6, previous_rank=2)]
    >>> naik, turun = gerak_menonjol(rows)
    >>> [(g.satker, g.selisih) for g in naik], [(g.satker, g.selisih) for g in turun]
    ([('A', 3)], [('D', -2), ('B', -1)])
    """
    bergerak = [
        Gerak(row.satker, row.rank, row.previous_rank)
        for row in baris
        if row.previous_rank is not None and row.previous_rank != row.rank
    ]
    naik = sorted((g for g in bergerak if g.selisih > 0), key=lambda g: (-g.selisih, g.peringkat, g.satker))
    turun = sorted((g for g in bergerak if g.selisih < 0), key=lambda g: (g.selisih, g.peringkat, g.satker))
    return tuple(naik[:n]), tuple(turun[:n])


def _kepatuhan(jumlah: Mapping[StatusKepatuhan, int]) -> tuple[JumlahKepatuhan, ...]:
    total = sum(jumlah.values())
    status = [*STATUS_DITAMPILKAN, *(["menunggu"] if jumlah.get("menunggu") else [])]
    return tuple(
        JumlahKepatuhan(
            s, LABEL_STATUS[s], jumlah.get(s, 0), f"{format_angka(100 * jumlah.get(s, 0) / total)}%" if total else "–"
        )
        for s in status
    )


def _waktu(waktu: dt.datetime) -> str:
    wib = to_wib(waktu)
    return f"{wib.day} {month_label(wib.date())} pukul {wib:%H.%M} WIB"


def build_ringkasan_pimpinan(
    hasil: HasilPeringkat,
    kepatuhan: Mapping[StatusKepatuhan, int],
    *,
    polda: str,
    dibuat: dt.datetime,
    data_contoh: bool = False,
    alamat: str | None = None,
    juara_umum_teratas: int = 5,
) -> RingkasanPimpinan:
    """The page for ``hasil`` (one Polda, or national, and one period).

    ``kepatuhan`` counts the period's satker-months per status (``hitung_kepatuhan``); ``dibuat`` is
    an aware time, printed in WIB; ``alamat`` is the address of the same view in the app, printed
    only when the server's public address is known; ``juara_umum_teratas`` is 3 or 5.
    """
    if juara_umum_teratas not in (3, 5):
        raise ValueError("Juara Umum ditampilkan 3 atau 5 teratas.")
    rentang = hasil.rentang
    ju = hasil.baris(JUARA_UMUM)
    naik, turun = gerak_menonjol(ju)
    kategori = tuple(
        teratas(
            k.kode, k.label, hasil.baris(k.kode), JUARA_KATEGORI, KETERANGAN_KECEPATAN if k.kode == KECEPATAN else ""
        )
        for k in hasil.kategori
    )
    diperingkat = max((len(hasil.baris(k.kode)) for k in hasil.kategori), default=0)
    filter_ = (
        ("Polda", polda),
        ("Periode", f"{rentang.label} ({rentang.kode})"),
        ("Dibandingkan", rentang.sebelumnya().label),
        ("Kategori", f"semua ({len(hasil.kategori)}) dan Juara Umum"),
        ("Satker diperingkat", format_angka(diperingkat)),
    )
    catatan = (
        "Peringkat kompetisi standar (1, 2, 2, 4): nilai sama berbagi tempat, jadi tiga besar dapat berisi lebih dari "
        "tiga satker. Jumlah kegiatan dijumlahkan atas bulan periode.",
        "Kecepatan laporan: rata-rata jam sejak akhir bulan sampai unggahan pertama; bulan tanpa laporan dihitung "
        f"{format_angka(hasil.penalti_jam)} jam atau selambat laporan paling lambat periode itu.",
        "Juara Umum: rata-rata berbobot poin peringkat 100 × (N − peringkat) / (N − 1) atas kategori yang punya data; "
        "gerak dibandingkan periode sebelumnya yang sama panjang.",
    )
    return RingkasanPimpinan(
        judul="Ringkasan Pimpinan",
        polda=polda,
        periode=rentang.label,
        filter=filter_,
        dibuat=_waktu(dibuat),
        data_contoh=data_contoh,
        kepatuhan=_kepatuhan(kepatuhan),
        juara_umum=teratas(
            JUARA_UMUM, f"Juara Umum — {juara_umum_teratas} besar", ju, juara_umum_teratas, "poin 0–100"
        ),
        naik=naik,
        turun=turun,
        periode_sebelumnya=rentang.sebelumnya().label,
        kategori=kategori,
        catatan=catatan,
        alamat=alamat or None,
    )
