"""Matching names as people type them: satker names against every name a satker has had, the
name in force on a date, and suggestions for a name that matches nothing."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar


def normalize_name(nama: str) -> str:
    """Satker names match regardless of case and spacing.

    >>> normalize_name("  polres   KEDIRI kota ")
    'polres kediri kota'
    """
    return re.sub(r"\s+", " ", nama).strip().casefold()


class _Berlaku(Protocol):
    @property
    def berlaku_mulai(self) -> dt.date: ...


N = TypeVar("N", bound=_Berlaku)


def find_name_at(riwayat: Sequence[N], tanggal: dt.date) -> N:
    """The name entry in force on ``tanggal`` (the earliest one before any rename).

    >>> from types import SimpleNamespace as Nama
    >>> riwayat = [Nama(nama="Polres Tuban", berlaku_mulai=dt.date(1900, 1, 1)),
    ...            Nama(nama="Polresta Tuban", berlaku_mulai=dt.date(2025, 1, 1))]
    >>> find_name_at(riwayat, dt.date(2024, 12, 1)).nama, find_name_at(riwayat, dt.date(2025, 1, 1)).nama
    ('Polres Tuban', 'Polresta Tuban')
    """
    by_date = sorted(riwayat, key=lambda entry: entry.berlaku_mulai)
    in_force = [entry for entry in by_date if entry.berlaku_mulai <= tanggal]
    return in_force[-1] if in_force else by_date[0]


@dataclass(frozen=True)
class SatkerDirectory:
    """Every name a satker has or had (normalised) → (satker id, current official name)."""

    by_name: dict[str, tuple[int, str]]

    def match(self, typed: str) -> tuple[int, str] | None:
        """The satker meant by ``typed``, ignoring case and spacing; old names match too."""
        return self.by_name.get(normalize_name(typed))

    def suggest(self, typed: str, limit: int = 3) -> list[str]:
        """The closest official names, for a message such as "Mungkin maksud Anda: …".

        >>> SatkerDirectory({"polres kediri kota": (1, "Polres Kediri Kota")}).suggest("Polres Kediri Kot")
        ['Polres Kediri Kota']
        """
        close = difflib.get_close_matches(normalize_name(typed), list(self.by_name), n=limit * 2, cutoff=0.6)
        names: list[str] = []
        for key in close:
            official = self.by_name[key][1]
            if official not in names:
                names.append(official)
        return names[:limit]
