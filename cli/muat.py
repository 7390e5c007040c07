"""``python -m etl load``: loading workbooks and folders, with a progress bar, a summary table
or the documented JSON. The loader and the database are imported when the command runs, so
``load --help`` answers at once (cli.main)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from analytics.angka import format_angka
from cli.opsi import CONTEXT
from db.pengumpul_sampah import tunda_pengumpulan
from etl.results import LoadResult
from etl.workbook_format import EXCEL_SUFFIXES

STATUS_ID = {"loaded": "dimuat", "unchanged": "tidak berubah", "rejected": "DITOLAK"}


def _is_report(path: Path) -> bool:
    """Workbooks in a folder, skipping Excel's lock files and our own annotated copies."""
    name = path.name.lower()
    return (
        path.is_file()
        and path.suffix.lower() in EXCEL_SUFFIXES
        and not name.startswith("~$")
        and not name.endswith(".kesalahan.xlsx")
    )


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if _is_report(p)))
        else:
            files.append(path)
    return files


def _print_result(result: LoadResult) -> None:
    mark = {"loaded": "✓", "unchanged": "=", "rejected": "✗"}[result.status]
    click.echo(f"{mark} {result.file}: {STATUS_ID[result.status]}. {result.message}".rstrip())
    for problem in result.errors:
        click.echo(f"    KESALAHAN {problem.lokasi}: {problem.message}")
    for problem in result.warnings:
        click.echo(f"    peringatan {problem.lokasi}: {problem.message}")


def _summary(results: list[LoadResult]) -> None:
    header = ("Berkas", "Status", "Satker", "Periode", "Kegiatan", "Kesalahan", "Peringatan")
    rows = [
        (
            r.file,
            STATUS_ID[r.status],
            r.satker or "-",
            r.periode or "-",
            format_angka(sum(r.counts.values())),
            str(len(r.errors)),
            str(len(r.warnings)),
        )
        for r in results
    ]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    click.echo("")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        click.echo("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    counts = {status: sum(r.status == status for r in results) for status in STATUS_ID}
    click.echo(
        f"\n{len(results)} berkas: {counts['loaded']} dimuat, {counts['unchanged']} tidak berubah, "
        f"{counts['rejected']} ditolak."
    )


def _annotate(path: Path, result: LoadResult) -> None:
    """Write the marked-up copy of a rejected workbook next to it (etl.annotate: only when a problem
    names a cell, built in an isolated child with limits)."""
    from etl.annotate import buat_salinan_bertanda, perlu_salinan  # openpyxl: only --anotasi pays for it

    if result.status != "rejected" or not perlu_salinan(result.errors):
        return
    target = path.with_name(f"{path.stem}.kesalahan.xlsx")
    salinan = buat_salinan_bertanda(path.read_bytes(), path.name, result.problems)
    target.write_bytes(salinan.data)
    result.message = f"Salinan bertanda kesalahan: {target}" + (f" ({salinan.catatan})" if salinan.catatan else "")


@click.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON (satu objek per berkas).")
@click.option(
    "--anotasi",
    is_flag=True,
    help="Untuk berkas yang ditolak, tulis salinan bertanda kesalahan di sebelahnya (NAMA.kesalahan.xlsx).",
)
def load(files: tuple[Path, ...], as_json: bool, anotasi: bool) -> None:
    """Muat buku kerja (laporan bulanan, rekap Polda, penghargaan); berkas atau folder.

    Setiap berkas dimuat dalam transaksinya sendiri. Kode keluar: 0 bila semua dimuat atau tidak
    berubah, 1 bila ada yang ditolak, 2 untuk penggunaan yang salah.
    """
    paths = _expand(files)
    if not paths:
        raise click.UsageError("tidak ada berkas .xlsx, .xls, atau .ods di folder yang diberikan")
    with tunda_pengumpulan():  # what the command works with, imported only now (cli.main)
        from tqdm import tqdm

        from cli.bersama import buka_database
        from etl.batch import load_files
    engine = buka_database()
    results: list[LoadResult] = []
    show_progress = len(paths) > 1 and not as_json
    loaded = load_files(engine, paths)
    for path, result in tqdm(
        zip(paths, loaded, strict=True),
        total=len(paths),
        desc="Memuat",
        unit="berkas",
        disable=not show_progress,
        file=sys.stderr,
    ):
        if anotasi:
            _annotate(path, result)
        results.append(result)
        if not as_json:
            _print_result(result)
    if as_json:
        click.echo(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
    elif len(results) > 1:
        _summary(results)
    sys.exit(1 if any(r.status == "rejected" for r in results) else 0)
