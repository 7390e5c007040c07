"""The Platform of an activity from what the operator wrote and the link's host (pure).

Operators write nicknames (``IG``, ``Tik Tok``, ``Twitter/X``, ``Berita Online``); an alias table
(``db/reference_data/platform_alias.csv``, which an admin may extend in the database) maps them to
the fixed list. Names compare without case, spaces or punctuation (``Tik-Tok`` = ``tiktok``). The
link's host is the stronger evidence: it fills an empty cell and wins over a cell that contradicts
it, each time with a warning. Only when neither the cell nor the host names a platform is the
cell refused.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from analytics.tautan import platform_dari_host
from etl.cells import CellError, is_blank, shown
from etl.workbook_format import PLATFORMS

ALIAS_CSV = Path(__file__).resolve().parent.parent / "db" / "reference_data" / "platform_alias.csv"
DAFTAR = ", ".join(PLATFORMS)
_BUKAN_HURUF = re.compile(r"[\W_]+")


def kunci_alias(teks: str) -> str:
    """What an alias is compared by: lower case, letters and digits only, accents dropped.

    >>> kunci_alias(" Tik-Tok "), kunci_alias("X (Twitter)"), kunci_alias("I.G.")
    ('tiktok', 'xtwitter', 'ig')
    """
    teks = teks.casefold()
    if not teks.isascii():
        teks = "".join(huruf for huruf in unicodedata.normalize("NFKD", teks) if not unicodedata.combining(huruf))
    return _BUKAN_HURUF.sub("", teks)


def baca_alias_csv(path: Path = ALIAS_CSV) -> dict[str, str]:
    """The shipped alias table (alias → platform), as written in the file."""
    with open(path, encoding="utf-8", newline="") as berkas:
        return {baris["alias"]: baris["platform"] for baris in csv.DictReader(berkas)}


@functools.cache
def tabel_bawaan() -> TabelPlatform:
    """The table of the shipped CSV alone (built once): for validating without a database."""
    return TabelPlatform(baca_alias_csv())


def tabel_dengan_tambahan(tambahan: Mapping[str, str]) -> TabelPlatform:
    """The shipped table extended with the aliases an admin added (db.platform_alias); raises
    ValueError (Indonesian) when one of them contradicts the table."""
    return TabelPlatform({**baca_alias_csv(), **tambahan}) if tambahan else tabel_bawaan()


class KodePlatform(StrEnum):
    """How the platform was decided, for counting on the upload page."""

    ALIAS = "alias"  # a nickname from the alias table
    DARI_HOST = "dari_host"  # the cell was empty, the host decided
    HOST_BERBEDA = "host_berbeda"  # the cell contradicted the host, the host decided
    ALIAS_TIDAK_DIKENAL = "alias_tidak_dikenal"  # the cell was unknown, the host decided


@dataclass(frozen=True, slots=True)
class PlatformTerbaca:
    """The platform of one activity (None: empty cell and a host that says nothing, which is
    allowed); ``kode``/``pesan`` say what was fixed, for a warning naming the Platform cell."""

    platform: str | None
    kode: KodePlatform | None = None
    pesan: str = ""


class TabelPlatform:
    """Resolves Platform cells against an alias table built once per load.

    ``alias`` maps what operators write to a platform of the fixed list (keys in any form; the
    platform names themselves are always known). A table naming a platform outside the list,
    or one alias for two platforms, raises ValueError (Indonesian) when the table is built.

    >>> tabel = TabelPlatform({"IG": "Instagram", "Tik Tok": "TikTok"})
    >>> tabel.tentukan("ig", "https://www.instagram.com/p/C1x").platform
    'Instagram'
    >>> tabel.tentukan("", "https://vt.tiktok.com/ZSabc/").pesan
    'Platform kosong; diisi TikTok sesuai alamat tautan.'
    >>> tabel.tentukan("Facebook", "https://youtu.be/dQw4w9WgXcQ").pesan
    'Platform “Facebook” tidak sesuai alamat tautan (YouTube); dipakai YouTube.'
    """

    def __init__(self, alias: Mapping[str, str]) -> None:
        self._baku = {kunci_alias(nama): nama for nama in PLATFORMS}
        self._alias: dict[str, str] = {}
        for nama, platform in alias.items():
            if platform not in PLATFORMS:
                raise ValueError(f"Alias “{nama}” menunjuk platform “{platform}” yang tidak ada di daftar ({DAFTAR}).")
            kunci = kunci_alias(nama)
            if not kunci:
                raise ValueError(f"Alias “{nama}” kosong setelah tanda baca dan spasi dibuang.")
            sudah = self._baku.get(kunci) or self._alias.get(kunci)
            if sudah is not None and sudah != platform:
                raise ValueError(f"Alias “{nama}” menunjuk {platform}, padahal “{nama}” sudah berarti {sudah}.")
            if kunci not in self._baku:
                self._alias[kunci] = platform
        # (cell text, host's platform) → result, or the refusal's message: operators repeat a
        # handful of spellings, so after the first rows a row costs one dictionary look-up.
        self._hasil: dict[tuple[str | None, str | None], PlatformTerbaca | str] = {}

    @classmethod
    def dari_baris(cls, baris: Iterable[tuple[str, str]]) -> TabelPlatform:
        """From (alias, platform) pairs, e.g. the shipped CSV plus rows an admin added."""
        return cls(dict(baris))

    def kenali(self, isi: str) -> tuple[str | None, bool]:
        """(platform, whether a nickname was used) for a non-empty cell text; (None, False)
        when the text is no platform the table knows."""
        kunci = kunci_alias(isi)
        if kunci in self._baku:
            return self._baku[kunci], False
        platform = self._alias.get(kunci)
        return platform, platform is not None

    def tentukan(self, isi: Any, url: str | None) -> PlatformTerbaca:
        """The platform of one activity from its Platform cell and its (cleaned) link.

        Raises :class:`etl.cells.CellError` only when the cell names no known platform and the
        host says nothing either.
        """
        return self.tentukan_dari_host(isi, platform_dari_host(url) if url else None)

    def tentukan_dari_host(self, isi: Any, dari_host: str | None) -> PlatformTerbaca:
        """:meth:`tentukan` with the host's platform already known
        (:func:`analytics.tautan.platform_dari_host`), so that a caller that parses each link
        once does not parse it again here."""
        kunci = (isi, dari_host) if isi is None or type(isi) is str else None
        hasil = self._hasil.get(kunci) if kunci else None
        if hasil is None:
            try:
                hasil = self._tentukan(isi, dari_host)
            except CellError as ditolak:
                hasil = str(ditolak)
            if kunci and len(self._hasil) < 10_000:
                self._hasil[kunci] = hasil
        if isinstance(hasil, str):
            raise CellError(hasil)
        return hasil

    def _tentukan(self, isi: Any, dari_host: str | None) -> PlatformTerbaca:
        if is_blank(isi):
            if dari_host is None:
                return PlatformTerbaca(None)
            return PlatformTerbaca(
                dari_host, KodePlatform.DARI_HOST, f"Platform kosong; diisi {dari_host} sesuai alamat tautan."
            )
        platform, lewat_alias = self.kenali(isi.strip() if isinstance(isi, str) else shown(isi))
        if platform is None:
            if dari_host is None:
                raise CellError(
                    f"Platform “{shown(isi)}” tidak dikenal. Pilih salah satu: {DAFTAR}; atau kosongkan "
                    "bila alamat tautannya sudah menunjukkan platformnya."
                )
            return PlatformTerbaca(
                dari_host,
                KodePlatform.ALIAS_TIDAK_DIKENAL,
                f"Platform “{shown(isi)}” tidak dikenal; dipakai {dari_host} sesuai alamat tautan.",
            )
        if dari_host is not None and dari_host != platform:
            return PlatformTerbaca(
                dari_host,
                KodePlatform.HOST_BERBEDA,
                f"Platform “{shown(isi)}” tidak sesuai alamat tautan ({dari_host}); dipakai {dari_host}.",
            )
        if lewat_alias:
            return PlatformTerbaca(platform, KodePlatform.ALIAS, f"Platform “{shown(isi)}” dibaca sebagai {platform}.")
        return PlatformTerbaca(platform)
