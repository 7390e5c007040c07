"""What every command shares: help options, the database it works on, and failing with a
message instead of a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from analytics.periods import Rentang, parse_rentang
from db.engine import DatabaseTidakTerbuka, Engine, database_url, describe_url, make_engine
from db.reference import ReferenceCounts
from db.schema import prepare_database

FC = TypeVar("FC", bound=Callable[..., object])
CONTEXT = {"help_option_names": ["-h", "--help"]}
OPSI_RENTANG = click.option(
    "--periode", required=True, help="Bulan 2024-05, triwulan 2024-Q1, tahun 2024, atau rentang 2024-01..2024-05."
)


def opsi_keluaran(akhiran: str) -> Callable[[FC], FC]:
    """``-o``/``--output``: the file the command writes."""
    return click.option(
        "-o",
        "--output",
        "output",
        required=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"Berkas {akhiran} yang ditulis.",
    )


def baca_rentang(periode: str) -> Rentang:
    """``--periode`` as written on the command line; a usage error (exit 2) naming it otherwise."""
    try:
        return parse_rentang(periode)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--periode") from None


def gagal(message: str) -> NoReturn:
    """Stop with exit code 1 and ``Gagal: message`` on stderr."""
    click.echo(f"Gagal: {message}", err=True)
    sys.exit(1)


def buat_engine() -> Engine:
    """An engine on HUMAS_DATABASE_URL (default: the SQLite file under data/), not yet prepared."""
    return make_engine(database_url())


def siapkan(engine: Engine) -> ReferenceCounts:
    """Create or upgrade the schema and load the reference data; a database that cannot be
    opened ends the command with the reason and what to check."""
    try:
        return prepare_database(engine)
    except DatabaseTidakTerbuka as error:
        gagal(
            f"tidak dapat membuka database {describe_url(str(engine.url))}: {error.orig}. "
            "Periksa HUMAS_DATABASE_URL dan pastikan server database berjalan."
        )


def buka_database() -> Engine:
    """An engine on a prepared database (migrated, reference data loaded)."""
    engine = buat_engine()
    siapkan(engine)
    return engine
