"""Extending the platform alias table from the admin page: the shipped table
(db/reference_data/platform_alias.csv) plus what admins added (db.platform_alias)."""

from __future__ import annotations

from analytics.izin import IsianSalah, Pelaku
from db.engine import Session
from db.platform_alias import alias_tambahan, simpan_alias
from etl.platform_alias import kunci_alias, tabel_dengan_tambahan


def tambah_alias(session: Session, pelaku: Pelaku, alias: str, platform: str) -> None:
    """Add ``alias`` for ``platform``; refused (Indonesian) when it is empty, already known, or
    the platform is not one of the list."""
    alias = " ".join(alias.split())
    if not kunci_alias(alias) or len(alias) > 60:
        raise IsianSalah("Alias wajib diisi dengan huruf atau angka, paling panjang 60 karakter.")
    tambahan = alias_tambahan(session)
    sudah, _ = tabel_dengan_tambahan(tambahan).kenali(alias)
    if sudah is not None:
        raise IsianSalah(f"“{alias}” sudah dikenali sebagai {sudah}.")
    try:
        tabel_dengan_tambahan({**tambahan, alias: platform})
    except ValueError as salah:
        raise IsianSalah(str(salah)) from None
    simpan_alias(session, pelaku, alias, platform)
