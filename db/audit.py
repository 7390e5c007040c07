"""The audit log: who did what, when, from which upload; written in the caller's transaction.

Logins, failed logins, uploads (accepted or refused), setting and master-data changes and
exports are recorded. The Log Audit page reads it back with :func:`daftar_audit`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from db.models import AuditLog, Unggahan

BATAS_BARIS = 5_000


@dataclass(frozen=True)
class CatatanAudit:
    """One audit entry as the page shows it."""

    id: int
    waktu: dt.datetime
    pelaku: str
    aksi: str
    detail: dict[str, Any]
    nama_file: str | None


_TULIS = insert(AuditLog)


def catat(session: Session, pelaku: Pelaku | None, aksi: str, unggahan_id: int | None = None, **detail: Any) -> None:
    """Add one entry in the caller's transaction; ``pelaku`` None means the system itself (or an
    unknown user name). The only writer of audit rows: a Core statement built once, as storing a
    report runs it on the hot path."""
    session.connection().execute(
        _TULIS,
        {
            "pengguna_id": pelaku.id if pelaku else None,
            "pelaku": pelaku.username if pelaku else "sistem",
            "aksi": aksi,
            "detail": detail,
            "unggahan_id": unggahan_id,
        },
    )


def daftar_aksi(session: Session) -> list[str]:
    """Every action name that occurs in the log, for the page's filter."""
    return list(session.scalars(select(AuditLog.aksi).distinct().order_by(AuditLog.aksi)))


def daftar_audit(
    session: Session,
    sejak: dt.datetime | None = None,
    sampai: dt.datetime | None = None,
    aksi: tuple[str, ...] = (),
    pelaku: str = "",
    batas: int = BATAS_BARIS,
) -> list[CatatanAudit]:
    """Newest first, filtered by time (UTC, ``sampai`` exclusive), actions and actor name (contains)."""
    query = select(AuditLog, Unggahan.nama_file).outerjoin(Unggahan, Unggahan.id == AuditLog.unggahan_id)
    if sejak is not None:
        query = query.where(AuditLog.waktu >= sejak)
    if sampai is not None:
        query = query.where(AuditLog.waktu < sampai)
    if aksi:
        query = query.where(AuditLog.aksi.in_(aksi))
    if pelaku.strip():
        query = query.where(func.lower(AuditLog.pelaku).contains(pelaku.strip().lower(), autoescape=True))
    rows = session.execute(query.order_by(AuditLog.waktu.desc(), AuditLog.id.desc()).limit(batas)).all()
    return [
        CatatanAudit(log.id, log.waktu, log.pelaku, log.aksi, dict(log.detail or {}), nama_file)
        for log, nama_file in rows
    ]
