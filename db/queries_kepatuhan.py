"""Read queries for reporting compliance: who sent each month's report and when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analytics.kategori import KECEPATAN
from analytics.periods import Rentang, month_end_utc
from db.models import Laporan, NilaiBulanan
from db.queries_peringkat import satker_aktif, satker_ids_in


@dataclass(frozen=True)
class Kiriman:
    """A satker's report for one month: first and latest upload, number of versions.

    For a month known only from a recap backfill, ``pertama_dikirim`` is the recorded submission
    time and ``jumlah_versi`` is 0.
    """

    satker_id: int
    satker: str
    periode: dt.date
    pertama_dikirim: dt.datetime | None
    terakhir_dikirim: dt.datetime | None
    jumlah_versi: int


def kiriman_rentang(session: Session, polda_id: int | None, rentang: Rentang) -> list[Kiriman]:
    """One entry per active satker of the Polda (every Polda for None) and month of the period,
    reported or not."""
    satker = satker_aktif(session, polda_id, rentang.akhir)
    reports = {
        (satker_id, periode): (first, last, versions)
        for satker_id, periode, first, last, versions in session.execute(
            select(
                Laporan.satker_id,
                Laporan.periode,
                func.min(Laporan.dikirim_pada),
                func.max(Laporan.dikirim_pada),
                func.count(),
            )
            .where(Laporan.periode.between(rentang.awal, rentang.akhir), Laporan.satker_id.in_(satker_ids_in(polda_id)))
            .group_by(Laporan.satker_id, Laporan.periode)
        )
    }
    recap = {
        (satker_id, periode): month_end_utc(periode) + dt.timedelta(hours=nilai)
        for satker_id, periode, nilai in session.execute(
            select(NilaiBulanan.satker_id, NilaiBulanan.periode, NilaiBulanan.nilai).where(
                NilaiBulanan.kategori_kode == KECEPATAN,
                NilaiBulanan.sumber == "rekap",
                NilaiBulanan.periode.between(rentang.awal, rentang.akhir),
                NilaiBulanan.satker_id.in_(satker_ids_in(polda_id)),
            )
        )
    }
    result = []
    for periode in rentang.bulan:
        for satker_id, nama in satker.items():
            key = (satker_id, periode)
            if key in reports:
                first, last, versions = reports[key]
                result.append(Kiriman(satker_id, nama, periode, first, last, versions))
            else:
                sent = recap.get(key)
                result.append(Kiriman(satker_id, nama, periode, sent, sent, 0))
    return result


@dataclass(frozen=True)
class JumlahSumber:
    """Where a period's numbers come from: active monthly reports, all their uploaded versions,
    and satker-months known only from a recap backfill."""

    laporan_aktif: int
    versi: int
    satker_bulan_rekap: int


def hitung_sumber(session: Session, polda_id: int | None, rentang: Rentang) -> JumlahSumber:
    """The sources of a Polda's (every Polda's, for None) numbers over ``rentang``."""
    in_polda = satker_ids_in(polda_id)
    aktif, versi = session.execute(
        select(func.count().filter(Laporan.status == "aktif"), func.count()).where(
            Laporan.periode.between(rentang.awal, rentang.akhir), Laporan.satker_id.in_(in_polda)
        )
    ).one()
    rekap_bulan = (
        select(NilaiBulanan.satker_id, NilaiBulanan.periode)
        .where(
            NilaiBulanan.sumber == "rekap",
            NilaiBulanan.periode.between(rentang.awal, rentang.akhir),
            NilaiBulanan.satker_id.in_(in_polda),
        )
        .distinct()
        .subquery()
    )
    rekap = session.scalar(select(func.count()).select_from(rekap_bulan))
    return JumlahSumber(aktif, versi, rekap or 0)


def operator_terakhir(session: Session, polda_id: int | None) -> dict[int, str]:
    """Satker id → the operator named in its most recent upload (any month), for a reminder."""
    latest = (
        select(Laporan.satker_id, func.max(Laporan.dikirim_pada).label("terakhir"))
        .where(Laporan.satker_id.in_(satker_ids_in(polda_id)))
        .group_by(Laporan.satker_id)
        .subquery()
    )
    rows = session.execute(
        select(Laporan.satker_id, Laporan.nama_operator).join(
            latest, (Laporan.satker_id == latest.c.satker_id) & (Laporan.dikirim_pada == latest.c.terakhir)
        )
    )
    return {satker_id: nama for satker_id, nama in rows if nama}
