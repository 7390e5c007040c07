"""``python -m etl``: the command line, a thin wrapper over db/ and etl/ functions."""

from __future__ import annotations

import sys

import click
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from analytics.numbers import format_angka
from db.engine import database_url, describe_url, make_engine
from db.schema import prepare_database
from db.queries import demo_was_removed, has_any_report, has_demo_data
from etl.demo import remove_demo, store_demo

CONTEXT = {"help_option_names": ["-h", "--help"]}


def _engine() -> Engine:
    return make_engine(database_url())


def _fail(message: str) -> None:
    click.echo(f"Gagal: {message}", err=True)
    sys.exit(1)


def _prepare(engine: Engine) -> None:
    try:
        counts = prepare_database(engine)
    except OperationalError as error:
        _fail(
            f"tidak dapat membuka database {describe_url(str(engine.url))}: {error.orig}. "
            "Periksa HUMAS_DATABASE_URL dan pastikan server database berjalan."
        )
    click.echo(
        f"Database siap ({describe_url(str(engine.url))}): {counts.polda} Polda, {counts.satker} satker, "
        f"{counts.kategori} kategori, {counts.penghargaan} penghargaan."
    )


@click.group(context_settings=CONTEXT)
def main() -> None:
    """Dasbor Kinerja Humas: memuat laporan, mengelola database, membuat peringkat.

    Database dipilih lewat variabel lingkungan HUMAS_DATABASE_URL (bawaan: berkas SQLite
    data/humas.sqlite di folder proyek).
    """


@main.command(context_settings=CONTEXT)
@click.option("--demo", is_flag=True, help="Muat juga DATA CONTOH (39 satker, Jan 2023 – Des 2024) bila belum ada.")
@click.option(
    "--demo-bila-kosong",
    is_flag=True,
    help="Muat DATA CONTOH hanya bila database belum pernah berisi laporan dan DATA CONTOH belum pernah "
    "dihapus (dipakai jalankan.sh).",
)
def init(demo: bool, demo_bila_kosong: bool) -> None:
    """Buat atau perbarui skema database dan muat data referensi. Aman dijalankan berulang."""
    engine = _engine()
    _prepare(engine)
    if demo_bila_kosong and not demo:
        with Session(engine) as session:
            demo = not has_any_report(session) and not demo_was_removed(session)
    if demo:
        _load_demo(engine)


def _load_demo(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        if has_demo_data(session):
            click.echo("DATA CONTOH sudah ada; tidak dimuat ulang.")
            return
        summary = store_demo(session)
    click.echo(
        f"DATA CONTOH dimuat: {format_angka(summary.laporan)} laporan, "
        f"{format_angka(summary.aktivitas)} baris aktivitas, {format_angka(summary.nilai_bulanan)} nilai bulanan."
    )


@main.command(context_settings=CONTEXT)
@click.option("--muat", "aksi", flag_value="muat", help="Muat DATA CONTOH bila belum ada.")
@click.option("--hapus", "aksi", flag_value="hapus", help="Hapus semua DATA CONTOH; data asli tidak tersentuh.")
def demo(aksi: str | None) -> None:
    """Muat atau hapus DATA CONTOH (data sintetis untuk mencoba aplikasi)."""
    if aksi is None:
        raise click.UsageError("pilih salah satu: --muat atau --hapus")
    engine = _engine()
    _prepare(engine)
    if aksi == "muat":
        _load_demo(engine)
        return
    with Session(engine) as session, session.begin():
        summary = remove_demo(session)
    click.echo(
        f"DATA CONTOH dihapus: {format_angka(summary.laporan)} laporan, "
        f"{format_angka(summary.aktivitas)} baris aktivitas, {format_angka(summary.nilai_bulanan)} nilai bulanan."
    )
