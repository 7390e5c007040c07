"""The rankings of a Polda for a period: every kategori and Juara Umum, with movement and flags.

One implementation for the pages and ``python -m etl ranking``: the queries aggregate in SQL,
``analytics`` ranks, and the integrity flags are attached here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from analytics.agenda import Acara, cari_acara_lonjakan, format_keterangan_lonjakan
from analytics.angka import format_angka
from analytics.integritas import Lonjakan, keterangan_tautan_ganda
from analytics.juara_umum import jelaskan_metode, peringkat_juara_umum
from analytics.kategori import JUARA_UMUM, KECEPATAN
from analytics.perbandingan import BarisPolda, peringkat_polda
from analytics.peringkat import BarisPeringkat, DataKategori, peringkat_kategori
from analytics.periods import Rentang, next_month
from db import pengaturan
from db.agenda import baca_agenda
from db.engine import Session
from db.queries import KategoriInfo, list_kategori
from db.queries_peringkat import aggregate_polda, aggregate_semua, baca_polda, lonjakan_rentang
from db.tautan_ganda import tautan_ganda


@dataclass(frozen=True)
class HasilPeringkat:
    """Rankings of every kategori and of Juara Umum (key ``juara_umum``) for one period."""

    polda_id: int | None
    rentang: Rentang
    kategori: list[KategoriInfo]
    per_kategori: dict[str, list[BarisPeringkat]]
    bobot: dict[str, float]
    penalti_jam: float

    def baris(self, kode: str) -> list[BarisPeringkat]:
        return self.per_kategori.get(kode, [])

    def metode_juara_umum(self) -> str:
        """How Juara Umum is computed, with the weights in force (analytics.juara_umum)."""
        return jelaskan_metode(self.bobot, {k.kode: k.label for k in self.kategori})

    def total(self, kode: str) -> float:
        """The sum of a kategori's ranked values (the Polda total of a count kategori)."""
        return sum(row.value for row in self.baris(kode))


AgendaLonjakan = tuple[list[Acara], str | None]
"""The events a spike flag may name, and the Polda they are seen from (None: national)."""


def _flags(
    row: BarisPeringkat,
    kode: str,
    shared: dict[tuple[int, str], int],
    jumps: list[Lonjakan],
    tanpa: str,
    agenda: AgendaLonjakan,
) -> tuple[str, ...]:
    flags: list[str] = []
    if row.bulan_tanpa_laporan:
        flags.append(f"{row.bulan_tanpa_laporan} bulan tanpa laporan{tanpa}")
    if shared.get((row.satker_id, kode)):
        flags.append(keterangan_tautan_ganda(shared[(row.satker_id, kode)]))
    flags += [format_keterangan_lonjakan(jump, cari_acara_lonjakan(agenda[0], jump, agenda[1])) for jump in jumps]
    return tuple(flags)


def _ranked(
    current: DataKategori,
    previous: DataKategori,
    shared: dict[tuple[int, str], int],
    jumps: list[Lonjakan],
    penalti: float,
    agenda: AgendaLonjakan,
) -> list[BarisPeringkat]:
    rows = peringkat_kategori(current, previous, penalti)
    per_satker: dict[int, list[Lonjakan]] = {}
    for jump in jumps:
        per_satker.setdefault(jump.satker_id, []).append(jump)
    tanpa = f" (dihitung {format_angka(penalti)} jam)" if current.kode == KECEPATAN else ""
    result = []
    for row in rows:
        flags = _flags(row, current.kode, shared, per_satker.get(row.satker_id, []), tanpa, agenda)
        if flags:  # a new row rather than dataclasses.replace, which costs several times more
            row = BarisPeringkat(
                row.rank,
                row.satker_id,
                row.satker,
                row.value,
                row.share,
                row.previous_rank,
                row.previous_value,
                row.bulan_tanpa_laporan,
                flags,
            )
        result.append(row)
    return result


def _agenda(session: Session, polda_id: int | None, rentang: Rentang, jumps: list[Lonjakan]) -> AgendaLonjakan:
    """The period's events, read only when there is a spike to explain."""
    if not jumps:
        return [], None
    acara = baca_agenda(session, rentang.awal, next_month(rentang.akhir) - dt.timedelta(days=1))
    return acara, None if polda_id is None else baca_polda(session, polda_id).nama


def bandingkan_polda(session: Session, rentang: Rentang, kode: str) -> list[BarisPolda]:
    """Every Polda with active satker side by side for one kategori (the national comparison)."""
    return peringkat_polda(aggregate_polda(session, rentang, kode), kode)


def build_kategori_ranking(session: Session, polda_id: int | None, rentang: Rentang, kode: str) -> list[BarisPeringkat]:
    """One kategori's ranking exactly as :func:`build_rankings` gives it, reading only that
    kategori (Juara Umum needs them all and is built whole)."""
    if kode == JUARA_UMUM:
        return build_rankings(session, polda_id, rentang).baris(JUARA_UMUM)
    penalti = pengaturan.penalti_jam(session)
    current = aggregate_semua(session, polda_id, rentang, [kode])[kode]
    previous = aggregate_semua(session, polda_id, rentang.sebelumnya(), [kode])[kode]
    shared = tautan_ganda(session, rentang)
    jumps = lonjakan_rentang(session, polda_id, rentang).get(kode, [])
    return _ranked(current, previous, shared, jumps, penalti, _agenda(session, polda_id, rentang, jumps))


def build_rankings(session: Session, polda_id: int | None, rentang: Rentang) -> HasilPeringkat:
    """Every kategori's ranking and Juara Umum for ``rentang``, against the previous period,
    among the satker of a Polda or, for ``polda_id`` None, of every Polda (national)."""
    kategori = list_kategori(session)
    bobot = pengaturan.bobot_juara_umum(session)
    penalti = pengaturan.penalti_jam(session)
    current = aggregate_semua(session, polda_id, rentang)
    previous = aggregate_semua(session, polda_id, rentang.sebelumnya())
    shared = tautan_ganda(session, rentang)
    jumps = lonjakan_rentang(session, polda_id, rentang)
    agenda = _agenda(session, polda_id, rentang, [j for found in jumps.values() for j in found])
    per_kategori: dict[str, list[BarisPeringkat]] = {}
    previous_only: dict[str, list[BarisPeringkat]] = {}
    for info in kategori:
        per_kategori[info.kode] = _ranked(
            current[info.kode], previous[info.kode], shared, jumps.get(info.kode, []), penalti, agenda
        )
        previous_only[info.kode] = peringkat_kategori(previous[info.kode], None, penalti)
    per_kategori[JUARA_UMUM] = peringkat_juara_umum(per_kategori, previous_only, bobot)
    return HasilPeringkat(polda_id, rentang, kategori, per_kategori, bobot, penalti)
