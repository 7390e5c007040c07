"""Peer groups: a satker's type read from its name, and rankings within a group.

A Polres is not a Polrestabes: a Kabidhumas compares like with like. Every satker belongs to the
group of its type (Polres, Polresta, Polrestabes, Polres Pelabuhan), and an admin may define other
groups (zones, "Polres besar"). A group ranking is the full ranking of the Polda (or of the nation)
restricted to the members and ranked again with the very rules of :mod:`analytics.peringkat`:
values are not recomputed, because a satker's value (kecepatan penalty included) belongs to the
scope it was computed in; only places, movement, share and Juara Umum points change with N.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from analytics.juara_umum import PeringkatLalu, peringkat_juara_umum_terhadap
from analytics.kategori import JUARA_UMUM
from analytics.peringkat import Arah, BarisPeringkat, rank_by_satker, rank_rows

POLRES = "Polres"
POLRESTA = "Polresta"
POLRESTABES = "Polrestabes"
POLRES_PELABUHAN = "Polres Pelabuhan"
TIPE_SATKER = (POLRES, POLRESTA, POLRESTABES, POLRES_PELABUHAN)
"""The four satker types, in the order pages list them."""

# Longest prefix first: every name also starts with "Polres".
_AWALAN = (
    (("polrestabes",), POLRESTABES),
    (("polresta",), POLRESTA),
    (("polres", "pelabuhan"), POLRES_PELABUHAN),
    (("polres",), POLRES),
)


def cari_tipe_satker(nama: str) -> str:
    """The satker type its official name starts with (case and spacing ignored).

    >>> names = ("Polrestabes Surabaya", "POLRESTA  sidoarjo", "Polres Pelabuhan Tanjung Perak", "Polres Batu")
    >>> [cari_tipe_satker(n) for n in names]
    ['Polrestabes', 'Polresta', 'Polres Pelabuhan', 'Polres']
    """
    kata = nama.casefold().split()
    for awalan, tipe in _AWALAN:
        if tuple(kata[: len(awalan)]) == awalan:
            if len(kata) > len(awalan):
                return tipe
            break
    raise ValueError(
        f"Tipe satker “{nama.strip()}” tidak dapat dibaca dari namanya. Nama satker diawali Polres, Polresta, "
        "Polrestabes, atau Polres Pelabuhan, lalu nama wilayahnya (misalnya “Polres Pelabuhan Tanjung Perak”)."
    )


@dataclass(frozen=True)
class RiwayatTipe:
    """A satker's type over time: ``(berlaku_mulai, tipe)`` pairs, as its name history has them.

    A satker renamed from Polres to Polresta changes peer group, and targets set per type follow it
    from that month on. The earliest type also holds for any month before its date (the first name
    of a satker is valid "since always").

    >>> r = RiwayatTipe(((dt.date(1900, 1, 1), "Polres"), (dt.date(2025, 1, 1), "Polresta")))
    >>> r.cari_tipe(dt.date(2024, 12, 1)), r.cari_tipe(dt.date(2025, 3, 1))
    ('Polres', 'Polresta')
    """

    perubahan: tuple[tuple[dt.date, str], ...]

    def __post_init__(self) -> None:
        if not self.perubahan:
            raise ValueError("Riwayat tipe satker kosong.")
        object.__setattr__(self, "perubahan", tuple(sorted(self.perubahan)))
        unknown = sorted({tipe for _, tipe in self.perubahan} - set(TIPE_SATKER))
        if unknown:
            raise ValueError(f"Tipe satker tidak dikenal: {', '.join(unknown)}. Pilih dari {', '.join(TIPE_SATKER)}.")

    @classmethod
    def tetap(cls, tipe: str) -> RiwayatTipe:
        """A type that never changed."""
        return cls(((dt.date.min, tipe),))

    def cari_tipe(self, periode: dt.date) -> str:
        """The type in force in the month (or on the day) ``periode``."""
        index = bisect.bisect_right(self.perubahan, (periode, "\uffff")) - 1
        return self.perubahan[max(index, 0)][1]


def kelompokkan_per_tipe(tipe_satker: Mapping[int, str]) -> dict[str, frozenset[int]]:
    """The built-in groups: satker ids per type, every type present (empty when none).

    >>> kelompokkan_per_tipe({1: "Polres", 2: "Polresta", 3: "Polres"})["Polres"]
    frozenset({1, 3})
    """
    return {tipe: frozenset(i for i, t in tipe_satker.items() if t == tipe) for tipe in TIPE_SATKER}


def hitung_peringkat_kelompok(
    baris: Sequence[BarisPeringkat], anggota: Collection[int], arah: Arah
) -> list[BarisPeringkat]:
    """The ranking of one kategori among the members of a group.

    ``baris`` is the full ranking of a kategori (:func:`analytics.peringkat.peringkat_kategori`),
    ``arah`` its direction; Juara Umum is not filtered but recomputed
    (:func:`hitung_juara_umum_kelompok`). Members keep their value, flags and months without
    report; they are ranked again with standard competition ranking, ties ordered by name exactly
    as in the full ranking. The previous place is the place among the members ranked in the
    previous period (their ``previous_value``): the full rankings rank the same active satker in
    both periods, so this is the previous full ranking filtered and ranked again. The share is of
    the group's total (none when the full ranking had none, or the group's total is 0). Members
    missing from ``baris`` are not ranked.
    """
    wanted = set(anggota)
    members = {row.satker_id: row for row in baris if row.satker_id in wanted}
    names = {satker_id: row.satker for satker_id, row in members.items()}
    values = {satker_id: row.value for satker_id, row in members.items()}
    previous = {
        satker_id: rank
        for rank, satker_id, _ in rank_rows(
            {i: row.previous_value for i, row in members.items() if row.previous_value is not None}, names, arah
        )
    }
    total = sum(values.values())
    with_share = bool(members) and next(iter(members.values())).share is not None and total > 0
    return [
        BarisPeringkat(
            rank=rank,
            satker_id=satker_id,
            satker=names[satker_id],
            value=value,
            share=value / total if with_share else None,
            previous_rank=previous.get(satker_id),
            previous_value=members[satker_id].previous_value,
            bulan_tanpa_laporan=members[satker_id].bulan_tanpa_laporan,
            flags=members[satker_id].flags,
        )
        for rank, satker_id, value in rank_rows(values, names, arah)
    ]


def hitung_juara_umum_kelompok(
    per_kategori: Mapping[str, Sequence[BarisPeringkat]],
    sebelumnya: Mapping[str, PeringkatLalu],
    anggota: Collection[int],
    arah_kategori: Mapping[str, Arah],
    bobot: Mapping[str, float],
) -> list[BarisPeringkat]:
    """Juara Umum within a group, from the group's own per-kategori places.

    Rank points ``100 × (N − peringkat) / (N − 1)`` depend on N, so the full Juara Umum cannot be
    filtered: every kategori is ranked within the group (:func:`hitung_peringkat_kelompok`), and
    so is the previous period's (``sebelumnya``: satker id → place and value in the full previous
    ranking, :func:`analytics.peringkat.peringkat_lalu`; a kategori with data then but none now
    still counts for the previous Juara Umum); :func:`analytics.juara_umum.peringkat_juara_umum_terhadap`
    combines them with the same weights. ``juara_umum`` entries are ignored.
    """
    wanted = set(anggota)
    sekarang = {
        kode: hitung_peringkat_kelompok(rows, wanted, arah_kategori[kode])
        for kode, rows in per_kategori.items()
        if kode != JUARA_UMUM
    }
    lalu = {
        kode: rank_by_satker({i: value for i, (_, value) in places.items() if i in wanted}, None, arah_kategori[kode])
        for kode, places in sebelumnya.items()
        if kode != JUARA_UMUM
    }
    return peringkat_juara_umum_terhadap(sekarang, lalu, bobot)
