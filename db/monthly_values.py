"""Keeping ``nilai_bulanan`` consistent with the reports behind it.

Pages rank from the pre-aggregated monthly values; these functions rebuild them from the
activity rows of the active report versions (counts) and from the first accepted report of a
month (kecepatan_laporan). The loader and the demo generator both call them inside their own
transaction, so the values can never disagree with the rows that were just written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import bindparam, delete, func, insert, select, tuple_
from sqlalchemy.orm import Session

from analytics.periods import hours_after_month_end
from db.models import Aktivitas, Laporan, NilaiBulanan, utc_now
from db.nilai_turunan import KECEPATAN, KODE_KATEGORI, perbarui_turunan

SatkerBulan = tuple[int, dt.date]
KODE_HITUNG = tuple(kode for kode in KODE_KATEGORI if kode != KECEPATAN)
"""The kategori counted from activity rows: all but kecepatan_laporan (each has a report sheet)."""


# Built once with the pairs bound at run time (an expanding IN of (satker, month) tuples):
# composing these statements cost more than running them for one report.
_PAIRS = bindparam("pairs", expanding=True)
_AKTIF = select(Laporan.id, Laporan.satker_id, Laporan.periode, Laporan.is_demo).where(
    Laporan.status == "aktif", tuple_(Laporan.satker_id, Laporan.periode).in_(_PAIRS)
)
_PERTAMA = (
    select(Laporan.satker_id, Laporan.periode, func.min(Laporan.dikirim_pada))
    .where(tuple_(Laporan.satker_id, Laporan.periode).in_(_PAIRS))
    .group_by(Laporan.satker_id, Laporan.periode)
)
_HITUNG = (
    select(Aktivitas.laporan_id, Aktivitas.kategori_kode, func.count())
    .where(Aktivitas.laporan_id.in_(bindparam("laporan", expanding=True)))
    .group_by(Aktivitas.laporan_id, Aktivitas.kategori_kode)
)
_HAPUS = delete(NilaiBulanan).where(
    NilaiBulanan.sumber == bindparam("sumber"), tuple_(NilaiBulanan.satker_id, NilaiBulanan.periode).in_(_PAIRS)
)
_TULIS = insert(NilaiBulanan)


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
    written = 0
    session.flush()  # the statements below run on the connection, which does not flush by itself
    connection = session.connection()  # Core statements: the ORM's execution layer adds only cost here
    # Chunks keep the IN (...) list within every engine's parameter limit.
    for start in range(0, len(pair_list), 400):
        chunk = pair_list[start : start + 400]
        active = {(row.satker_id, row.periode): row for row in connection.execute(_AKTIF, {"pairs": chunk})}
        first_sent = {
            (satker_id, periode): sent for satker_id, periode, sent in connection.execute(_PERTAMA, {"pairs": chunk})
        }
        counts: dict[tuple[int, str], int] = {
            (laporan_id, kode): n
            for laporan_id, kode, n in connection.execute(_HITUNG, {"laporan": [row.id for row in active.values()]})
        }
        connection.execute(_HAPUS, {"sumber": "laporan", "pairs": chunk})
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
            for kode in KODE_HITUNG:
                rows.append({**common, "kategori_kode": kode, "nilai": float(counts.get((laporan.id, kode), 0))})
            sent = first_sent[(satker_id, periode)]
            rows.append({**common, "kategori_kode": KECEPATAN, "nilai": hours_after_month_end(periode, sent)})
        if rows:
            # A report replaces a recap backfill for the same satker and month.
            connection.execute(_HAPUS, {"sumber": "rekap", "pairs": list(active)})
            connection.execute(_TULIS, rows)
            written += len(rows)
    perbarui_turunan(session, pair_list)
    return written
