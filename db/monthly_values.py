"""Keeping ``nilai_bulanan`` consistent with the reports behind it.

Pages rank from the pre-aggregated monthly values; these functions rebuild them from the
activity rows of the active report versions (counts) and from the first accepted report of a
month (kecepatan_laporan). The loader and the demo generator both call them inside their own
transaction, so the values can never disagree with the rows that were just written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from typing import Any

from sqlalchemy import ColumnElement, delete, func, insert, select, tuple_
from sqlalchemy.orm import Session

from analytics.periods import hours_after_month_end
from db.models import Aktivitas, Kategori, Laporan, NilaiBulanan, utc_now
from db.nilai_turunan import perbarui_turunan

KECEPATAN = "kecepatan_laporan"
SatkerBulan = tuple[int, dt.date]


def count_kategori_codes(session: Session) -> list[str]:
    """Codes of the categories counted from activity rows (all but kecepatan_laporan)."""
    return list(
        session.scalars(select(Kategori.kode).where(Kategori.nama_sheet.is_not(None)).order_by(Kategori.urutan))
    )


def _in_pairs(columns: tuple[ColumnElement[Any], ...], pairs: list[SatkerBulan]) -> ColumnElement[bool]:
    return tuple_(*columns).in_(pairs)


def recompute_monthly_values(session: Session, pairs: Iterable[SatkerBulan]) -> int:
    """Rebuild report-sourced monthly values for the given (satker_id, periode) pairs.

    Every count kategori gets a row (0 when the active report has no rows for it), so a
    satker that reported nothing in a kategori is told apart from one that did not report.
    What is derived from the values (db.nilai_turunan) follows in the same transaction.
    Returns the number of rows written.
    """
    pair_list = sorted(set(pairs))
    if not pair_list:
        return 0
    count_codes = count_kategori_codes(session)
    written = 0
    # Chunks keep the IN (...) list within every engine's parameter limit.
    for start in range(0, len(pair_list), 400):
        chunk = pair_list[start : start + 400]
        active = {
            (row.satker_id, row.periode): row
            for row in session.execute(
                select(Laporan.id, Laporan.satker_id, Laporan.periode, Laporan.is_demo).where(
                    Laporan.status == "aktif", _in_pairs((Laporan.satker_id, Laporan.periode), chunk)
                )
            )
        }
        first_sent = {
            (satker_id, periode): sent
            for satker_id, periode, sent in session.execute(
                select(Laporan.satker_id, Laporan.periode, func.min(Laporan.dikirim_pada))
                .where(_in_pairs((Laporan.satker_id, Laporan.periode), chunk))
                .group_by(Laporan.satker_id, Laporan.periode)
            )
        }
        counts: dict[tuple[int, str], int] = {
            (laporan_id, kode): n
            for laporan_id, kode, n in session.execute(
                select(Aktivitas.laporan_id, Aktivitas.kategori_kode, func.count())
                .where(Aktivitas.laporan_id.in_([row.id for row in active.values()]))
                .group_by(Aktivitas.laporan_id, Aktivitas.kategori_kode)
            )
        }
        session.execute(
            delete(NilaiBulanan).where(
                NilaiBulanan.sumber == "laporan",
                _in_pairs((NilaiBulanan.satker_id, NilaiBulanan.periode), chunk),
            )
        )
        now = utc_now()
        rows = []
        for (satker_id, periode), laporan in active.items():
            common = {
                "satker_id": satker_id,
                "periode": periode,
                "sumber": "laporan",
                "laporan_id": laporan.id,
                "is_demo": laporan.is_demo,
                "diperbarui_pada": now,
            }
            for kode in count_codes:
                rows.append({**common, "kategori_kode": kode, "nilai": float(counts.get((laporan.id, kode), 0))})
            sent = first_sent[(satker_id, periode)]
            rows.append({**common, "kategori_kode": KECEPATAN, "nilai": hours_after_month_end(periode, sent)})
        if rows:
            # A report replaces a recap backfill for the same satker and month.
            session.execute(
                delete(NilaiBulanan).where(
                    NilaiBulanan.sumber == "rekap",
                    _in_pairs((NilaiBulanan.satker_id, NilaiBulanan.periode), list(active)),
                )
            )
            session.execute(insert(NilaiBulanan), rows)
            written += len(rows)
    perbarui_turunan(session, pair_list)
    return written
