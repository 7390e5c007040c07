"""``python -m etl periksa``, ``backup`` and ``restore``: checking the stored numbers against the
evidence behind them, and backing up and restoring a SQLite database.

Backups of PostgreSQL are pg_dump's job; these commands refuse such a database with the
documented pg_dump/pg_restore commands for it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from analytics.angka import format_angka
from analytics.periods import to_wib
from cli.opsi import CONTEXT
from db.pengumpul_sampah import tunda_pengumpulan

if TYPE_CHECKING:
    from db.cadangan import InfoCadangan
    from db.engine import Engine
    from db.konsistensi import HasilPeriksa


def _setuju(pertanyaan: str) -> bool:
    """Ask yes/no (default no); no answer at all (no terminal, end of input) counts as no."""
    try:
        return click.confirm(pertanyaan, default=False)
    except click.Abort:
        click.echo()
        return False


def _ringkas(info: InfoCadangan) -> str:
    ukuran = format_angka(info.ukuran_byte / 1_000_000, 1)
    terakhir = (
        f"unggahan terakhir {to_wib(info.unggahan_terakhir):%d-%m-%Y %H.%M} WIB"
        if info.unggahan_terakhir
        else "belum ada unggahan"
    )
    return f"{ukuran} MB; {format_angka(info.laporan)} laporan; {terakhir}"


def _cetak_hasil(hasil: HasilPeriksa) -> None:
    click.echo(
        f"Diperiksa: {format_angka(hasil.laporan)} versi laporan ({format_angka(hasil.satker_bulan)} satker-bulan), "
        f"{format_angka(hasil.aktivitas)} baris kegiatan, {format_angka(hasil.nilai_bulanan)} nilai bulanan."
    )
    if hasil.konsisten:
        click.echo(
            "Konsisten: setiap satker-bulan punya tepat satu versi aktif, dan nilai bulanan sama dengan baris "
            "kegiatan versi aktif dan waktu unggahan pertama."
        )
        return
    click.echo(f"Ditemukan {format_angka(len(hasil.penyimpangan))} penyimpangan:")
    for item in hasil.penyimpangan:
        click.echo(f"  [{item.jenis}] {item.pesan}")


def _sebagai_json(hasil: HasilPeriksa) -> str:
    return json.dumps(
        {
            "konsisten": hasil.konsisten,
            "laporan": hasil.laporan,
            "satker_bulan": hasil.satker_bulan,
            "aktivitas": hasil.aktivitas,
            "nilai_bulanan": hasil.nilai_bulanan,
            "penyimpangan": [
                {
                    "jenis": p.jenis,
                    "satker_id": p.satker_id,
                    "periode": f"{p.periode:%Y-%m}" if p.periode else None,
                    "pesan": p.pesan,
                }
                for p in hasil.penyimpangan
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def _perbaiki(engine: Engine, hasil: HasilPeriksa, as_json: bool) -> None:
    """Recompute what drifted; says so unless the answer is JSON."""
    from db.konsistensi import perbaiki_nilai
    from db.transaksi import sesi_tulis

    with sesi_tulis(engine) as session:
        jumlah = perbaiki_nilai(session, hasil)
    if as_json:
        return
    turunan = any(p.jenis == "turunan" for p in hasil.penyimpangan)
    click.echo(
        f"Nilai bulanan {format_angka(jumlah)} satker-bulan dihitung ulang dari baris kegiatannya"
        + ("; data turunan dihitung ulang seluruhnya." if turunan else ".")
    )


@click.command("periksa", context_settings=CONTEXT)
@click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON.")
@click.option(
    "--perbaiki",
    is_flag=True,
    help="Hitung ulang nilai bulanan yang menyimpang dari baris kegiatannya (dan data turunan yang menyimpang), "
    "lalu periksa lagi.",
)
def periksa(as_json: bool, perbaiki: bool) -> None:
    """Periksa konsistensi: versi laporan, unggahan, dan nilai bulanan terhadap baris kegiatan.

    Kode keluar 0 bila konsisten, 1 bila ada penyimpangan (semuanya dicetak).
    """
    with tunda_pengumpulan():  # what the command works with, imported only now (cli.main)
        from cli.bersama import buka_database, gagal
        from db.engine import KesalahanDatabase, describe_url
        from db.konsistensi import periksa_konsistensi
        from db.transaksi import sesi_baca
    engine = buka_database()
    try:
        with sesi_baca(engine) as session:
            hasil = periksa_konsistensi(session)
        if perbaiki and any(p.jenis in ("nilai", "turunan") for p in hasil.penyimpangan):
            _perbaiki(engine, hasil, as_json)
            with sesi_baca(engine) as session:
                hasil = periksa_konsistensi(session)
    except KesalahanDatabase as error:
        gagal(f"database {describe_url(str(engine.url))} tidak dapat dibaca: {error.orig}.")
    if as_json:
        click.echo(_sebagai_json(hasil))
    else:
        _cetak_hasil(hasil)
        if not perbaiki and any(p.jenis in ("nilai", "turunan") for p in hasil.penyimpangan):
            click.echo("Nilai bulanan dapat dihitung ulang dari baris kegiatan: python -m etl periksa --perbaiki")
    sys.exit(0 if hasil.konsisten else 1)


@click.command("backup", context_settings=CONTEXT)
@click.argument("berkas", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--ya", is_flag=True, help="Timpa BERKAS yang sudah ada tanpa bertanya.")
def backup(berkas: Path, ya: bool) -> None:
    """Cadangkan database SQLite ke BERKAS selagi aplikasi tetap berjalan (API backup SQLite).

    Untuk PostgreSQL gunakan pg_dump (README, “Cadangan dan pemulihan”).
    """
    with tunda_pengumpulan():  # what the command works with, imported only now (cli.main)
        from cli.bersama import gagal
        from db.cadangan import BukanSqlite, CadanganTidakSah, cadangkan
        from db.engine import database_url
    url = database_url()
    if berkas.exists() and not ya and not _setuju(f"{berkas} sudah ada. Timpa?"):
        gagal(f"dibatalkan; {berkas} tidak diubah.")
    try:
        info = cadangkan(url, berkas)
    except (BukanSqlite, CadanganTidakSah) as error:
        gagal(str(error))
    click.echo(f"Cadangan ditulis: {info.path} ({_ringkas(info)}).")


@click.command("restore", context_settings=CONTEXT)
@click.argument("berkas", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--ya", is_flag=True, help="Ganti isi database tanpa bertanya.")
def restore(berkas: Path, ya: bool) -> None:
    """Pulihkan database SQLite dari BERKAS cadangan; isi sekarang dicadangkan dulu di sebelahnya.

    Untuk PostgreSQL gunakan pg_restore (README, “Cadangan dan pemulihan”).
    """
    with tunda_pengumpulan():  # what the command works with, imported only now (cli.main)
        from cli.bersama import gagal
        from db.cadangan import BukanSqlite, CadanganTidakSah, info_cadangan, pulihkan, sqlite_path
        from db.engine import database_url, describe_url, make_engine
        from db.konsistensi import periksa_konsistensi
        from db.schema import prepare_database
        from db.transaksi import sesi_baca
    url = database_url()
    try:
        sqlite_path(url)
        info = info_cadangan(berkas)
        pertanyaan = (
            f"Isi database {describe_url(url)} akan diganti dengan cadangan {berkas} ({_ringkas(info)}); "
            "isi sekarang dicadangkan dulu di sebelahnya. Lanjutkan?"
        )
        if not ya and not _setuju(pertanyaan):
            gagal("dibatalkan; database tidak diubah.")
        sebelum = pulihkan(url, berkas)
    except (BukanSqlite, CadanganTidakSah) as error:
        gagal(str(error))
    engine = make_engine(url)
    try:
        prepare_database(engine)
        with sesi_baca(engine) as session:
            hasil = periksa_konsistensi(session)
    finally:
        engine.dispose()
    click.echo(f"Database dipulihkan dari {berkas} ({_ringkas(info)}).")
    if sebelum is not None:
        click.echo(f"Isi sebelumnya disimpan di {sebelum}.")
    _cetak_hasil(hasil)
    sys.exit(0 if hasil.konsisten else 1)
