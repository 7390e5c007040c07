"""Platform nicknames an admin added, stored beside the shipped table (reference data).

The validator reads the shipped CSV plus these rows (etl.loader.load_reference); adding one is
checked against both by services.platform_alias, written here, and audited.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from analytics.izin import IsianSalah, Pelaku, pastikan
from db.audit import catat
from db.models import PlatformAlias


def alias_tambahan(session: Session) -> dict[str, str]:
    """Alias → platform, as the admin typed them, in alphabetical order."""
    rows = session.execute(select(PlatformAlias.alias, PlatformAlias.platform).order_by(PlatformAlias.alias))
    return {alias: platform for alias, platform in rows}


def simpan_alias(session: Session, pelaku: Pelaku, alias: str, platform: str) -> None:
    """Store an alias already checked against the whole table (services.platform_alias)."""
    pastikan(pelaku, "kelola_satker")
    session.add(PlatformAlias(alias=alias, platform=platform))
    catat(session, pelaku, "alias_platform_ditambah", alias=alias, platform=platform)


def hapus_alias(session: Session, pelaku: Pelaku, alias: str) -> None:
    """Forget an added alias; reports already loaded keep the platform they were given."""
    pastikan(pelaku, "kelola_satker")
    if not session.execute(delete(PlatformAlias).where(PlatformAlias.alias == alias)).rowcount:
        raise IsianSalah(f"Alias “{alias}” tidak ada di daftar tambahan.")
    catat(session, pelaku, "alias_platform_dihapus", alias=alias)
