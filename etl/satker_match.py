"""Matching the satker name an operator typed to the official list, with suggestions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from db.reference import normalize_name
from etl.cells import CellError, is_blank, shown


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

    def resolve(self, typed: Any) -> tuple[int, str]:
        """(satker id, current name) for a cell value, or :class:`CellError` saying how to fix it."""
        if is_blank(typed):
            raise CellError("Satker kosong. Isi dengan nama resmi satker, misalnya “Polres Kediri Kota”.")
        match = self.match(str(typed))
        if match is None:
            suggestions = self.suggest(str(typed))
            hint = f" Mungkin maksud Anda: {', '.join(suggestions)}." if suggestions else ""
            raise CellError(
                f"Satker “{shown(typed)}” tidak dikenal.{hint} Tulis nama resmi satker persis seperti di templat."
            )
        return match
