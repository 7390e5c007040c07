"""``python -m etl``: the command group and the commands for the database, DATA CONTOH, templates,
loading, rankings and the deck; ``user`` is in cli.pengguna, ``periksa``/``backup``/``restore`` in
cli.keandalan."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from tqdm import tqdm

from analytics.angka import format_angka, format_nilai, satuan_dan_desimal
from analytics.kategori import JUARA_UMUM
from analytics.nama import SatkerDirectory, normalize_name
from analytics.periods import month_label
from analytics.ringkasan import tanda_gerak
from cli import keandalan, pengguna
from cli.bersama import CONTEXT, OPSI_RENTANG, baca_rentang, buat_engine, buka_database, opsi_keluaran, siapkan
from db.akun import daftar_pengguna
from db.engine import Engine, Session, describe_url
from db.queries import demo_was_removed, has_any_report, has_demo_data, list_kategori, satker_name_index
from db.queries_peringkat import NASIONAL, PoldaInfo, list_polda_aktif
from db.transaksi import sesi_baca, sesi_tulis
from etl.annotate import annotate_workbook
from etl.batch import load_files
from etl.cells import CellError, parse_periode, parse_satker
from etl.demo import ensure_demo_accounts, remove_demo, store_demo
from etl.results import LoadResult
from etl.template import build_template
from etl.workbook_format import EXCEL_SUFFIXES
from exports.deck import TemplatPptxRusak, build_deck, judul_slide
from services.ekspor import kumpulkan_isi_deck
from services.peringkat import build_kategori_ranking, build_rankings


def _prepare(engine: Engine) -> None:
    counts = siapkan(engine)
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
    with sesi_tulis(engine) as session:
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


@main.command(context_settings=CONTEXT)
@click.option("--satker", required=True, help='Nama resmi satker, mis. "Polres Kediri Kota".')
@click.option("--periode", required=True, help="Bulan laporan, YYYY-MM (mis. 2024-05).")
@opsi_keluaran(".xlsx")
def template(satker: str, periode: str, output: Path) -> None:
    """Buat templat laporan bulanan (.xlsx) untuk satu satker dan satu bulan."""
    try:
        bulan = parse_periode(periode)
    except CellError as problem:
        raise click.BadParameter(str(problem), param_hint="--periode") from None
    engine = buka_database()
    with sesi_baca(engine) as session:
        directory = SatkerDirectory(satker_name_index(session))
    try:
        match = parse_satker(satker, directory)
    except CellError as problem:
        raise click.BadParameter(str(problem), param_hint="--satker") from None
    output.write_bytes(build_template(match[1], bulan))
    click.echo(f"Templat {match[1]} {month_label(bulan)} ditulis ke {output}.")


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
    """Write the marked-up copy of a rejected workbook next to it."""
    if result.status != "rejected" or not any(p.sheet for p in result.errors):
        return
    target = path.with_name(f"{path.stem}.kesalahan.xlsx")
    target.write_bytes(annotate_workbook(path.read_bytes(), path.name, result.problems))
    result.message = f"Salinan bertanda kesalahan: {target}"


@main.command(context_settings=CONTEXT)
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


def _pick_polda(session: Session, polda: str | None) -> PoldaInfo:
    available = list_polda_aktif(session)
    if not available:
        raise click.UsageError("belum ada satker aktif di database; jalankan `python -m etl init`")
    if polda is None:
        return available[0]
    wanted = normalize_name(polda)
    if wanted in ("nasional", "semua"):
        return NASIONAL
    for info in available:
        if wanted in (normalize_name(info.nama), normalize_name(info.singkatan)):
            return info
    names = ", ".join(info.nama for info in available)
    raise click.BadParameter(
        f"Polda '{polda}' tidak dikenal atau tidak punya satker aktif. Pilihan: {names}.", param_hint="--polda"
    )


@main.command(context_settings=CONTEXT)
@OPSI_RENTANG
@click.option(
    "--kategori",
    required=True,
    help="Kode kategori (mis. tb_news), juara_umum, atau semua (sepuluh kategori dan Juara Umum).",
)
@click.option(
    "--polda",
    default=None,
    help="Nama atau singkatan Polda, atau nasional (semua Polda); bawaan: Polda pertama yang punya satker.",
)
@click.option("--json", "as_json", is_flag=True, help="Cetak JSON: daftar objek rank, satker, value, previous_rank.")
def ranking(periode: str, kategori: str, polda: str | None, as_json: bool) -> None:
    """Peringkat satker untuk satu periode — sama dengan yang ditampilkan halaman Peringkat."""
    rentang = baca_rentang(periode)
    engine = buka_database()
    with sesi_baca(engine) as session:
        info = _pick_polda(session, polda)
        labels = {k.kode: k.label for k in list_kategori(session)} | {JUARA_UMUM: "Juara Umum"}
        codes = list(labels) if kategori == "semua" else [kategori]
        if codes[0] not in labels:
            raise click.BadParameter(
                f"kategori '{kategori}' tidak dikenal. Pilihan: {', '.join(labels)}, semua.", param_hint="--kategori"
            )
        if kategori == "semua":
            hasil = build_rankings(session, info.id, rentang)
            per_kode = {kode: hasil.baris(kode) for kode in codes}
        else:  # one kategori: the same ranking, reading only that kategori
            per_kode = {kategori: build_kategori_ranking(session, info.id, rentang, kategori)}
    if as_json:
        rows = [
            {
                "kategori": kode,
                "rank": r.rank,
                "satker": r.satker,
                "value": r.value,
                "previous_rank": r.previous_rank,
                "flags": list(r.flags),
            }
            for kode in codes
            for r in per_kode[kode]
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(f"{info.nama} — {rentang.label} (gerak dibandingkan {rentang.sebelumnya().label})")
    for kode in codes:
        satuan, desimal = satuan_dan_desimal(kode)
        click.echo(f"\n{labels[kode]}")
        rows = per_kode[kode]
        if not rows:
            click.echo("  Belum ada data pada periode ini.")
        for r in rows:
            nilai = format_nilai(r.value, satuan, desimal)
            click.echo(f"  {r.rank:>3}. {r.satker:<34} {nilai:>14}  {tanda_gerak(r)}")


def _kategori_list(session: Session, kategori: str) -> list[str]:
    known = [k.kode for k in list_kategori(session)] + [JUARA_UMUM]
    if kategori == "semua":
        return known
    chosen = [kode.strip() for kode in kategori.split(",") if kode.strip()]
    unknown = [kode for kode in chosen if kode not in known]
    if unknown or not chosen:
        raise click.BadParameter(
            f"kategori tidak dikenal: {', '.join(unknown) or '(kosong)'}. Pilihan: {', '.join(known)}, semua.",
            param_hint="--kategori",
        )
    return chosen


@main.command(context_settings=CONTEXT)
@OPSI_RENTANG
@opsi_keluaran(".pptx")
@click.option(
    "--kategori",
    default="semua",
    show_default=True,
    help="Kode kategori dipisah koma (mis. tb_news,ipse,juara_umum) atau semua.",
)
@click.option(
    "--top",
    "top_n",
    default=10,
    show_default=True,
    type=click.IntRange(3, 50),
    help="Jumlah satker teratas di grafik tiap kategori.",
)
@click.option(
    "--templat",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Templat .pptx milik sendiri (master dan temanya dipakai).",
)
@click.option("--acara", default=None, help="Judul acara di slide pertama (bawaan: Rakernis Bidhumas POLDA).")
@click.option("--polda", default=None, help="Nama atau singkatan Polda (bawaan: Polda pertama yang punya satker).")
def deck(
    periode: str, output: Path, kategori: str, top_n: int, templat: Path | None, acara: str | None, polda: str | None
) -> None:
    """Deck PowerPoint 16:9 untuk Rakernis dengan grafik asli yang dapat disunting."""
    rentang = baca_rentang(periode)
    if output.suffix.lower() != ".pptx":
        raise click.BadParameter("nama berkas keluaran harus berakhiran .pptx", param_hint="--output")
    engine = buka_database()
    with sesi_baca(engine) as session:
        info = _pick_polda(session, polda)
        isi = kumpulkan_isi_deck(session, info.id, rentang, _kategori_list(session, kategori), top_n, acara)
    try:
        data = build_deck(isi, templat.read_bytes() if templat else None)
    except TemplatPptxRusak as error:
        raise click.BadParameter(str(error), param_hint="--templat") from None
    output.write_bytes(data)
    click.echo(f"Deck ditulis: {output} ({len(judul_slide(isi))} slide, {rentang.label}).")


main.add_command(pengguna.user)
for _perintah in (keandalan.periksa, keandalan.backup, keandalan.restore):
    main.add_command(_perintah)
