"""A reproducible national data set: every Polda, about 450 satker, 36 months, ~8 million rows.

Polda Jawa Timur keeps its 39 real satker; every other Polda of the reference data gets
synthetic satker named "Polres <Polda> NN" so the total is ``satker``. Each satker reports
every month (a few months are missing) one version whose activity rows are written straight
into the database by the fastest path each engine offers (PostgreSQL binary COPY, SQLite
executemany in large transactions), one month per transaction; then the monthly values and the
shared-link counts are computed exactly as the loader does. About 0.5 % of the rows reuse a
link of another satker in the same month, so integrity flags exist.

With ``parquet`` the same activity rows (plus each satker's Polda) and the report times are
also written as Parquet, for a reference engine (DuckDB) to compute the same rankings from raw
rows. Small sizes are used by the tests; the defaults are the national benchmark
(``python -m benchmarks.generate``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from analytics.periods import add_months, month_end_utc
from db.bulk import bulk_insert, refresh_statistics
from db.contoh import KOLOM_AKTIVITAS
from db.models import (
    Aktivitas,
    Laporan,
    NilaiBulanan,
    Polda,
    Satker,
    SatkerNama,
    TautanGandaBulanan,
    Unggahan,
    kunci_tautan,
)
from db.nilai_bulanan import hitung_ulang_nilai_bulanan
from db.reference import SEJAK_AWAL
from db.schema import prepare_database
from db.tautan_ganda import hitung_ulang_tautan_ganda

BENIH = 20261125
BULAN_TERAKHIR = dt.date(2025, 12, 1)
PLATFORM = ("Instagram", "Facebook", "X", "TikTok", "YouTube", "Website")
BAGIAN_KATEGORI = {  # share of a satker's monthly rows per count kategori
    "link_amplifikasi": 0.28,
    "amplifikasi_narasi_positif": 0.17,
    "narasi_berita_positif": 0.07,
    "input_portal_humas": 0.10,
    "ipse": 0.05,
    "trending_topik": 0.03,
    "tb_news": 0.13,
    "spit_raw_data": 0.10,
    "spit_konten": 0.07,
}
PELUANG_TIDAK_MELAPOR = 0.03
PELUANG_TAUTAN_BERSAMA = 0.005


@dataclass(frozen=True)
class Ringkasan:
    """What was generated."""

    polda: int
    satker: int
    bulan: int
    laporan: int
    aktivitas: int
    detik: float


def _satker_sintetis(session: Session, total: int, polda_limit: int | None) -> list[tuple[int, int]]:
    """(satker id, polda id) of every satker in scope, adding synthetic ones up to ``total``."""
    polda = list(session.execute(select(Polda.id, Polda.singkatan).order_by(Polda.id)))
    real = list(session.execute(select(Satker.id, Satker.polda_id).where(Satker.aktif.is_(True)).order_by(Satker.id)))
    with_real = {polda_id for _, polda_id in real}
    others = [(pid, singkatan) for pid, singkatan in polda if pid not in with_real]
    if polda_limit is not None:
        others = others[: max(0, polda_limit - len(with_real))]
    missing = max(0, total - len(real))
    per_polda = (
        [missing // len(others) + (1 if i < missing % len(others) else 0) for i in range(len(others))] if others else []
    )
    for (polda_id, singkatan), count in zip(others, per_polda, strict=True):
        for number in range(1, count + 1):
            nama = f"Polres {singkatan} {number:02d}"
            satker = Satker(polda_id=polda_id, nama=nama, tipe="Polres", wilayah="sintetis")
            satker.riwayat_nama.append(SatkerNama(nama=nama, tipe="Polres", berlaku_mulai=SEJAK_AWAL))
            session.add(satker)
    session.flush()
    return list(session.execute(select(Satker.id, Satker.polda_id).where(Satker.aktif.is_(True)).order_by(Satker.id)))


def _rows_of_month(
    rng: random.Random, periode: dt.date, laporan_of: dict[int, int], skala: dict[int, float], per_satker: float
) -> list[tuple[Any, ...]]:
    """Activity rows of one month for the satker that reported (``laporan_of``: satker → report)."""
    rows: list[tuple[Any, ...]] = []
    month_code = f"{periode:%Y%m}"
    days = (add_months(periode, 1) - periode).days
    satker_ids = list(laporan_of)
    for satker_id, laporan_id in laporan_of.items():
        for kode, share in BAGIAN_KATEGORI.items():
            count = int(rng.gammavariate(4.0, per_satker * skala[satker_id] * share / 4.0))
            for baris in range(2, count + 2):
                if rng.random() < PELUANG_TAUTAN_BERSAMA:
                    other = rng.choice(satker_ids)
                    url = f"https://bersama.id/{month_code}/{other % 97}"
                else:
                    url = f"https://humas.id/{satker_id}/{month_code}/{kode}/{baris}"
                tanggal = periode + dt.timedelta(days=rng.randrange(days))
                rows.append(
                    (
                        laporan_id,
                        satker_id,
                        periode,
                        kode,
                        baris,
                        tanggal,
                        f"Kegiatan {kode} {baris}",
                        PLATFORM[baris % len(PLATFORM)],
                        url,
                        url,  # already canonical: https, no www., no parameters, no trailing slash
                        kunci_tautan(url),
                    )
                )
    return rows


def _parquet_writers(folder: Path) -> tuple[Any, Any, Any]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    schema = pa.schema(
        [
            ("satker_id", pa.int32()),
            ("polda_id", pa.int32()),
            ("periode", pa.date32()),
            ("kategori_kode", pa.string()),
            ("url", pa.string()),
        ]
    )
    return pa, pq.ParquetWriter(folder / "aktivitas.parquet", schema), schema


def generate_national(
    engine: Engine,
    satker: int = 450,
    bulan: int = 36,
    baris: int = 8_000_000,
    benih: int = BENIH,
    parquet: Path | None = None,
    polda_limit: int | None = None,
) -> Ringkasan:
    """Fill ``engine`` (prepared here) with the national data set; see the module docstring."""
    start = time.perf_counter()
    rng = random.Random(benih)
    prepare_database(engine)
    with Session(engine) as session, session.begin():
        scope = _satker_sintetis(session, satker, polda_limit)
    polda_of = dict(scope)
    months = [add_months(BULAN_TERAKHIR, -i) for i in reversed(range(bulan))]
    skala = {satker_id: rng.lognormvariate(0, 0.5) for satker_id, _ in scope}
    mean_scale = sum(skala.values()) / len(skala)
    per_satker = baris / (len(scope) * bulan * (1 - PELUANG_TIDAK_MELAPOR)) / mean_scale
    writer = _parquet_writers(parquet) if parquet else None
    times: list[tuple[int, dt.date, float]] = []
    total_rows = total_reports = 0
    pairs: list[tuple[int, dt.date]] = []
    for periode in months:
        reporting = [sid for sid, _ in scope if rng.random() >= PELUANG_TIDAK_MELAPOR]
        end = month_end_utc(periode)
        sent = {sid: end + dt.timedelta(hours=rng.expovariate(1 / 60)) for sid in reporting}
        with Session(engine) as session, session.begin():
            connection = session.connection()
            unggahan = (
                connection.execute(
                    insert(Unggahan).returning(Unggahan.id, sort_by_parameter_order=True),
                    [
                        {
                            "jenis": "laporan_bulanan",
                            "nama_file": f"nasional_{sid}_{periode:%Y-%m}.xlsx",
                            "sha256": hashlib.sha256(f"{benih}/{sid}/{periode}".encode()).hexdigest(),
                            "ukuran_byte": 0,
                            "diunggah_pada": sent[sid],
                        }
                        for sid in reporting
                    ],
                )
                .scalars()
                .all()
            )
            laporan = (
                connection.execute(
                    insert(Laporan).returning(Laporan.id, sort_by_parameter_order=True),
                    [
                        {
                            "unggahan_id": uid,
                            "satker_id": sid,
                            "periode": periode,
                            "versi": 1,
                            "status": "aktif",
                            "dikirim_pada": sent[sid],
                            "nama_operator": "Operator sintetis",
                        }
                        for uid, sid in zip(unggahan, reporting, strict=True)
                    ],
                )
                .scalars()
                .all()
            )
            rows = _rows_of_month(rng, periode, dict(zip(reporting, laporan, strict=True)), skala, per_satker)
            bulk_insert(connection, Aktivitas.__table__, KOLOM_AKTIVITAS, rows)
        total_rows += len(rows)
        total_reports += len(reporting)
        pairs += [(sid, periode) for sid in reporting]
        times += [(sid, periode, (sent[sid] - end).total_seconds() / 3600) for sid in reporting]
        if writer is not None:
            pa, parquet_writer, schema = writer
            columns = list(zip(*[(r[1], polda_of[r[1]], r[2], r[3], r[8]) for r in rows], strict=True)) or [[]] * 5
            parquet_writer.write_table(
                pa.Table.from_arrays(
                    [pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)], schema=schema
                )
            )
    with Session(engine) as session, session.begin():
        connection = session.connection()
        refresh_statistics(connection, Aktivitas.__table__, Laporan.__table__)
        hitung_ulang_nilai_bulanan(session, pairs)
        hitung_ulang_tautan_ganda(session, months)
        refresh_statistics(connection, NilaiBulanan.__table__, TautanGandaBulanan.__table__)
    if writer is not None:
        pa, parquet_writer, _ = writer
        parquet_writer.close()
        import pyarrow.parquet as pq

        sids, periods, hours = zip(*times, strict=True)
        pq.write_table(
            pa.table(
                {
                    "satker_id": pa.array(sids, pa.int32()),
                    "polda_id": pa.array([polda_of[s] for s in sids], pa.int32()),
                    "periode": pa.array(periods, pa.date32()),
                    "jam": pa.array(hours, pa.float64()),
                }
            ),
            parquet / "laporan.parquet",
        )
    polda_count = len({polda_id for _, polda_id in scope})
    return Ringkasan(polda_count, len(scope), bulan, total_reports, total_rows, time.perf_counter() - start)
