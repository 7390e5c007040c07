"""Ranking satker within one kategori over a period.

Standard competition ranking ("1, 2, 2, 4"), a direction per kategori, sums of monthly counts,
the average of kecepatan_laporan with a penalty for months without a report, movement against
the previous period and the share of the Polda total.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import islice, repeat
from operator import lt
from typing import Any, Literal, NamedTuple, Protocol, TypeVar

from analytics.kategori import KECEPATAN

Arah = Literal["lebih_tinggi", "lebih_rendah"]

PENALTI_JAM_BAWAAN = 720.0
"""A month without a report counts for kecepatan_laporan as this many hours late (30 days), or as
late as the slowest report of the period if that was slower still."""


def _competition_ranks(values: Sequence[float]) -> list[int]:
    """Ranks for values already in ranking order: a tie shares the rank, the next one is skipped."""
    ranks: list[int] = []
    rank, previous = 0, None
    for position, value in enumerate(values, start=1):
        if value != previous:
            rank, previous = position, value
        ranks.append(rank)
    return ranks


class _Ranked(Protocol):
    rank: int


R = TypeVar("R", bound=_Ranked)


def top_ranks(ranking: Sequence[R], n: int = 3) -> list[R]:
    """Everyone ranked 1..n; a tie at place n brings all tied satker in."""
    return [p for p in ranking if p.rank <= n]


class AgregatSatker(NamedTuple):
    """One satker's stored monthly values for a kategori, summed over a period (from SQL).
    A named tuple: a national Juara Umum builds nine thousand of them, at half a dataclass's cost."""

    satker_id: int
    satker: str
    jumlah: float
    bulan_terisi: int


PAKAI_MAKS = (KECEPATAN,)
"""The kategori whose ranking uses the largest monthly value (a month without a report counts as
at least that late); the readers fetch maxima for these only."""


@dataclass(frozen=True)
class DataKategori:
    """Everything a ranking of one kategori over one period needs.

    ``satker`` lists every active satker in scope, including those with no value at all.
    ``bulan_aktif`` is the number of months of the period in which any satker in scope has a value
    (months nobody reported are left out of averages); ``nilai_maks`` is the largest single
    monthly value in the period, for the kategori of :data:`PAKAI_MAKS` (0.0 for the others).
    ``bulan_berisi`` says which months those are, when the reader knows (bit i: the i-th month
    of the period): the months a period's target is taken over.
    """

    kode: str
    arah: Arah
    satker: Sequence[AgregatSatker]
    bulan_aktif: int
    nilai_maks: float = 0.0
    bulan_berisi: int | None = None


class BarisPeringkat(NamedTuple):
    """One row of a ranking table: place, value, share of the total and movement.

    A named tuple: a national Juara Umum builds nine thousand of them, at a quarter of a frozen
    dataclass's cost; change one with ``row._replace(flags=...)``."""

    rank: int
    satker_id: int
    satker: str
    value: float
    share: float | None = None
    previous_rank: int | None = None
    previous_value: float | None = None
    bulan_tanpa_laporan: int = 0
    flags: tuple[str, ...] = ()

    @property
    def movement(self) -> int | None:
        """Places gained since the previous period (positive = up), None when not ranked then."""
        return None if self.previous_rank is None else self.previous_rank - self.rank


def _nilai_urut(data: DataKategori, penalti_jam: float) -> list[float]:
    """The values of :func:`nilai_periode`, in the order of ``data.satker``."""
    if data.kode != KECEPATAN:
        return [float(jumlah) for _, _, jumlah, _ in data.satker]
    penalti = max(penalti_jam, data.nilai_maks)
    aktif = data.bulan_aktif
    return [round((jumlah + (aktif - terisi) * penalti) / aktif, 2) for _, _, jumlah, terisi in data.satker]


def nilai_periode(data: DataKategori, penalti_jam: float = PENALTI_JAM_BAWAAN) -> dict[int, float]:
    """Satker id → the value that is ranked for the period; empty when nobody has data.

    Counts sum over the months. kecepatan_laporan averages over the months in which anyone
    reported, a missing month counting as ``max(penalti_jam, nilai_maks)`` hours.

    >>> satker = [AgregatSatker(1, "A", 30.0, 2), AgregatSatker(2, "B", 10.0, 1)]
    >>> data = DataKategori(KECEPATAN, "lebih_rendah", satker, 2, 20.0)
    >>> nilai_periode(data, penalti_jam=100)
    {1: 15.0, 2: 55.0}
    """
    if data.bulan_aktif == 0:
        return {}
    return dict(zip([row[0] for row in data.satker], _nilai_urut(data, penalti_jam), strict=True))


def _urutkan(values: Sequence[float], seri: Sequence[Any] | None, arah: Arah) -> tuple[list[int], list[int]]:
    """(positions of ``values`` in ranking order, their competition ranks); tied values ordered by
    ``seri`` (None: by position).

    Two stable sorts — by ``seri``, then by value alone — give the order of one sort by (value,
    seri) without a key tuple per satker; when ``seri`` is already strictly increasing (satker come
    from the database in name order) the first sort is skipped. A national Juara Umum ranks twenty
    times 450 satker, and comparing names in every tie was a third of its ranking time."""
    posisi: Sequence[int] = range(len(values))
    if seri is not None and not all(map(lt, seri, islice(seri, 1, None))):
        posisi = sorted(posisi, key=seri.__getitem__)
    urutan = sorted(posisi, key=values.__getitem__, reverse=arah == "lebih_tinggi")
    return urutan, _competition_ranks(list(map(values.__getitem__, urutan)))


def rank_rows(values: Mapping[int, float], names: Mapping[int, str] | None, arah: Arah) -> list[tuple[int, int, float]]:
    """(rank, satker id, value) in ranking order; ties ordered by name (by id without names:
    only the order of tied rows depends on it, never a rank)."""
    ids = list(values)
    angka = list(values.values())
    seri = ids if names is None else list(zip(map(names.__getitem__, ids), ids, strict=True))
    urutan, ranks = _urutkan(angka, seri, arah)
    return list(zip(ranks, map(ids.__getitem__, urutan), map(angka.__getitem__, urutan), strict=True))


def rank_by_satker(
    values: Mapping[int, float], names: Mapping[int, str] | None, arah: Arah
) -> dict[int, tuple[int, float]]:
    """Satker id → (rank, value): a previous period's ranking, to show movement against it."""
    return {satker_id: (rank, value) for rank, satker_id, value in rank_rows(values, names, arah)}


def peringkat_lalu(data: DataKategori, penalti_jam: float = PENALTI_JAM_BAWAAN) -> dict[int, tuple[int, float]]:
    """Satker id → (rank, value) in ``data``'s period: what movement is measured against, ranked
    once and shared by the kategori ranking and the previous Juara Umum. Only places and values
    are kept, so tied satker stay in the order of ``data.satker`` (that orders tied rows, never
    a rank)."""
    if data.bulan_aktif == 0:
        return {}
    angka = _nilai_urut(data, penalti_jam)
    urutan, ranks = _urutkan(angka, None, data.arah)
    ids = [row[0] for row in data.satker]
    return dict(zip(map(ids.__getitem__, urutan), zip(ranks, map(angka.__getitem__, urutan), strict=True), strict=True))


def peringkat_kategori(
    sekarang: DataKategori,
    sebelumnya: DataKategori | Mapping[int, tuple[int, float]] | None = None,
    penalti_jam: float = PENALTI_JAM_BAWAAN,
    flags: Mapping[int, tuple[str, ...]] | None = None,
) -> list[BarisPeringkat]:
    """The ranking of one kategori for a period, with movement against ``sebelumnya`` (the
    previous period's data, or its :func:`peringkat_lalu` when the caller already has it) and
    the integrity ``flags`` of the satker that have any.

    Satker without any report in the period are still ranked (0 for counts, the penalty for
    kecepatan). When no satker has data for the period the ranking is empty.

    >>> a = DataKategori("ipse", "lebih_tinggi", [AgregatSatker(1, "A", 4, 1), AgregatSatker(2, "B", 6, 1)], 1)
    >>> [(r.rank, r.satker, r.value, r.share) for r in peringkat_kategori(a)]
    [(1, 'B', 6.0, 0.6), (2, 'A', 4.0, 0.4)]
    """
    if sekarang.bulan_aktif == 0 or not sekarang.satker:
        return []
    angka = _nilai_urut(sekarang, penalti_jam)
    ids, names, _, terisi = (list(kolom) for kolom in zip(*sekarang.satker, strict=True))
    if isinstance(sebelumnya, DataKategori):
        sebelumnya = peringkat_lalu(sebelumnya, penalti_jam)
    urutan, ranks = _urutkan(angka, list(zip(names, ids, strict=True)), sekarang.arah)
    # Column by column, each row made by tuple.__new__ (in C): 4,500 rows for a national ranking.
    urut_id = list(map(ids.__getitem__, urutan))
    urut_nilai = list(map(angka.__getitem__, urutan))
    total = sum(angka)
    with_share = sekarang.kode != KECEPATAN and total > 0
    shares = [value / total for value in urut_nilai] if with_share else [None] * len(urutan)
    lalu = list(map((sebelumnya or {}).get, urut_id, repeat((None, None))))
    previous_rank, previous_value = zip(*lalu, strict=True)
    aktif = sekarang.bulan_aktif
    kolom = zip(
        ranks,
        urut_id,
        map(names.__getitem__, urutan),
        urut_nilai,
        shares,
        previous_rank,
        previous_value,
        [aktif - terisi[i] for i in urutan],
        map((flags or {}).get, urut_id, repeat(())),
        strict=True,
    )
    return list(map(tuple.__new__, repeat(BarisPeringkat), kolom))
