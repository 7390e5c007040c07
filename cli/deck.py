"""``python -m etl deck``: the Rakernis deck as PowerPoint, the same as the Ekspor page's button."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from cli.bersama import buka_database, pilih_daftar_kategori, pilih_polda
from cli.opsi import CONTEXT, OPSI_RENTANG, baca_rentang, opsi_keluaran
from db import pengaturan
from db.transaksi import sesi_baca
from exports.deck import TemplatPptxRusak, build_deck, judul_slide
from services.ekspor import kumpulkan_isi_deck, tautan_ekspor


@click.command(context_settings=CONTEXT)
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
        info = pilih_polda(session, polda)
        isi = kumpulkan_isi_deck(session, info.id, rentang, pilih_daftar_kategori(session, kategori), top_n, acara)
        isi = replace(isi, tautan=tautan_ekspor(pengaturan.alamat_publik(session), info.singkatan, rentang))
    try:
        data = build_deck(isi, templat.read_bytes() if templat else None)
    except TemplatPptxRusak as error:
        raise click.BadParameter(str(error), param_hint="--templat") from None
    output.write_bytes(data)
    click.echo(f"Deck ditulis: {output} ({len(judul_slide(isi))} slide, {rentang.label}).")
