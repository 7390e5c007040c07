"""The rankings of a Polda for a period: every kategori and Juara Umum, with movement and flags.

One implementation for the pages and ``python -m etl ranking``: the queries aggregate in SQL,
``analytics`` ranks, and the integrity flags are attached here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat

from analytics.agenda import Acara, format_keterangan_lonjakan
from analytics.angka import format_angka
from analytics.integritas import Lonjakan, keterangan_tautan_ganda
from analytics.juara_umum import PeringkatLalu, jelaskan_metode, peringkat_juara_umum_terhadap
from analytics.kategori import JUARA_UMUM, KECEPATAN
from analytics.perbandingan import BarisPolda, peringkat_polda
from analytics.peringkat import BarisPeringkat, DataKategori, peringkat_kategori, peringkat_lalu
from analytics.periods import Rentang, bulan_bertanda
from db import pengaturan
from db.engine import Session
from db.pengumpul_sampah import pengumpulan_ditunda
from db.queries import KategoriInfo, list_kategori
from db.queries_peringkat import aggregate_polda, aggregate_rentang, baca_polda, lonjakan_rentang
from db.tautan_ganda import tautan_ganda
from services.agenda import baca_tanda_agenda


@dataclass(frozen=True)
class HasilPeringkat:
    """Rankings of every kategori and of Juara Umum (key ``juara_umum``) for one period."""

    polda_id: int | None
    rentang: Rentang
    kategori: list[KategoriInfo]
    per_kategori: dict[str, list[BarisPeringkat]]
    bobot: dict[str, float]
    penalti_jam: float
    peringkat_sebelumnya: dict[str, PeringkatLalu]
    """Per kategori, satker id → place and value in the previous period (movement is measured
    against it; a group ranks its members' previous places again)."""
    bulan_berdata: dict[str, tuple[dt.date, ...]]
    """Per kategori, the months of the period in which any satker in scope has a value: the
    months a period's target is taken over (a running year is not judged on twelve months)."""

    def baris(self, kode: str) -> list[BarisPeringkat]:
        return self.per_kategori.get(kode, [])

    def metode_juara_umum(self, format_label: Callable[[str], str] = str) -> str:
        """How Juara Umum is computed, with the weights in force (analytics.juara_umum); the page
        passes a Markdown escape for the labels, the deck takes them as they are."""
        return jelaskan_metode(self.bobot, {k.kode: format_label(k.label) for k in self.kategori})

    def total(self, kode: str) -> float:
        """The sum of a kategori's ranked values (the Polda total of a count kategori)."""
        return sum(row.value for row in self.baris(kode))


AgendaLonjakan = dict[dt.date, list[Acara]]
"""Month of the period → the events a spike flag in that month may name, as seen from the Polda in
scope (national events only for a national view): looked up once per month, not once per spike."""


def _ranked(
    current: DataKategori,
    previous: dict[int, tuple[int, float]],
    shared: dict[str, dict[int, int]],
    jumps: list[Lonjakan],
    penalti: float,
    agenda: AgendaLonjakan,
) -> list[BarisPeringkat]:
    """The kategori's ranking with its integrity flags. Apart from spikes, a satker's flags depend
    only on (months without a report, shared links), so each pair's texts are built once: the
    same small counts recur across 450 satker."""
    tanpa = f" (dihitung {format_angka(penalti)} jam)" if current.kode == KECEPATAN else ""
    aktif = current.bulan_aktif
    ids = [row[0] for row in current.satker]
    pasangan = list(
        zip(
            [aktif - row[3] for row in current.satker] if aktif else [0] * len(ids),
            map(shared.get(current.kode, {}).get, ids, repeat(0)),
            strict=True,
        )
    )
    teks = {
        (kosong, ganda): (
            *([f"{kosong} bulan tanpa laporan{tanpa}"] if kosong else []),
            *([keterangan_tautan_ganda(ganda)] if ganda else []),
        )
        for kosong, ganda in set(pasangan)
    }
    flags = dict(zip(ids, map(teks.__getitem__, pasangan), strict=True))
    for jump in jumps:
        if jump.satker_id in flags:
            flags[jump.satker_id] += (format_keterangan_lonjakan(jump, agenda[jump.periode]),)
    return peringkat_kategori(current, previous, penalti, flags)


def _agenda(session: Session, polda_id: int | None, rentang: Rentang, jumps: list[Lonjakan]) -> AgendaLonjakan:
    """The period's events by month, read only when there is a spike to explain."""
    if not jumps:
        return {}
    return baca_tanda_agenda(session, rentang.bulan, None if polda_id is None else baca_polda(session, polda_id).nama)


def bandingkan_polda(session: Session, rentang: Rentang, kode: str) -> list[BarisPolda]:
    """Every Polda with active satker side by side for one kategori (the national comparison)."""
    return peringkat_polda(aggregate_polda(session, rentang, kode), kode)


@pengumpulan_ditunda
def build_kategori_ranking(session: Session, polda_id: int | None, rentang: Rentang, kode: str) -> list[BarisPeringkat]:
    """One kategori's ranking exactly as :func:`build_rankings` gives it, reading only that
    kategori (Juara Umum needs them all and is built whole)."""
    if kode == JUARA_UMUM:
        return build_rankings(session, polda_id, rentang).baris(JUARA_UMUM)
    penalti = pengaturan.penalti_jam(session)
    current, previous = (
        data[kode] for data in aggregate_rentang(session, polda_id, [rentang, rentang.sebelumnya()], [kode])
    )
    shared = tautan_ganda(session, rentang)
    jumps = lonjakan_rentang(session, polda_id, rentang).get(kode, [])
    return _ranked(
        current, peringkat_lalu(previous, penalti), shared, jumps, penalti, _agenda(session, polda_id, rentang, jumps)
    )


@pengumpulan_ditunda
def build_rankings(session: Session, polda_id: int | None, rentang: Rentang) -> HasilPeringkat:
    """Every kategori's ranking and Juara Umum for ``rentang``, against the previous period,
    among the satker of a Polda or, for ``polda_id`` None, of every Polda (national)."""
    kategori = list_kategori(session)
    bobot, penalti = pengaturan.pengaturan_peringkat(session, [info.kode for info in kategori])
    current, previous = aggregate_rentang(
        session, polda_id, [rentang, rentang.sebelumnya()], kategori_arah=[(info.kode, info.arah) for info in kategori]
    )
    shared = tautan_ganda(session, rentang)
    jumps = lonjakan_rentang(session, polda_id, rentang)
    agenda = _agenda(session, polda_id, rentang, [j for found in jumps.values() for j in found])
    per_kategori: dict[str, list[BarisPeringkat]] = {}
    before: dict[str, PeringkatLalu] = {}
    for info in kategori:
        before[info.kode] = peringkat_lalu(previous[info.kode], penalti)
        per_kategori[info.kode] = _ranked(
            current[info.kode], before[info.kode], shared, jumps.get(info.kode, []), penalti, agenda
        )
    per_kategori[JUARA_UMUM] = peringkat_juara_umum_terhadap(per_kategori, before, bobot)
    berdata = {kode: bulan_bertanda(rentang, data.bulan_berisi or 0) for kode, data in current.items()}
    return HasilPeringkat(polda_id, rentang, kategori, per_kategori, bobot, penalti, before, berdata)
