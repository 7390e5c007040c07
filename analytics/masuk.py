"""Throttling failed logins: how long the next attempt must wait, from the failures already made.

Two counts over the last ``JENDELA``: failures from the client's address (any name) and failures for
the name tried (any address). Below a free number each attempt is checked at once; beyond it the next
attempt must wait a time that doubles with every further failure, up to a cap. The caps differ on
purpose: an address that keeps guessing waits up to 15 minutes, but a name waits at most one
minute, so nobody can lock an admin out by typing wrong passwords for them. An address with no
failure in the window is not held back by the name's count at all: the admin who types the right
password from their own computer gets in while someone else is guessing. Unknown names are counted
like known ones, so the answer never tells whether a name exists.

Pure: the caller counts the failures (db/akun.py) and passes the times.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

JENDELA = dt.timedelta(hours=1)


@dataclass(frozen=True)
class AturanJeda:
    """``bebas`` failures are free; after that the wait is ``dasar`` × 2^(failures − bebas), at most ``batas``."""

    bebas: int
    dasar: dt.timedelta
    batas: dt.timedelta

    def jeda(self, gagal: int) -> dt.timedelta:
        """The wait after ``gagal`` failures.

        >>> [int(PER_ALAMAT.jeda(n).total_seconds()) for n in (0, 4, 5, 6, 7, 20)]
        [0, 0, 2, 4, 8, 900]
        """
        if gagal < self.bebas:
            return dt.timedelta(0)
        lipat = gagal - self.bebas
        return self.batas if lipat >= 20 else min(self.batas, self.dasar * 2**lipat)


PER_ALAMAT = AturanJeda(bebas=5, dasar=dt.timedelta(seconds=2), batas=dt.timedelta(minutes=15))
PER_AKUN = AturanJeda(bebas=10, dasar=dt.timedelta(seconds=2), batas=dt.timedelta(minutes=1))


@dataclass(frozen=True)
class Gagal:
    """Failures counted in the window and the time of the newest one."""

    jumlah: int = 0
    terakhir: dt.datetime | None = None


def hitung_tunggu(alamat: Gagal, akun: Gagal, sekarang: dt.datetime) -> dt.timedelta:
    """How long this attempt must still wait (zero: check the password now).

    >>> t = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.UTC)
    >>> hitung_tunggu(Gagal(6, t), Gagal(), t + dt.timedelta(seconds=1))
    datetime.timedelta(seconds=3)
    >>> hitung_tunggu(Gagal(), Gagal(50, t), t)  # a fresh address is not held back by a name's failures
    datetime.timedelta(0)
    """
    sisa = [_sisa(PER_ALAMAT, alamat, sekarang)]
    if alamat.jumlah:
        sisa.append(_sisa(PER_AKUN, akun, sekarang))
    return max(sisa)


def _sisa(aturan: AturanJeda, gagal: Gagal, sekarang: dt.datetime) -> dt.timedelta:
    if gagal.terakhir is None:
        return dt.timedelta(0)
    return max(dt.timedelta(0), gagal.terakhir + aturan.jeda(gagal.jumlah) - sekarang)


def format_tunggu(lama: dt.timedelta) -> str:
    """The wait in words, rounded up.

    >>> format_tunggu(dt.timedelta(seconds=1.2)), format_tunggu(dt.timedelta(seconds=61))
    ('2 detik', '2 menit')
    """
    detik = math.ceil(lama.total_seconds())
    return f"{detik} detik" if detik < 60 else f"{math.ceil(detik / 60)} menit"
