"""What a load returns and what it records about the upload (shared by loader and store)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from analytics.izin import Pelaku
from etl.problems import Masalah

Status = Literal["loaded", "unchanged", "rejected", "valid"]
"""``valid``: checked and ready to store (the upload page's preview); never printed by ``load``."""
Kind = Literal["laporan_bulanan", "rekap", "penghargaan", "target_kelompok"]


@dataclass
class LoadResult:
    """The outcome of one file, in the shape of ``load --json``."""

    file: str
    status: Status
    kind: Kind | None = None
    satker: str | None = None
    periode: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Masalah] = field(default_factory=list)
    message: str = ""
    versi: int | None = None
    coba_lagi: bool = False
    """Refused because of passing database trouble, not because of the file: send it again."""
    laporan_id: int | None = None
    """The stored report version the file is (a monthly report loaded or unchanged); not in the JSON."""

    @property
    def errors(self) -> list[Masalah]:
        return [p for p in self.problems if p.tingkat == "error"]

    @property
    def warnings(self) -> list[Masalah]:
        return [p for p in self.problems if p.tingkat == "warning"]

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "kind": self.kind,
            "satker": self.satker,
            "periode": self.periode,
            "counts": self.counts,
            "errors": [p.as_json() for p in self.errors],
            "warnings": [p.as_json() for p in self.warnings],
        }


@dataclass(frozen=True)
class Upload:
    """Who sent which bytes when: stored with every accepted file."""

    file_name: str
    size: int
    sha256: str
    uploader: Pelaku | None
    received_at: dt.datetime
    data: bytes | None = field(default=None, repr=False)
    """The bytes as sent, kept with the accepted upload (db.berkas_asli); None keeps nothing."""

    @property
    def uploader_id(self) -> int | None:
        return self.uploader.id if self.uploader else None

    @property
    def pelaku(self) -> Pelaku:
        """Who is recorded as sending it: the logged-in user, or the command line (an admin)."""
        return self.uploader or Pelaku.baris_perintah()
