"""Reporting compliance: was a month's report on time, late, or is it still missing?

The deadline comes from the settings (``db.pengaturan.BatasWaktu``); a report counts as on time
when its first accepted upload arrived at or before the deadline.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Literal

StatusKepatuhan = Literal["tepat_waktu", "terlambat", "belum_melapor", "menunggu"]
SEMUA_STATUS: tuple[StatusKepatuhan, ...] = ("tepat_waktu", "terlambat", "belum_melapor", "menunggu")
LABEL_STATUS: dict[str, str] = {
    "tepat_waktu": "Tepat waktu",
    "terlambat": "Terlambat",
    "belum_melapor": "Tidak melapor",
    "menunggu": "Belum melapor (batas waktu belum lewat)",
}


def status_kepatuhan(dikirim_pada: dt.datetime | None, batas: dt.datetime, sekarang: dt.datetime) -> StatusKepatuhan:
    """On time, late, missing, or not yet sent while the deadline has not passed.

    >>> batas = dt.datetime(2024, 6, 5, 17, tzinfo=dt.timezone.utc)
    >>> [status_kepatuhan(sent, batas, batas + dt.timedelta(days=1)) for sent in (batas, None)]
    ['tepat_waktu', 'belum_melapor']
    >>> status_kepatuhan(None, batas, batas - dt.timedelta(hours=1))
    'menunggu'
    """
    if dikirim_pada is None:
        return "belum_melapor" if sekarang > batas else "menunggu"
    return "tepat_waktu" if dikirim_pada <= batas else "terlambat"


def hitung_status(statuses: Iterable[StatusKepatuhan]) -> dict[StatusKepatuhan, int]:
    """How many of each status, every status present (0 when none)."""
    counted = Counter(statuses)
    return {status: counted.get(status, 0) for status in SEMUA_STATUS}


def sisa_waktu(batas: dt.datetime, sekarang: dt.datetime) -> str:
    """Time left until the deadline, or how long ago it passed, in Indonesian.

    >>> t = dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)
    >>> sisa_waktu(t + dt.timedelta(days=2, hours=3, minutes=10), t)
    'tersisa 2 hari 3 jam'
    >>> sisa_waktu(t - dt.timedelta(minutes=45), t)
    'lewat 45 menit'
    """
    selisih = batas - sekarang
    prefix = "tersisa" if selisih >= dt.timedelta(0) else "lewat"
    total_minutes = int(abs(selisih).total_seconds() // 60)
    days, rest = divmod(total_minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days} hari"] if days else []
    if hours:
        parts.append(f"{hours} jam")
    if not days and (minutes or not hours):
        parts.append(f"{minutes} menit")
    return f"{prefix} {' '.join(parts)}"
