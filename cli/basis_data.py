"""``python -m etl init`` and ``demo``: the database's schema and reference data, and DATA CONTOH."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from analytics.angka import format_angka
from cli.opsi import CONTEXT
from db.pengumpul_sampah import tunda_pengumpulan

if TYPE_CHECKING:
    from db.engine import Engine


def _prepare(engine: Engine) -> None:
    from cli.bersama import siapkan
    from db.engine import describe_url

    counts = siapkan(engine)
    click.echo(
        f"Database siap ({describe_url(str(engine.url))}): {counts.polda} Polda, {counts.satker} satker, "
        f"{counts.kategori} kategori, {counts.penghargaan} penghargaan."
    )


@click.command(context_settings=CONTEXT)
@click.option("--demo", is_flag=True, help="Muat juga DATA CONTOH (39 satker, Jan 2023 – Des 2024) bila belum ada.")
@click.option(
    "--demo-bila-kosong",
    is_flag=True,
    help="Muat DATA CONTOH hanya bila database belum pernah berisi laporan dan DATA CONTOH belum pernah "
    "dihapus (dipakai jalankan.sh).",
)
def init(demo: bool, demo_bila_kosong: bool) -> None:
    """Buat atau perbarui skema database dan muat data referensi. Aman dijalankan berulang."""
    with tunda_pengumpulan():  # what the command works with, imported only now (cli.main)
        from cli.bersama import buat_engine
        from db.akun import daftar_pengguna
        from db.queries import demo_was_removed, has_any_report, has_demo_data
        from db.transaksi import sesi_baca, sesi_tulis
        from etl.demo import ensure_demo_accounts
    engine = buat_engine()
    _prepare(engine)
    with sesi_tulis(engine) as session:
        if has_demo_data(session):
            ensure_demo_accounts(session)
        elif demo_bila_kosong and not demo:
            demo = not has_any_report(session) and not demo_was_removed(session)
    if demo:
        _load_demo(engine)
    with sesi_baca(engine) as session:
        if not daftar_pengguna(session):
            click.echo("Belum ada akun. Buat admin pertama: python -m etl user add --role admin --username NAMA")


def _load_demo(engine: Engine) -> None:
    from db.queries import has_demo_data
    from db.transaksi import sesi_tulis
    from etl.demo import store_demo

    with sesi_tulis(engine) as session:
        if has_demo_data(session):
            click.echo("DATA CONTOH sudah ada; tidak dimuat ulang.")
            return
        summary = store_demo(session)
    click.echo(
        f"DATA CONTOH dimuat: {format_angka(summary.laporan)} laporan, "
        f"{format_angka(summary.aktivitas)} baris aktivitas, {format_angka(summary.nilai_bulanan)} nilai bulanan."
    )


@click.command(context_settings=CONTEXT)
@click.option("--muat", "aksi", flag_value="muat", help="Muat DATA CONTOH bila belum ada.")
@click.option("--hapus", "aksi", flag_value="hapus", help="Hapus semua DATA CONTOH; data asli tidak tersentuh.")
def demo(aksi: str | None) -> None:
    """Muat atau hapus DATA CONTOH (data sintetis untuk mencoba aplikasi)."""
    if aksi is None:
        raise click.UsageError("pilih salah satu: --muat atau --hapus")
    with tunda_pengumpulan():  # what the command works with, imported only now (cli.main)
        from cli.bersama import buat_engine
        from db.transaksi import sesi_tulis
        from etl.demo import remove_demo
    engine = buat_engine()
    _prepare(engine)
    if aksi == "muat":
        _load_demo(engine)
        return
    with sesi_tulis(engine) as session:
        summary = remove_demo(session)
    click.echo(
        f"DATA CONTOH dihapus: {format_angka(summary.laporan)} laporan, "
        f"{format_angka(summary.aktivitas)} baris aktivitas, {format_angka(summary.nilai_bulanan)} nilai bulanan."
    )
