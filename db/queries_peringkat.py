"""Read queries behind the rankings: per-kategori aggregates, monthly series and integrity checks.

Sums, counts and maxima are computed in SQL on ``nilai_bulanan`` (one row per satker, month and
kategori), so a page never reads whole tables; the ranking itself is done by ``analytics``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Select, and_, bindparam, func, select
from sqlalchemy.orm import Session

from analytics.integritas import Lonjakan
from analytics.kategori import KECEPATAN, KODE_KATEGORI
from analytics.perbandingan import AgregatPolda
from analytics.peringkat import AgregatSatker, DataKategori
from analytics.periods import Rentang
from db.models import LonjakanBulanan, NilaiBulanan, NilaiBulananLebar, Penghargaan, Polda, Satker
from db.nilai_turunan import kolom_lebar
from db.queries import list_kategori, satker_names_at


@dataclass(frozen=True)
class PoldaInfo:
    """A Polda to rank within; ``id`` None is the national scope (every Polda)."""

    id: int | None
    nama: str
    singkatan: str


NASIONAL = PoldaInfo(None, "Nasional (semua Polda)", "Nasional")


def satker_ids_in(polda_id: int | BindParameter[int] | None) -> Select[int]:
    """A select of the active satker ids of a Polda (an id or a bound parameter), or of every
    Polda for None."""
    query = select(Satker.id).where(Satker.aktif.is_(True))
    return query if polda_id is None else query.where(Satker.polda_id == polda_id)


def baca_polda(session: Session, polda_id: int | None) -> PoldaInfo:
    """The Polda with this id, or the national scope for None."""
    if polda_id is None:
        return NASIONAL
    polda = session.get(Polda, polda_id)
    if polda is None:
        raise ValueError(f"Polda {polda_id} tidak ada.")
    return PoldaInfo(polda.id, polda.nama, polda.singkatan)


def list_polda_aktif(session: Session) -> list[PoldaInfo]:
    """Polda that have active satker, by name (the ones a ranking can be made for)."""
    rows = session.execute(
        select(Polda.id, Polda.nama, Polda.singkatan)
        .where(Polda.id.in_(select(Satker.polda_id).where(Satker.aktif.is_(True))))
        .order_by(Polda.nama)
    )
    return [PoldaInfo(*row) for row in rows]


def satker_aktif(session: Session, polda_id: int | None, tanggal: dt.date) -> dict[int, str]:
    """Active satker of a Polda (every Polda for None): id → the name in force on ``tanggal``, by name."""
    names = satker_names_at(session, tanggal)
    ids = session.scalars(satker_ids_in(polda_id))
    return dict(sorted(((satker_id, names[satker_id]) for satker_id in ids), key=lambda item: item[1]))


def _in_scope(polda_id: int | None, rentang: Rentang) -> ColumnElement[bool]:
    return and_(
        NilaiBulanan.periode.between(rentang.awal, rentang.akhir), NilaiBulanan.satker_id.in_(satker_ids_in(polda_id))
    )


def _lebar_in_scope(polda_id: int | BindParameter[int] | None, awal: Any, akhir: Any) -> ColumnElement[bool]:
    """Pivoted monthly rows of the satker in scope from ``awal`` to ``akhir``: values, or bound
    parameters for a statement built once."""
    return and_(
        NilaiBulananLebar.periode.between(awal, akhir), NilaiBulananLebar.satker_id.in_(satker_ids_in(polda_id))
    )


@functools.lru_cache(maxsize=32)
def _agregat_statements(kode: tuple[str, ...], nasional: bool) -> tuple[Select[Any], Select[Any]]:
    """The two selects behind :func:`aggregate_semua`, built once per kategori list and scope
    kind with the period and Polda as bound parameters: composing a twenty-column select costs
    about as much as SQLite needs to run it."""
    columns = [kolom_lebar(k) for k in kode]
    scope = _lebar_in_scope(None if nasional else bindparam("polda_id"), bindparam("awal"), bindparam("akhir"))
    per_satker = (
        select(NilaiBulananLebar.satker_id, *map(func.sum, columns), *map(func.count, columns))
        .where(scope)
        .group_by(NilaiBulananLebar.satker_id)
    )
    # A month is active for a kategori when its maximum is not NULL: no separate count needed.
    per_bulan = select(*map(func.max, columns)).where(scope).group_by(NilaiBulananLebar.periode)
    return per_satker, per_bulan


def aggregate_semua(
    session: Session, polda_id: int | None, rentang: Rentang, kode_list: Sequence[str] | None = None
) -> dict[str, DataKategori]:
    """kategori code → the aggregates a ranking needs, for every kategori (or those in
    ``kode_list``), in two queries over the pivoted monthly rows (one row per satker and month)."""
    satker = satker_aktif(session, polda_id, rentang.akhir)
    kategori = [k for k in list_kategori(session) if kode_list is None or k.kode in kode_list]
    per_satker_query, per_bulan_query = _agregat_statements(tuple(k.kode for k in kategori), polda_id is None)
    params = {"awal": rentang.awal, "akhir": rentang.akhir, "polda_id": polda_id}
    per_satker = {row[0]: row[1:] for row in session.execute(per_satker_query, params)}
    per_bulan = session.execute(per_bulan_query, params).all()
    n = len(kategori)
    kosong = (None,) * n + (0,) * n
    per_satker_urut = [(satker_id, nama, per_satker.get(satker_id, kosong)) for satker_id, nama in satker.items()]
    result: dict[str, DataKategori] = {}
    for i, info in enumerate(kategori):
        maxima = [month[i] for month in per_bulan if month[i] is not None]
        rows = [
            AgregatSatker(satker_id, nama, float(values[i] or 0.0), values[n + i])
            for satker_id, nama, values in per_satker_urut
        ]
        result[info.kode] = DataKategori(info.kode, info.arah, rows, len(maxima), float(max(maxima, default=0.0)))
    return result


def lonjakan_rentang(session: Session, polda_id: int | None, rentang: Rentang) -> dict[str, list[Lonjakan]]:
    """kategori code → the pre-computed jumps of the satker in scope inside ``rentang``."""
    found: dict[str, list[Lonjakan]] = {}
    for kode, satker_id, periode, nilai, median in session.execute(
        select(
            LonjakanBulanan.kategori_kode,
            LonjakanBulanan.satker_id,
            LonjakanBulanan.periode,
            LonjakanBulanan.nilai,
            LonjakanBulanan.median_riwayat,
        ).where(
            LonjakanBulanan.periode.between(rentang.awal, rentang.akhir),
            LonjakanBulanan.satker_id.in_(satker_ids_in(polda_id)),
        )
    ):
        found.setdefault(kode, []).append(Lonjakan(satker_id, periode, nilai, median))
    return found


def series_bulanan(
    session: Session, polda_id: int | None, rentang: Rentang, kode: str
) -> dict[int, dict[dt.date, float]]:
    """Satker id → {month → value} of one kategori in the period (months with a value only)."""
    series: dict[int, dict[dt.date, float]] = {}
    for satker_id, periode, nilai in session.execute(
        select(NilaiBulanan.satker_id, NilaiBulanan.periode, NilaiBulanan.nilai).where(
            _in_scope(polda_id, rentang), NilaiBulanan.kategori_kode == kode
        )
    ):
        series.setdefault(satker_id, {})[periode] = nilai
    return series


def total_bulanan(session: Session, polda_id: int | None, rentang: Rentang) -> dict[str, dict[dt.date, float]]:
    """kategori code → {month → Polda total} (kecepatan_laporan: the mean over reports)."""
    totals: dict[str, dict[dt.date, float]] = {}
    aggregate = [
        func.avg(kolom_lebar(kode)) if kode == KECEPATAN else func.sum(kolom_lebar(kode)) for kode in KODE_KATEGORI
    ]
    for periode, *values in session.execute(
        select(NilaiBulananLebar.periode, *aggregate)
        .where(_lebar_in_scope(polda_id, rentang.awal, rentang.akhir))
        .group_by(NilaiBulananLebar.periode)
        .order_by(NilaiBulananLebar.periode)
    ):
        for kode, value in zip(KODE_KATEGORI, values, strict=True):
            if value is not None:
                totals.setdefault(kode, {})[periode] = float(value)
    return totals


@dataclass(frozen=True)
class PenghargaanResmi:
    acara: str
    tahun: int
    kategori_kode: str
    peringkat: int
    satker: str


def penghargaan_tahun(session: Session, polda_id: int | None, tahun: int) -> list[PenghargaanResmi]:
    """Official awards recorded for a year, for the satker of a Polda or of every Polda (names as
    of that year)."""
    names = satker_names_at(session, dt.date(tahun, 12, 1))
    query = (
        select(
            Penghargaan.acara,
            Penghargaan.tahun,
            Penghargaan.kategori_kode,
            Penghargaan.peringkat,
            Penghargaan.satker_id,
        )
        .where(Penghargaan.tahun == tahun)
        .order_by(Penghargaan.acara, Penghargaan.kategori_kode, Penghargaan.peringkat)
    )
    if polda_id is not None:
        query = query.where(Penghargaan.satker_id.in_(select(Satker.id).where(Satker.polda_id == polda_id)))
    rows = session.execute(query)
    return [PenghargaanResmi(acara, th, kode, rank, names[satker_id]) for acara, th, kode, rank, satker_id in rows]


def aggregate_polda(session: Session, rentang: Rentang, kode: str) -> list[AgregatPolda]:
    """Per Polda with active satker: satker count, the kategori's total, reports received and
    expected (satker × months of the period in which any report arrived)."""
    satker = dict(
        session.execute(
            select(Satker.polda_id, func.count()).where(Satker.aktif.is_(True)).group_by(Satker.polda_id)
        ).all()
    )
    names = dict(session.execute(select(Polda.id, Polda.nama).where(Polda.id.in_(list(satker)))).all())
    scope = _in_scope(None, rentang)
    per_polda = select(Satker.polda_id, func.sum(NilaiBulanan.nilai), func.count()).join(
        Satker, Satker.id == NilaiBulanan.satker_id
    )
    totals = dict(
        (polda_id, (total, rows))
        for polda_id, total, rows in session.execute(
            per_polda.where(scope, NilaiBulanan.kategori_kode == kode).group_by(Satker.polda_id)
        )
    )
    received = dict(
        (polda_id, rows)
        for polda_id, _, rows in session.execute(
            per_polda.where(scope, NilaiBulanan.kategori_kode == KECEPATAN).group_by(Satker.polda_id)
        )
    )
    months = session.scalar(select(func.count(NilaiBulanan.periode.distinct())).where(scope)) or 0
    return [
        AgregatPolda(
            polda_id,
            names[polda_id],
            count,
            float(totals.get(polda_id, (0.0, 0))[0] or 0.0),
            received.get(polda_id, 0),
            count * months,
        )
        for polda_id, count in sorted(satker.items(), key=lambda item: names[item[0]])
    ]
