"""Reference data shipped with the app (``db/reference_data/``) and its idempotent loading.

Loading inserts what is missing and refreshes official fields, but never overwrites what an
admin may edit (a kategori's label), so ``python -m etl init`` is safe to run any time.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analytics.nama import find_name_at, normalize_name
from db.models import Kategori, Penghargaan, Polda, Satker, SatkerNama

REFERENCE_DIR = Path(__file__).resolve().parent / "reference_data"
# The first name of a satker is valid "since always"; a real date is only known for renames.
SEJAK_AWAL = dt.date(1900, 1, 1)
ACARA_RAKERNIS_2024 = "penghargaan_rakernis_2024.csv"


@dataclass(frozen=True)
class ReferenceCounts:
    polda: int
    satker: int
    kategori: int
    penghargaan: int


def _rows(file_name: str) -> Iterator[dict[str, str]]:
    with open(REFERENCE_DIR / file_name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def find_satker(session: Session, nama: str) -> Satker | None:
    """The satker that has or ever had ``nama`` (case and spacing ignored)."""
    wanted = normalize_name(nama)
    for satker_id, known in session.execute(select(SatkerNama.satker_id, SatkerNama.nama)):
        if normalize_name(known) == wanted:
            return session.get(Satker, satker_id)
    return None


def _load_polda(session: Session) -> None:
    existing = {p.nama: p for p in session.scalars(select(Polda))}
    for row in _rows("polda.csv"):
        polda = existing.get(row["nama"])
        if polda is None:
            session.add(Polda(nama=row["nama"], singkatan=row["singkatan"], aktif=True))
        else:
            polda.singkatan = row["singkatan"]
    session.flush()


def _load_satker(session: Session) -> None:
    polda_by_name = {p.nama: p for p in session.scalars(select(Polda))}
    for row in _rows("satker.csv"):
        satker = find_satker(session, row["nama"])
        if satker is None:
            satker = Satker(
                polda=polda_by_name[row["polda"]], nama=row["nama"], tipe=row["tipe"], wilayah=row["wilayah"]
            )
            satker.riwayat_nama.append(SatkerNama(nama=row["nama"], tipe=row["tipe"], berlaku_mulai=SEJAK_AWAL))
            session.add(satker)
            session.flush()
        else:
            satker.wilayah = row["wilayah"]
    for row in _rows("satker_perubahan_nama.csv"):
        satker = find_satker(session, row["nama_lama"])
        if satker is None:
            raise ValueError(f"satker_perubahan_nama.csv: satker {row['nama_lama']!r} tidak ada di satker.csv")
        berlaku = dt.date.fromisoformat(row["berlaku_mulai"])
        if not any(entry.berlaku_mulai == berlaku for entry in satker.riwayat_nama):
            satker.riwayat_nama.append(
                SatkerNama(nama=row["nama_baru"], tipe=row["tipe_baru"], berlaku_mulai=berlaku, catatan=row["catatan"])
            )
    session.flush()
    today = dt.date.today()
    for satker in session.scalars(select(Satker)):
        current = find_name_at(satker.riwayat_nama, today)
        satker.nama, satker.tipe = current.nama, current.tipe
    session.flush()


def _load_kategori(session: Session) -> None:
    existing = {k.kode: k for k in session.scalars(select(Kategori))}
    for row in _rows("kategori.csv"):
        fields = {
            "nama_tampilan": row["nama_tampilan"],
            "satuan": row["satuan"],
            "arah": row["arah"],
            "urutan": int(row["urutan"]),
            "nama_sheet": row["nama_sheet"] or None,
        }
        kategori = existing.get(row["kode"])
        if kategori is None:
            session.add(Kategori(kode=row["kode"], **fields))
        else:
            for name, value in fields.items():
                setattr(kategori, name, value)
    session.flush()


def _load_penghargaan(session: Session) -> None:
    for row in _rows(ACARA_RAKERNIS_2024):
        satker = find_satker(session, row["satker"])
        if satker is None:
            raise ValueError(f"{ACARA_RAKERNIS_2024}: satker {row['satker']!r} tidak dikenal")
        key = (row["acara"], int(row["tahun"]), row["kategori"], int(row["peringkat"]), satker.id)
        exists = session.scalar(
            select(Penghargaan.id).where(
                Penghargaan.acara == key[0],
                Penghargaan.tahun == key[1],
                Penghargaan.kategori_kode == key[2],
                Penghargaan.peringkat == key[3],
                Penghargaan.satker_id == key[4],
            )
        )
        if exists is None:
            session.add(
                Penghargaan(acara=key[0], tahun=key[1], kategori_kode=key[2], peringkat=key[3], satker_id=key[4])
            )
    session.flush()


def load_reference_data(session: Session) -> ReferenceCounts:
    """Insert or refresh Polda, satker (with name history), kategori and official awards."""
    _load_polda(session)
    _load_satker(session)
    _load_kategori(session)
    _load_penghargaan(session)
    return count_reference_data(session)


def count_reference_data(session: Session) -> ReferenceCounts:
    """How many Polda, satker, kategori and awards are stored."""

    def count(model: type) -> int:
        return session.scalar(select(func.count()).select_from(model)) or 0

    return ReferenceCounts(
        polda=count(Polda), satker=count(Satker), kategori=count(Kategori), penghargaan=count(Penghargaan)
    )
