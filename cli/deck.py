"""``python -m etl deck``: the Rakernis deck as PowerPoint (or, for ``-o FILE.pdf``, as PDF through
LibreOffice), the same as the Ekspor page's buttons."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from cli.opsi import CONTEXT, OPSI_RENTANG, baca_rentang, opsi_keluaran
from db.pengumpul_sampah import tunda_pengumpulan


@click.command(context_settings=CONTEXT)
@OPSI_RENTANG
@opsi_keluaran(".pptx (atau .pdf: deck yang sama diubah LibreOffice)")
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
@click.option(
    "--kelompok", default=None, help="Peringkat di dalam satu kelompok: tipe satker atau nama kelompok buatan admin."
)
def deck(
    periode: str,
    output: Path,
    kategori: str,
    top_n: int,
    templat: Path | None,
    acara: str | None,
    polda: str | None,
    kelompok: str | None,
) -> None:
    """Deck PowerPoint 16:9 untuk Rakernis dengan grafik asli yang dapat disunting."""
    rentang = baca_rentang(periode)
    if output.suffix.lower() not in (".pptx", ".pdf"):
        raise click.BadParameter("nama berkas keluaran harus berakhiran .pptx atau .pdf", param_hint="--output")
    with tunda_pengumpulan():  # what the command works with, imported only now (cli.main)
        from cli.bersama import buka_database, gagal, pilih_daftar_kategori, pilih_polda
        from db import pengaturan
        from db.transaksi import sesi_baca
        from exports.deck import TemplatPptxRusak, build_deck, judul_slide
        from exports.pdf_deck import DeckPdfGagal, deck_pdf
        from services.ekspor import kumpulkan_isi_deck, tautan_polda_periode
    engine = buka_database()
    with sesi_baca(engine) as session:
        info = pilih_polda(session, polda)
        kode = pilih_daftar_kategori(session, kategori)
        try:
            isi = kumpulkan_isi_deck(session, info.id, rentang, kode, top_n, acara, kelompok=kelompok)
        except ValueError as error:  # an unknown group, named with the choices
            raise click.BadParameter(str(error), param_hint="--kelompok") from None
        alamat = pengaturan.alamat_publik(session)
        isi = replace(isi, tautan=tautan_polda_periode(alamat, "ekspor", info.singkatan, rentang))
    try:
        data = build_deck(isi, templat.read_bytes() if templat else None)
    except TemplatPptxRusak as error:
        raise click.BadParameter(str(error), param_hint="--templat") from None
    if output.suffix.lower() == ".pdf":
        try:
            data = deck_pdf(data)
        except DeckPdfGagal as error:
            gagal(str(error))
    output.write_bytes(data)
    click.echo(f"Deck ditulis: {output} ({len(judul_slide(isi))} slide, {rentang.label}).")
