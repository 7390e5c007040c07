"""``python -m etl user``: accounts from the command line, above all the first admin.

The password is asked at a hidden prompt (twice), never taken as an option, so it does not end
up in the shell history, the process list or a log.
"""

from __future__ import annotations

import click

from analytics.izin import LABEL_PERAN, PERAN, IsianSalah, Pelaku, Peran
from analytics.nama import SatkerDirectory
from cli.opsi import CONTEXT
from db.pengumpul_sampah import tunda_pengumpulan


def _tanya_kata_sandi() -> str:
    """Ask twice at a hidden prompt until both answers agree."""
    while True:
        kata_sandi = click.prompt("Kata sandi", hide_input=True)
        if click.prompt("Ulangi kata sandi", hide_input=True) == kata_sandi:
            return kata_sandi
        click.echo("Kedua kata sandi tidak sama; ulangi.", err=True)


@click.group("user", context_settings=CONTEXT)
def user() -> None:
    """Kelola akun pengguna: tambah (termasuk admin pertama), daftar, nonaktifkan."""


@user.command("add", context_settings=CONTEXT)
@click.option("--username", required=True, help="Nama pengguna (huruf kecil, angka, titik, _ atau -).")
@click.option("--role", "peran", type=click.Choice(PERAN), required=True, help="admin, pimpinan, atau operator.")
@click.option("--nama", default="", help="Nama lengkap.")
@click.option("--satker", default=None, help="Satker operator (nama resmi).")
@click.option("--polda", default=None, help="Polda admin atau pimpinan (nama atau singkatan); tanpa ini: nasional.")
def add(username: str, peran: Peran, nama: str, satker: str | None, polda: str | None) -> None:
    """Tambah akun; kata sandi ditanyakan tanpa ditampilkan."""
    with tunda_pengumpulan():  # what the command works with, imported only now (cli.main)
        from cli.bersama import buka_database, gagal
        from db.akun import tambah_pengguna
        from db.queries import cari_polda, satker_name_index
        from db.transaksi import sesi_baca, sesi_tulis
    engine = buka_database()
    satker_id: int | None = None
    polda_id: int | None = None
    with sesi_baca(engine) as session:
        if satker is not None:
            match = SatkerDirectory(satker_name_index(session)).match(satker)
            if match is None:
                raise click.BadParameter(f"satker “{satker}” tidak dikenal.", param_hint="--satker")
            satker_id = match[0]
        if polda is not None:
            polda_id = cari_polda(session, polda)
            if polda_id is None:
                raise click.BadParameter(f"Polda “{polda}” tidak dikenal.", param_hint="--polda")
    kata_sandi = _tanya_kata_sandi()
    try:
        with sesi_tulis(engine) as session:
            tambah_pengguna(
                session, Pelaku.baris_perintah(), username, kata_sandi, peran, nama, satker_id, polda_id=polda_id
            )
    except IsianSalah as error:
        gagal(str(error))
    click.echo(f"Pengguna {username.strip().lower()} ({LABEL_PERAN[peran]}) ditambahkan.")


@user.command("list", context_settings=CONTEXT)
def list_() -> None:
    """Daftar akun dan statusnya."""
    with tunda_pengumpulan():  # what the command works with, imported only now (cli.main)
        from cli.bersama import buka_database
        from db.akun import daftar_pengguna
        from db.transaksi import sesi_baca
    with sesi_baca(buka_database()) as session:
        pengguna = daftar_pengguna(session)
    if not pengguna:
        click.echo("Belum ada pengguna. Buat admin pertama: python -m etl user add --role admin --username NAMA")
        return
    for p in pengguna:
        status = "aktif" if p.aktif else "nonaktif"
        contoh = " [contoh]" if p.is_demo else ""
        click.echo(f"{p.username:<24} {p.peran:<9} {status:<9} {p.satker or ''}{contoh}")


@user.command("disable", context_settings=CONTEXT)
@click.option("--username", required=True)
def disable(username: str) -> None:
    """Nonaktifkan akun (riwayatnya tetap tersimpan)."""
    with tunda_pengumpulan():  # what the command works with, imported only now (cli.main)
        from cli.bersama import buka_database, gagal
        from db.akun import cari_pengguna, set_aktif
        from db.transaksi import sesi_tulis
    with sesi_tulis(buka_database()) as session:
        pengguna = cari_pengguna(session, username)
        if pengguna is None:
            gagal(f"pengguna {username} tidak ada.")
        set_aktif(session, Pelaku.baris_perintah(), pengguna.id, False)
    click.echo(f"Pengguna {username} dinonaktifkan.")
