"""What is derived from ``nilai_bulanan`` when it changes, so that reading a ranking stays fast at
national scale: the pivoted row per satker and month (``nilai_bulanan_lebar``), its sums per
quarter and year (``ringkasan_periode``) and the months that jumped far above the satker's own
history (``lonjakan_bulanan``).

Every writer of ``nilai_bulanan`` (reports, recap backfills, demo data) calls
:func:`hitung_ulang_turunan` for the satker-months it touched, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import bindparam, case, delete, func, insert, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from analytics.integritas import cari_lonjakan
from analytics.kategori import KECEPATAN, KODE_KATEGORI
from analytics.periods import Rentang
from analytics.ringkasan_periode import KOLOM_RINGKASAN, ringkas_bulanan
from db.models import LonjakanBulanan, NilaiBulanan, NilaiBulananLebar, RingkasanPeriode
from db.potongan import PASANGAN_PER_KUERI, potong

SEMUA_BULAN = Rentang(dt.date(1900, 1, 1), dt.date(9999, 12, 1))


def kolom_lebar(kode: str) -> InstrumentedAttribute[float | None]:
    """The column of ``nilai_bulanan_lebar`` that holds kategori ``kode``."""
    return getattr(NilaiBulananLebar, kode)


# Built once with the keys bound at run time (expanding IN lists): composing them on every
# stored report cost more than running them.
_PAIRS = bindparam("pairs", expanding=True)
_SATKER = bindparam("satker", expanding=True)
_HAPUS_LEBAR = delete(NilaiBulananLebar).where(
    tuple_(NilaiBulananLebar.satker_id, NilaiBulananLebar.periode).in_(_PAIRS)
)
_TULIS_LEBAR = insert(NilaiBulananLebar).from_select(
    ["satker_id", "periode", *KODE_KATEGORI],
    select(
        NilaiBulanan.satker_id,
        NilaiBulanan.periode,
        *(func.max(case((NilaiBulanan.kategori_kode == kode, NilaiBulanan.nilai))) for kode in KODE_KATEGORI),
    )
    .where(tuple_(NilaiBulanan.satker_id, NilaiBulanan.periode).in_(_PAIRS))
    .group_by(NilaiBulanan.satker_id, NilaiBulanan.periode),
)
_RIWAYAT = select(NilaiBulanan.satker_id, NilaiBulanan.periode, NilaiBulanan.kategori_kode, NilaiBulanan.nilai).where(
    NilaiBulanan.satker_id.in_(_SATKER), NilaiBulanan.kategori_kode != KECEPATAN
)
_HAPUS_LONJAKAN = delete(LonjakanBulanan).where(LonjakanBulanan.satker_id.in_(_SATKER))
_TULIS_LONJAKAN = insert(LonjakanBulanan)
_AWAL, _AKHIR = bindparam("awal"), bindparam("akhir")
# In month order: a sum of hours must come out the same, bit for bit, however it was reached.
_BULAN_TAHUNAN = (
    select(NilaiBulananLebar.satker_id, NilaiBulananLebar.periode, *map(kolom_lebar, KODE_KATEGORI))
    .where(NilaiBulananLebar.satker_id.in_(_SATKER), NilaiBulananLebar.periode.between(_AWAL, _AKHIR))
    .order_by(NilaiBulananLebar.satker_id, NilaiBulananLebar.periode)
)
_HAPUS_RINGKASAN = delete(RingkasanPeriode).where(
    RingkasanPeriode.satker_id.in_(_SATKER), RingkasanPeriode.awal.between(_AWAL, _AKHIR)
)
_TULIS_RINGKASAN = insert(RingkasanPeriode)


def _perbarui_lebar(session: Session, pairs: list[tuple[int, dt.date]]) -> None:
    connection = session.connection()  # Core statements; the ORM would take the INSERT for a bulk insert
    for chunk in potong(pairs, PASANGAN_PER_KUERI):
        connection.execute(_HAPUS_LEBAR, {"pairs": chunk})
        connection.execute(_TULIS_LEBAR, {"pairs": chunk})


def _perbarui_lonjakan(session: Session, satker_ids: list[int]) -> None:
    """Recompute the jumps of every month of these satker (a change can move later medians)."""
    connection = session.connection()
    for chunk in potong(satker_ids, PASANGAN_PER_KUERI):
        series: dict[str, dict[int, dict[dt.date, float]]] = defaultdict(lambda: defaultdict(dict))
        for satker_id, periode, kode, nilai in connection.execute(_RIWAYAT, {"satker": chunk}):
            series[kode][satker_id][periode] = nilai
        connection.execute(_HAPUS_LONJAKAN, {"satker": chunk})
        rows = [
            {
                "satker_id": jump.satker_id,
                "periode": jump.periode,
                "kategori_kode": kode,
                "nilai": jump.nilai,
                "median_riwayat": jump.median_riwayat,
            }
            for kode, per_satker in series.items()
            for jump in cari_lonjakan(per_satker, SEMUA_BULAN)
        ]
        if rows:
            connection.execute(_TULIS_LONJAKAN, rows)


def _perbarui_ringkasan(session: Session, pairs: list[tuple[int, dt.date]]) -> None:
    """Recompute the quarter and year sums of these satker over the whole years the months fall
    in, from the pivoted monthly rows just written (years in between are recomputed too: one
    range per chunk of satker keeps it to three statements)."""
    connection = session.connection()
    bulan = [periode for _, periode in pairs]
    years = {"awal": dt.date(min(bulan).year, 1, 1), "akhir": dt.date(max(bulan).year, 12, 1)}
    for chunk in potong(sorted({satker_id for satker_id, _ in pairs}), PASANGAN_PER_KUERI):
        params = {**years, "satker": chunk}
        monthly = [(row[0], row[1], row[2:]) for row in connection.execute(_BULAN_TAHUNAN, params)]
        connection.execute(_HAPUS_RINGKASAN, params)
        if rows := ringkas_bulanan(monthly):
            connection.execute(_TULIS_RINGKASAN, [dict(zip(KOLOM_RINGKASAN, row, strict=True)) for row in rows])


def hitung_ulang_turunan(session: Session, pairs: Iterable[tuple[int, dt.date]]) -> None:
    """Bring the pivoted rows, their period sums and the jumps in step with ``nilai_bulanan`` for
    these satker-months."""
    pair_list = sorted(set(pairs))
    if not pair_list:
        return
    session.flush()  # the statements run on the connection, which does not flush by itself
    _perbarui_lebar(session, pair_list)
    _perbarui_ringkasan(session, pair_list)
    _perbarui_lonjakan(session, sorted({satker_id for satker_id, _ in pair_list}))
