"""``python -m etl template``: the monthly template of one satker for one month."""

from __future__ import annotations

from pathlib import Path

import click

from analytics.nama import SatkerDirectory
from analytics.periods import month_label
from cli.opsi import CONTEXT, opsi_keluaran
from db.pengumpul_sampah import tunda_pengumpulan
from etl.cells import CellError, parse_periode, parse_satker


@click.command(context_settings=CONTEXT)
@click.option("--satker", required=True, help='Nama resmi satker, mis. "Polres Kediri Kota".')
@click.option("--periode", required=True, help="Bulan laporan, YYYY-MM (mis. 2024-05).")
@opsi_keluaran(".xlsx")
def template(satker: str, periode: str, output: Path) -> None:
    """Buat templat laporan bulanan (.xlsx) untuk satu satker dan satu bulan."""
    try:
        bulan = parse_periode(periode)
    except CellError as problem:
        raise click.BadParameter(str(problem), param_hint="--periode") from None
    with tunda_pengumpulan():  # what the command works with, imported only now (cli.main)
        from cli.bersama import buka_database
        from db.queries import satker_name_index
        from db.transaksi import sesi_baca
        from etl.template import build_template
    engine = buka_database()
    with sesi_baca(engine) as session:
        directory = SatkerDirectory(satker_name_index(session))
    try:
        match = parse_satker(satker, directory)
    except CellError as problem:
        raise click.BadParameter(str(problem), param_hint="--satker") from None
    output.write_bytes(build_template(match[1], bulan))
    click.echo(f"Templat {match[1]} {month_label(bulan)} ditulis ke {output}.")
