"""Who may do what: the three roles, the actions, the one check every write goes through, and
the two refusals a write can give (not allowed, or wrong input).

Pages hide what a role may not use, but that is only convenience: each write function in ``db``
and ``etl`` calls :func:`pastikan` with the acting user, so a forged request gets the same
refusal as a hidden button.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Peran = Literal["admin", "pimpinan", "operator"]
PERAN: tuple[Peran, ...] = get_args(Peran)
LABEL_PERAN: dict[Peran, str] = {
    "admin": "Admin (staf Bidhumas)",
    "pimpinan": "Pimpinan",
    "operator": "Operator satker",
}

Aksi = Literal[
    "lihat_peringkat",
    "ekspor",
    "unggah_laporan",
    "muat_rekap",
    "muat_penghargaan",
    "kelola_pengguna",
    "kelola_satker",
    "ubah_pengaturan",
    "lihat_audit",
]
AKSI: tuple[Aksi, ...] = get_args(Aksi)

IZIN: dict[Peran, frozenset[Aksi]] = {
    "admin": frozenset(AKSI),
    "pimpinan": frozenset({"lihat_peringkat", "ekspor"}),
    "operator": frozenset({"lihat_peringkat", "unggah_laporan"}),
}
"""The role × action table (README, "Peran dan hak akses")."""

PESAN_AKSI: dict[Aksi, str] = {
    "lihat_peringkat": "melihat peringkat",
    "ekspor": "mengekspor deck dan tabel",
    "unggah_laporan": "mengunggah laporan bulanan",
    "muat_rekap": "memuat rekap Polda",
    "muat_penghargaan": "memuat hasil penghargaan",
    "kelola_pengguna": "mengelola pengguna",
    "kelola_satker": "mengubah data satker",
    "ubah_pengaturan": "mengubah pengaturan",
    "lihat_audit": "melihat log audit",
}


@dataclass(frozen=True)
class Pelaku:
    """The acting user, as plain values (kept in the browser session and passed to every write).

    ``id`` is None for the command line, which acts as an admin on the machine it runs on.
    """

    id: int | None
    username: str
    peran: Peran
    nama: str = ""
    satker_id: int | None = None
    polda_id: int | None = None

    @property
    def nasional(self) -> bool:
        """Admin or pimpinan without a Polda of their own: sees every Polda and compares them."""
        return self.peran != "operator" and self.polda_id is None

    @classmethod
    def baris_perintah(cls) -> Pelaku:
        return cls(None, "baris-perintah", "admin", "Baris perintah")


class TidakBerwenang(PermissionError):
    """The acting user's role does not allow the action; the message says so in Indonesian."""


class IsianSalah(ValueError):
    """A write refused because of what was typed; the message says how to fix it."""


def boleh(pelaku: Pelaku | None, aksi: Aksi, satker_id: int | None = None) -> bool:
    """Whether ``pelaku`` may do ``aksi``; for an operator's upload also whether ``satker_id`` is theirs.

    >>> op = Pelaku(7, "op_batu", "operator", satker_id=3)
    >>> boleh(op, "unggah_laporan", 3), boleh(op, "unggah_laporan", 4), boleh(op, "ekspor")
    (True, False, False)
    """
    if pelaku is None or aksi not in IZIN[pelaku.peran]:
        return False
    if pelaku.peran == "operator" and aksi == "unggah_laporan" and satker_id is not None:
        return satker_id == pelaku.satker_id
    return True


def pastikan(pelaku: Pelaku | None, aksi: Aksi, satker_id: int | None = None) -> Pelaku:
    """``pelaku`` when allowed; otherwise :class:`TidakBerwenang` with a message for the user."""
    if boleh(pelaku, aksi, satker_id):
        assert pelaku is not None
        return pelaku
    if pelaku is None:
        raise TidakBerwenang(f"Masuk terlebih dahulu untuk {PESAN_AKSI[aksi]}.")
    if aksi in IZIN[pelaku.peran]:
        raise TidakBerwenang(f"Akun {pelaku.username} hanya boleh {PESAN_AKSI[aksi]} untuk satkernya sendiri.")
    raise TidakBerwenang(
        f"Akun {pelaku.username} ({LABEL_PERAN[pelaku.peran]}) tidak berwenang {PESAN_AKSI[aksi]}. "
        "Hubungi admin Bidhumas."
    )
