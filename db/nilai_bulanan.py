"""Keeping ``nilai_bulanan`` consistent with the reports behind it.

Pages rank from the pre-aggregated monthly values; these functions rebuild them from the
activity rows of the active report versions (counts) and from the first accepted report of a
month (kecepatan_laporan). The loader and the demo generator both call them inside their own
transaction, so the values can never disagree with the rows that were just written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import bindparam, delete, func, insert, select, tuple_
from sqlalchemy.orm import Session, aliased

from analytics.kategori import KECEPATAN, KODE_HITUNG
from analytics.periods import hours_after_month_end
from db.models import Aktivitas, Laporan, NilaiBulanan, utc_now
from db.nilai_turunan import hitung_ulang_turunan
from db.potongan import PASANGAN_PER_KUERI, potong

SatkerBulan = tuple[int, dt.date]


# Built once with the pairs bound at run time (an expanding IN of (satker, month) tuples):
# composing these statements cost more than running them for one report, and each round trip
# to PostgreSQL counts, so the active report, its row counts and the month's first upload come
# back from one query.
_PAIRS = bindparam("pairs", expanding=True)
_VERSI = aliased(Laporan)
_AKTIF_DAN_HITUNGAN = (
    select(
        Laporan.id,
        Laporan.satker_id,
        Laporan.periode,
        Laporan.is_demo,
        select(func.min(_VERSI.dikirim_pada))
        .where(_VERSI.satker_id == Laporan.satker_id, _VERSI.periode == Laporan.periode)
        .scalar_subquery(),
        Aktivitas.kategori_kode,
        func.count(Aktivitas.kategori_kode),  # a column of the report index: the rows need not be read
    )
    .outerjoin(Aktivitas, Aktivitas.laporan_id == Laporan.id)
    .where(Laporan.status == "aktif", tuple_(Laporan.satker_id, Laporan.periode).in_(_PAIRS))
    .group_by(Laporan.id, Laporan.satker_id, Laporan.periode, Laporan.is_demo, Aktivitas.kategori_kode)
)
_HAPUS_SEMUA = delete(NilaiBulanan).where(tuple_(NilaiBulanan.satker_id, NilaiBulanan.periode).in_(_PAIRS))
_HAPUS_LAPORAN = delete(NilaiBulanan).where(
    NilaiBulanan.sumber == "laporan", tuple_(NilaiBulanan.satker_id, NilaiBulanan.periode).in_(_PAIRS)
)
_TULIS = insert(NilaiBulanan)


@dataclass
class _Aktif:
    laporan_id: int
    is_demo: bool
    pertama: dt.datetime
    hitungan: dict[str, int] = field(default_factory=dict)


def hitung_ulang_nilai_bulanan(session: Session, pairs: Iterable[SatkerBulan]) -> int:
    """Rebuild report-sourced monthly values for the given (satker_id, periode) pairs.

    Every count kategori gets a row (0 when the active report has no rows for it), so a
    satker that reported nothing in a kategori is told apart from one that did not report.
    A month with an active report drops its recap backfill too; one without keeps it.
    What is derived from the values (db.nilai_turunan) follows in the same transaction.
    Returns the number of rows written.
    """
    pair_list = sorted(set(pairs))
    if not pair_list:
        return 0
    written = 0
    session.flush()  # the statements below run on the connection, which does not flush by itself
    connection = session.connection()  # Core statements: the ORM's execution layer adds only cost here
    for chunk in potong(pair_list, PASANGAN_PER_KUERI):
        active: dict[SatkerBulan, _Aktif] = {}
        for laporan_id, satker_id, periode, is_demo, pertama, kode, n in connection.execute(
            _AKTIF_DAN_HITUNGAN, {"pairs": chunk}
        ):
            laporan = active.setdefault((satker_id, periode), _Aktif(laporan_id, is_demo, pertama))
            if kode is not None:
                laporan.hitungan[kode] = n
        if active:
            connection.execute(_HAPUS_SEMUA, {"pairs": list(active)})
        if unreported := [pair for pair in chunk if pair not in active]:
            connection.execute(_HAPUS_LAPORAN, {"pairs": unreported})
        now = utc_now()
        rows = []
        for (satker_id, periode), laporan in active.items():
            common = {
                "satker_id": satker_id,
                "periode": periode,
                "sumber": "laporan",
                "laporan_id": laporan.laporan_id,
                "is_demo": laporan.is_demo,
                "diperbarui_pada": now,
            }
            for kode in KODE_HITUNG:
                rows.append({**common, "kategori_kode": kode, "nilai": float(laporan.hitungan.get(kode, 0))})
            rows.append(
                {**common, "kategori_kode": KECEPATAN, "nilai": hours_after_month_end(periode, laporan.pertama)}
            )
        if rows:
            connection.execute(_TULIS, rows)
            written += len(rows)
    hitung_ulang_turunan(session, pair_list)
    return written
