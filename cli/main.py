"""``python -m etl``: the command group. Each command lives in its own module, imported only when
that command is asked for, and a command module imports at its top only what its options and help
need (click, cli.opsi, analytics): the database, the loader and the export libraries are imported
inside the command when it runs, with the cyclic collector paused (db.pengumpul_sampah). So
``--help`` of the group and of every command answers at once, and a quick ``ranking`` does not pay
for openpyxl, pandas, python-pptx or Alembic (docs/BENCHMARKS.md, "Baris perintah: waktu mulai").

``PERINTAH`` names every command with the module that defines it and the one-line help that
``--help`` lists; a test checks both against the commands themselves.
"""

from __future__ import annotations

import atexit
import gc
import importlib
from typing import NamedTuple

import click

from cli.opsi import CONTEXT


class Perintah(NamedTuple):
    """Where a command is defined, and its line in ``--help``."""

    modul: str
    nama_fungsi: str
    ringkas: str


PERINTAH: dict[str, Perintah] = {
    "init": Perintah("cli.basis_data", "init", "Buat atau perbarui skema database dan muat data referensi."),
    "demo": Perintah("cli.basis_data", "demo", "Muat atau hapus DATA CONTOH (data sintetis untuk mencoba aplikasi)."),
    "template": Perintah(
        "cli.templat", "template", "Buat templat laporan bulanan (.xlsx) untuk satu satker dan satu bulan."
    ),
    "load": Perintah(
        "cli.muat", "load", "Muat buku kerja (laporan bulanan, rekap Polda, penghargaan); berkas atau folder."
    ),
    "ranking": Perintah(
        "cli.peringkat",
        "ranking",
        "Peringkat satker untuk satu periode — sama dengan yang ditampilkan halaman Peringkat.",
    ),
    "deck": Perintah(
        "cli.deck", "deck", "Deck PowerPoint 16:9 untuk Rakernis dengan grafik asli yang dapat disunting."
    ),
    "ringkasan": Perintah(
        "cli.ringkasan",
        "ringkasan",
        "Ringkasan Pimpinan satu halaman A4 (PDF): tiga besar tiap kategori, Juara Umum, kepatuhan, gerak.",
    ),
    "user": Perintah(
        "cli.pengguna", "user", "Kelola akun pengguna: tambah (termasuk admin pertama), daftar, nonaktifkan."
    ),
    "periksa": Perintah(
        "cli.keandalan",
        "periksa",
        "Periksa konsistensi: versi laporan, unggahan, dan nilai bulanan terhadap baris kegiatan.",
    ),
    "backup": Perintah(
        "cli.keandalan",
        "backup",
        "Cadangkan database SQLite ke BERKAS selagi aplikasi tetap berjalan (API backup SQLite).",
    ),
    "restore": Perintah(
        "cli.keandalan",
        "restore",
        "Pulihkan database SQLite dari BERKAS cadangan; isi sekarang dicadangkan dulu di sebelahnya.",
    ),
}


class GrupMalas(click.Group):
    """A click group that imports a command's module only when that command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(PERINTAH)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        perintah = PERINTAH.get(cmd_name)
        if perintah is None:
            return None
        command = getattr(importlib.import_module(perintah.modul), perintah.nama_fungsi)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from ``PERINTAH``, without importing any command."""
        with formatter.section("Perintah"):
            formatter.write_dl([(nama, perintah.ringkas) for nama, perintah in PERINTAH.items()])


@click.group(cls=GrupMalas, context_settings=CONTEXT)
def main() -> None:
    """Dasbor Kinerja Humas: memuat laporan, mengelola database, membuat peringkat.

    Database dipilih lewat variabel lingkungan HUMAS_DATABASE_URL (bawaan: berkas SQLite
    data/humas.sqlite di folder proyek).
    """


def jalankan() -> None:
    """Run the command line as a process of its own (``python -m etl``).

    Such a process is short and keeps what it imports until it ends, so at exit everything left is
    frozen: the interpreter's last collection then walks nothing and the operating system frees the
    memory (about 0.1 s of every command, docs/BENCHMARKS.md, "Baris perintah: waktu mulai"). The
    collector is on while the command works; only its imports run without it (see above).
    """
    atexit.register(gc.freeze)
    main()
