"""Shared links, pre-counted: the links claimed by two or more satker in a month
(``tautan_bersama``) and, per satker, month and kategori, how many of its rows carry one
(``tautan_ganda_bulanan``) — active report versions, any kategori, any Polda.

Finding shared links means grouping every activity row of a month by its URL, which at national
scale is far too slow for a page. The loader therefore recounts the months it touched, in the
same transaction as the rows (or once at the end of a folder load); the rankings read the small
count table and the evidence list looks each row's link up in ``tautan_bersama`` by key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Date, and_, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from analytics.periods import Rentang
from db.models import Aktivitas, Laporan, TautanBersama, TautanGandaBulanan


def _active_rows_of(periode: dt.date):  # type: ignore[no-untyped-def]
    """Activity rows of the month's active report versions, reached through the report index."""
    return Aktivitas.laporan_id.in_(select(Laporan.id).where(Laporan.periode == periode, Laporan.status == "aktif"))


def hitung_ulang_tautan_ganda(session: Session, bulan: Iterable[dt.date]) -> int:
    """Recount the shared links of each month in ``bulan``; returns the rows written."""
    written = 0
    for periode in sorted(set(bulan)):
        active = _active_rows_of(periode)
        shared = (
            select(literal(periode, Date), Aktivitas.url)
            .where(active)
            .group_by(Aktivitas.url)
            .having(func.count(Aktivitas.satker_id.distinct()) > 1)
        )
        session.execute(delete(TautanBersama).where(TautanBersama.periode == periode))
        session.execute(insert(TautanBersama).from_select(["periode", "url"], shared))
        session.execute(delete(TautanGandaBulanan).where(TautanGandaBulanan.periode == periode))
        counted = (
            select(Aktivitas.satker_id, Aktivitas.periode, Aktivitas.kategori_kode, func.count())
            .join(TautanBersama, and_(TautanBersama.periode == Aktivitas.periode, TautanBersama.url == Aktivitas.url))
            .where(active)
            .group_by(Aktivitas.satker_id, Aktivitas.periode, Aktivitas.kategori_kode)
        )
        result = session.execute(
            insert(TautanGandaBulanan).from_select(["satker_id", "periode", "kategori_kode", "jumlah"], counted)
        )
        written += max(result.rowcount or 0, 0)
    return written


def tautan_ganda(session: Session, rentang: Rentang) -> dict[tuple[int, str], int]:
    """(satker id, kategori) → rows with a link another satker also claimed in the same month,
    summed over the months of ``rentang``."""
    rows = session.execute(
        select(TautanGandaBulanan.satker_id, TautanGandaBulanan.kategori_kode, func.sum(TautanGandaBulanan.jumlah))
        .where(TautanGandaBulanan.periode.between(rentang.awal, rentang.akhir))
        .group_by(TautanGandaBulanan.satker_id, TautanGandaBulanan.kategori_kode)
    )
    return {(satker_id, kode): int(jumlah) for satker_id, kode, jumlah in rows}
