"""Options and arguments several commands share; importing this costs nothing, so ``--help`` stays fast."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from analytics.periods import Rentang, parse_rentang

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
