"""The agenda as stored: the shipped events (db/reference_data/agenda.csv) and the admin's own.

The shipped events are refreshed on every start like the rest of the reference data (matched by
name and start date; dates and sources follow the file); an admin's events are never touched by
that refresh.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from analytics.agenda import Acara, parse_agenda_csv
from analytics.izin import IsianSalah, Pelaku, pastikan
from db.audit import catat
from db.models import Agenda, Polda
from db.reference import REFERENCE_DIR

AGENDA_CSV = "agenda.csv"


@dataclass(frozen=True)
class AcaraTersimpan:
    """A stored event with its id and whether it ships with the app."""

    id: int
    acara: Acara
    bawaan: bool


def load_agenda_bawaan(session: Session) -> int:
    """Insert or refresh the shipped events; returns how many the file has."""
    events = parse_agenda_csv((REFERENCE_DIR / AGENDA_CSV).read_text(encoding="utf-8"))
    polda = {nama: polda_id for polda_id, nama in session.execute(select(Polda.id, Polda.nama)).all()}
    existing = {(row.nama, row.mulai): row for row in session.scalars(select(Agenda).where(Agenda.bawaan.is_(True)))}
    for acara in events:
        if acara.polda is not None and acara.polda not in polda:
            raise ValueError(f"{AGENDA_CSV}: Polda {acara.polda!r} tidak ada di polda.csv")
        fields = {
            "selesai": acara.selesai,
            "jenis": acara.jenis,
            "polda_id": None if acara.polda is None else polda[acara.polda],
            "sumber": acara.sumber,
            "catatan": acara.catatan,
        }
        row = existing.pop((acara.nama, acara.mulai), None)
        if row is None:
            session.add(Agenda(mulai=acara.mulai, nama=acara.nama, bawaan=True, **fields))
        else:
            for name, value in fields.items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
    for stale in existing.values():  # dropped from the file (e.g. a corrected start date)
        session.delete(stale)
    session.flush()
    return len(events)


_KOLOM_ACARA = (Agenda.mulai, Agenda.selesai, Agenda.nama, Agenda.jenis, Polda.nama, Agenda.sumber, Agenda.catatan)
"""A stored event's columns in the order of :class:`Acara`'s fields (the Polda by name)."""


def daftar_acara_tersimpan(session: Session) -> list[AcaraTersimpan]:
    """Every stored event by start date and name."""
    rows = session.connection().execute(
        select(Agenda.id, Agenda.bawaan, *_KOLOM_ACARA)
        .outerjoin(Polda, Polda.id == Agenda.polda_id)
        .order_by(Agenda.mulai, Agenda.nama)
    )
    return [AcaraTersimpan(acara_id, Acara(*kolom), bawaan) for acara_id, bawaan, *kolom in rows.all()]


def baca_agenda(session: Session, awal: dt.date, akhir: dt.date) -> list[Acara]:
    """Events overlapping ``awal``–``akhir`` (every Polda's; analytics.agenda picks per view), by
    start date and name: chosen in SQL and read as columns, since every ranking with a spike
    flag asks (Acara.is_tumpang_tindih is the same test)."""
    rows = session.connection().execute(
        select(*_KOLOM_ACARA)
        .outerjoin(Polda, Polda.id == Agenda.polda_id)
        .where(Agenda.mulai <= akhir, Agenda.selesai >= awal)
        .order_by(Agenda.mulai, Agenda.nama)
    )
    return [Acara(*row) for row in rows.all()]


def tambah_acara(session: Session, pelaku: Pelaku, acara: Acara) -> int:
    """Add an admin's event (Acara has checked name, kind, dates and source); returns its id."""
    pastikan(pelaku, "ubah_pengaturan")
    polda_id = None
    if acara.polda is not None:
        polda_id = session.scalar(select(Polda.id).where(Polda.nama == acara.polda))
        if polda_id is None:
            raise IsianSalah(f"Polda “{acara.polda}” tidak dikenal.")
    row = Agenda(
        mulai=acara.mulai,
        selesai=acara.selesai,
        nama=acara.nama.strip(),
        jenis=acara.jenis,
        polda_id=polda_id,
        sumber=acara.sumber.strip(),
        catatan=acara.catatan.strip(),
        bawaan=False,
    )
    session.add(row)
    session.flush()
    catat(session, pelaku, "tambah_acara", nama=row.nama, mulai=row.mulai.isoformat(), polda=acara.polda)
    return row.id


def hapus_acara(session: Session, pelaku: Pelaku, acara_id: int) -> None:
    """Remove an admin's event; shipped events come back with the next start, so they are refused."""
    pastikan(pelaku, "ubah_pengaturan")
    row = session.get(Agenda, acara_id)
    if row is None:
        raise IsianSalah("Acara tidak ditemukan.")
    if row.bawaan:
        raise IsianSalah("Acara bawaan (data referensi) tidak dapat dihapus dari aplikasi.")
    catat(session, pelaku, "hapus_acara", nama=row.nama, mulai=row.mulai.isoformat())
    session.delete(row)
    session.flush()
