"""Targets per kategori (target kinerja) and attainment bands (merah, kuning, hijau).

An admin sets a monthly target per kategori for every satker (``semua``), for one satker type
(``tipe``, e.g. Polresta) or for one satker (``satker``), valid from a month onward. The rules:

- **Which target applies** to a satker in a month: the most specific scope that has one in force
  (satker, then the satker's type *in that month*, then all); within a scope the target with the
  latest ``berlaku_mulai`` not after the month. A later target never rewrites earlier months, so
  history keeps the target that applied. A satker's own target stays until a later one of its own
  replaces or ends it: a new target for all satker does not override it. A target without a value
  (``nilai`` None) ends its scope's own target from that month: the less specific scope applies
  again (for ``semua``: no target at all).
- **The target of a period** is taken over the months the value covers, which callers pass: the
  months of the period holding data, so a running year is not judged against twelve months of
  target after five. Counts: the sum of the monthly targets. kecepatan_laporan (a period value that
  is an average of hours): the average of the monthly maximum hours. A period where any of those
  months has no target has **no target**: a quarter's value against one month's target would read
  300 %. The months without a target are reported so a page can say why.
- **Attainment** (``persen``): counts ``value ÷ target × 100``, not capped (150 % stays 150 %).
  kecepatan_laporan targets are a maximum of hours, met when the average hours are at most the
  target: ``target ÷ hours × 100`` capped at 100 (within the limit is fully on target, 0 hours is
  100 %), so 80 % means 1,25 × the allowed hours. Percentages are rounded *down* to one decimal,
  exactly (fractions, not floats): a satker shown at 100,0 % has met its target, one at 99,9 % has not.
- **Bands** from that percentage: merah below ``kuning``, kuning from ``kuning``, hijau from
  ``hijau``. Defaults 80 and 100 ("< 80 %, 80–99,9 %, ≥ 100 %"); an admin may change them, one
  decimal at most, with ``0 < kuning < hijau ≤ 100`` (hijau means met, and a kecepatan attainment
  never exceeds 100 %).
"""

from __future__ import annotations

import bisect
import collections
import datetime as dt
import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, NamedTuple

from analytics.angka import format_angka
from analytics.kategori import KECEPATAN
from analytics.kelompok import TIPE_SATKER, RiwayatTipe
from analytics.peringkat import BarisPeringkat
from analytics.periods import month_label

Lingkup = Literal["satker", "tipe", "semua"]
LINGKUP: tuple[Lingkup, ...] = ("satker", "tipe", "semua")
"""Scopes from the most specific: the first with a target in force wins."""
Kunci = tuple[str, Lingkup, str | int | None]
"""A target's scope: kategori, lingkup, and the type or the satker id (None for ``semua``)."""

Pita = Literal["merah", "kuning", "hijau"]
PITA: tuple[Pita, ...] = ("merah", "kuning", "hijau")
TANPA_TARGET = "tanpa_target"
LABEL_PITA: dict[str, str] = {"merah": "Merah", "kuning": "Kuning", "hijau": "Hijau", TANPA_TARGET: "Tanpa target"}
AMBANG_KUNING_BAWAAN = 80.0
AMBANG_HIJAU_BAWAAN = 100.0


@dataclass(frozen=True)
class Target:
    """One monthly target of a kategori for a scope, valid from ``berlaku_mulai`` (a month's 1st).

    ``nilai`` is a count per month, or for kecepatan_laporan the maximum hours; None ends the
    scope's own target from that month. ``tipe`` is set for scope ``tipe`` only, ``satker_id``
    for scope ``satker`` only.

    >>> Target("tb_news", "tipe", dt.date(2024, 1, 1), 30, tipe="Polresta").kunci
    ('tb_news', 'tipe', 'Polresta')
    """

    kategori: str
    lingkup: Lingkup
    berlaku_mulai: dt.date
    nilai: float | None
    tipe: str | None = None
    satker_id: int | None = None

    def __post_init__(self) -> None:
        if not self.kategori:
            raise ValueError("Kategori target kosong.")
        if self.lingkup not in LINGKUP:
            raise ValueError(f"Lingkup target “{self.lingkup}” tidak dikenal; pilih {', '.join(LINGKUP)}.")
        if self.berlaku_mulai.day != 1:
            raise ValueError("Target berlaku mulai tanggal 1 sebuah bulan.")
        if (self.tipe is not None) != (self.lingkup == "tipe") or (self.satker_id is not None) != (
            self.lingkup == "satker"
        ):
            raise ValueError("Tipe diisi hanya untuk lingkup “tipe”, satker hanya untuk lingkup “satker”.")
        if self.tipe is not None and self.tipe not in TIPE_SATKER:
            raise ValueError(f"Tipe satker “{self.tipe}” tidak dikenal; pilih {', '.join(TIPE_SATKER)}.")
        if self.nilai is not None and not (math.isfinite(self.nilai) and self.nilai > 0):
            raise ValueError(f"Target harus angka lebih dari 0, bukan {self.nilai}.")

    @property
    def kunci(self) -> Kunci:
        """The scope a later target of the same kunci replaces."""
        return (self.kategori, self.lingkup, self.tipe if self.lingkup == "tipe" else self.satker_id)


@dataclass(frozen=True)
class TargetPeriode:
    """The target of one satker and kategori over some months, with the target of each month."""

    kategori: str
    per_bulan: tuple[tuple[dt.date, Target | None], ...]

    @property
    def bulan_tanpa_target(self) -> tuple[dt.date, ...]:
        return tuple(periode for periode, target in self.per_bulan if target is None or target.nilai is None)

    @functools.cached_property
    def rasio(self) -> tuple[int, int] | None:
        """The period's target exactly, as numerator and denominator (an average of 48, 48 and 24
        hours is 40, not 39,99…); None when any month has none (or there are no months). Integers,
        summed per distinct monthly value: Fraction arithmetic cost more than all the rest of a
        national ranking's attainment."""
        monthly = collections.Counter(t.nilai for _, t in self.per_bulan if t is not None and t.nilai is not None)
        months = sum(monthly.values())
        if not months or months < len(self.per_bulan):
            return None
        pembilang, penyebut = 0, 1
        for nilai, jumlah in monthly.items():
            a, b = nilai.as_integer_ratio()
            pembilang, penyebut = pembilang * b + a * jumlah * penyebut, penyebut * b
        return pembilang, penyebut * (months if self.kategori == KECEPATAN else 1)

    @property
    def pecahan(self) -> Fraction | None:
        """:attr:`rasio` as a fraction."""
        return None if self.rasio is None else Fraction(*self.rasio)

    @property
    def nilai(self) -> float | None:
        """The period's target, for display.

        >>> t = Target("ipse", "semua", dt.date(2024, 1, 1), 10)
        >>> TargetPeriode("ipse", ((dt.date(2024, 1, 1), t), (dt.date(2024, 2, 1), t))).nilai
        20.0
        """
        exact = self.pecahan
        return None if exact is None else float(exact)


class DaftarTarget:
    """Every target an admin set, indexed once so the one applying to a satker-month is found by
    bisection (a national ranking asks for 450 satker × 12 months).

    Two targets with the same scope and ``berlaku_mulai`` are refused: which one applies would be
    a guess.

    >>> daftar = DaftarTarget([
    ...     Target("ipse", "semua", dt.date(2024, 1, 1), 10),
    ...     Target("ipse", "tipe", dt.date(2024, 1, 1), 25, tipe="Polrestabes"),
    ...     Target("ipse", "semua", dt.date(2024, 4, 1), 12),
    ... ])
    >>> [daftar.cari_target_bulan("ipse", dt.date(2024, m, 1), satker_id=7, tipe="Polres").nilai for m in (1, 3, 4)]
    [10, 10, 12]
    >>> daftar.cari_target_bulan("ipse", dt.date(2024, 5, 1), satker_id=1, tipe="Polrestabes").nilai
    25
    >>> daftar.cari_target_bulan("ipse", dt.date(2023, 12, 1), satker_id=1, tipe="Polres") is None
    True
    """

    def __init__(self, targets: Iterable[Target]) -> None:
        by_key: dict[Kunci, dict[dt.date, Target]] = {}
        for target in targets:
            same_scope = by_key.setdefault(target.kunci, {})
            if target.berlaku_mulai in same_scope:
                raise ValueError(
                    f"Dua target {target.kategori} untuk lingkup yang sama berlaku mulai "
                    f"{month_label(target.berlaku_mulai)}; sisakan satu."
                )
            same_scope[target.berlaku_mulai] = target
        self._bulan = {key: sorted(entries) for key, entries in by_key.items()}
        self._target = {key: [entries[periode] for periode in self._bulan[key]] for key, entries in by_key.items()}

    def satker_bertarget_sendiri(self, kategori: str) -> frozenset[int]:
        """The satker that ever had a target of their own for ``kategori`` (others share their type's)."""
        return frozenset(key[2] for key in self._bulan if key[0] == kategori and key[1] == "satker")  # type: ignore[misc]

    def cari_target_bulan(self, kategori: str, periode: dt.date, satker_id: int, tipe: str) -> Target | None:
        """The target applying to satker ``satker_id`` of type ``tipe`` in month ``periode``."""
        keys: tuple[Kunci, ...] = ((kategori, "satker", satker_id), (kategori, "tipe", tipe), (kategori, "semua", None))
        for key in keys:
            months = self._bulan.get(key)
            if not months:
                continue
            index = bisect.bisect_right(months, periode) - 1
            if index >= 0 and (target := self._target[key][index]).nilai is not None:
                return target
        return None

    def hitung_target_periode(
        self, kategori: str, bulan: Sequence[dt.date], satker_id: int, tipe: RiwayatTipe
    ) -> TargetPeriode:
        """The target over ``bulan`` (the months the value covers), month by month."""
        return TargetPeriode(
            kategori,
            tuple(
                (periode, self.cari_target_bulan(kategori, periode, satker_id, tipe.cari_tipe(periode)))
                for periode in bulan
            ),
        )


def hitung_persen_capaian(kategori: str, nilai: float, target: float | Fraction) -> float:
    """Attainment in percent, rounded down to one decimal, exactly (see the module docstring).

    >>> [hitung_persen_capaian("tb_news", nilai, 20) for nilai in (15, 30)], hitung_persen_capaian("ipse", 2, 3)
    ([75.0, 150.0], 66.6)
    >>> [hitung_persen_capaian("kecepatan_laporan", jam, 48) for jam in (60, 12)]
    [80.0, 100.0]
    """
    if not target > 0:
        raise ValueError("Target harus lebih dari 0.")
    return _persen_bulat(kategori == KECEPATAN, nilai, *target.as_integer_ratio())


def _persen_bulat(batas_jam: bool, nilai: float, target_pembilang: int, target_penyebut: int) -> float:
    """floor(a × 1000 ÷ b) ÷ 10 in integers, the target (> 0) given as its exact ratio: a national
    ranking computes 4,500 of these, and Fraction arithmetic cost more than the rest together."""
    pembilang, penyebut = nilai.as_integer_ratio()
    if batas_jam:  # hours: target ÷ hours, and within the limit is 100 %
        if pembilang * target_penyebut <= target_pembilang * penyebut:
            return 100.0
        return (target_pembilang * 1000 * penyebut) // (target_penyebut * pembilang) / 10
    return (pembilang * 1000 * target_penyebut) // (penyebut * target_pembilang) / 10


@dataclass(frozen=True)
class AmbangPita:
    """Band thresholds in percent: kuning from ``kuning``, hijau from ``hijau``.

    >>> [AmbangPita().cari_pita(p) for p in (79.9, 80.0, 99.9, 100.0, 150.0)]
    ['merah', 'kuning', 'kuning', 'hijau', 'hijau']
    """

    kuning: float = AMBANG_KUNING_BAWAAN
    hijau: float = AMBANG_HIJAU_BAWAAN

    def __post_init__(self) -> None:
        for label, value in (("kuning", self.kuning), ("hijau", self.hijau)):
            if not math.isfinite(value) or round(value, 1) != value:
                raise ValueError(f"Ambang {label} harus angka dengan paling banyak satu desimal, bukan {value}.")
        if not 0 < self.kuning < self.hijau <= 100:
            raise ValueError(
                "Ambang harus naik: 0 < kuning < hijau ≤ 100 "
                f"(sekarang kuning {_persen(self.kuning)}, hijau {_persen(self.hijau)})."
            )

    def cari_pita(self, persen: float) -> Pita:
        if persen >= self.hijau:
            return "hijau"
        return "kuning" if persen >= self.kuning else "merah"

    def susun_keterangan(self) -> dict[Pita, str]:
        """Each band in words, for a legend.

        >>> AmbangPita().susun_keterangan()
        {'merah': 'di bawah 80 %', 'kuning': '80–99,9 %', 'hijau': '100 % atau lebih'}
        """
        kuning, hijau = _persen(self.kuning), _persen(self.hijau)
        return {
            "merah": f"di bawah {kuning} %",
            "kuning": f"{kuning}–{_persen(round(self.hijau - 0.1, 1))} %",
            "hijau": f"{hijau} % atau lebih",
        }


def _persen(angka: float) -> str:
    return format_angka(angka, 0 if float(angka).is_integer() else 1)


class Capaian(NamedTuple):
    """One satker's value against its target for a period; ``persen`` and ``pita`` are None
    when the period has no target (``target.bulan_tanpa_target`` says which months lack one).
    A named tuple: a national page builds 4,500 of them."""

    satker_id: int
    satker: str
    nilai: float
    target: TargetPeriode
    persen: float | None
    pita: Pita | None

    @property
    def tercapai(self) -> bool | None:
        """Met the target (counts: at least the target; kecepatan: at most the hours)."""
        return None if self.persen is None else self.persen >= 100


def hitung_capaian_satker(
    satker_id: int, satker: str, nilai: float, target: TargetPeriode, ambang: AmbangPita | None = None
) -> Capaian:
    """One satker's attainment against its period target (the kategori is the target's)."""
    rasio = target.rasio
    if rasio is None:
        return Capaian(satker_id, satker, nilai, target, None, None)
    persen = _persen_bulat(target.kategori == KECEPATAN, nilai, *rasio)
    return Capaian(satker_id, satker, nilai, target, persen, (ambang or AmbangPita()).cari_pita(persen))


def hitung_capaian_peringkat(
    baris: Sequence[BarisPeringkat],
    kategori: str,
    bulan: Sequence[dt.date],
    daftar: DaftarTarget,
    tipe_satker: Mapping[int, RiwayatTipe],
    ambang: AmbangPita | None = None,
) -> list[Capaian]:
    """Attainment for every satker of a ranking, in the ranking's order (as
    :func:`hitung_capaian_satker` gives it for each).

    ``bulan`` are the months the values cover (the months of the period holding data);
    ``tipe_satker`` the type history of every ranked satker (a KeyError names one missing).
    Satker without a target of their own share one resolution per type history, so a national
    ranking resolves a handful of periods, not one per satker.
    """
    ambang = ambang or AmbangPita()
    sendiri = daftar.satker_bertarget_sendiri(kategori)
    shared: dict[tuple[int | None, tuple[tuple[dt.date, str], ...]], TargetPeriode] = {}
    result = []
    for row in baris:
        riwayat = tipe_satker[row.satker_id]
        key = (row.satker_id if row.satker_id in sendiri else None, riwayat.perubahan)  # a tuple hashes in C
        if key not in shared:
            shared[key] = daftar.hitung_target_periode(kategori, bulan, row.satker_id, riwayat)
        result.append(hitung_capaian_satker(row.satker_id, row.satker, row.value, shared[key], ambang))
    return result


def hitung_per_pita(capaian: Iterable[Capaian]) -> dict[str, int]:
    """How many satker in each band, and without a target (``tanpa_target``); every key present.

    >>> hitung_per_pita([])
    {'merah': 0, 'kuning': 0, 'hijau': 0, 'tanpa_target': 0}
    """
    counts = dict.fromkeys((*PITA, TANPA_TARGET), 0)
    for item in capaian:
        counts[item.pita or TANPA_TARGET] += 1
    return counts
