"""Satker and operator accounts at national scale, for the concurrency tests and the reliability
benchmark (benchmarks/keandalan.py) alike."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from db.akun import hash_kata_sandi, pelaku_dari
from db.models import Pengguna, Polda, Satker, SatkerNama
from db.reference import SEJAK_AWAL

KATA_SANDI_OPERATOR = "kata-sandi-uji-1"


def tambah_satker(engine: Engine, jumlah: int) -> None:
    """Satker of the other Polda until there are ``jumlah`` in all (the national case)."""
    with Session(engine) as session, session.begin():
        ada = len(session.scalars(select(Satker.id)).all())
        polda = session.scalars(select(Polda).where(Polda.nama != "Polda Jawa Timur").order_by(Polda.id)).all()
        for nomor in range(ada, jumlah):
            nama = f"Polres Uji Nasional {nomor:03d}"
            satker = Satker(polda=polda[nomor % len(polda)], nama=nama, tipe="Polres")
            satker.riwayat_nama.append(SatkerNama(nama=nama, tipe="Polres", berlaku_mulai=SEJAK_AWAL))
            session.add(satker)


def operator_satker(engine: Engine) -> dict[str, Pelaku]:
    """One operator account per satker (satker name → the acting user), made in one transaction."""
    password_hash = hash_kata_sandi(KATA_SANDI_OPERATOR)
    with Session(engine) as session, session.begin():
        satker = session.scalars(select(Satker).order_by(Satker.id)).all()
        akun = {
            s.nama: Pengguna(
                username=f"op{s.id}", password_hash=password_hash, peran="operator", satker_id=s.id, polda_id=s.polda_id
            )
            for s in satker
        }
        session.add_all(akun.values())
        session.flush()
        return {nama: pelaku_dari(pengguna) for nama, pengguna in akun.items()}
