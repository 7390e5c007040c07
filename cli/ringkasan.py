"""``python -m etl ringkasan``: the one-page Ringkasan Pimpinan PDF, the same as the Ekspor page's button."""

from __future__ import annotations

from pathlib import Path

import click

from cli.opsi import CONTEXT, OPSI_RENTANG, baca_rentang, opsi_keluaran
from db.pengumpul_sampah import tunda_pengumpulan


@click.command(context_settings=CONTEXT)
@OPSI_RENTANG
@opsi_keluaran(".pdf")
@click.option("--polda", default=None, help="Nama atau singkatan Polda, atau nasional (bawaan: Polda pertama).")
def ringkasan(periode: str, output: Path, polda: str | None) -> None:
    """Ringkasan Pimpinan satu halaman A4 (PDF): tiga besar tiap kategori, Juara Umum, kepatuhan, gerak."""
    rentang = baca_rentang(periode)
    if output.suffix.lower() != ".pdf":
        raise click.BadParameter("nama berkas keluaran harus berakhiran .pdf", param_hint="--output")
    with tunda_pengumpulan():  # what the command works with, imported only now (cli.main)
        from cli.bersama import buka_database, pilih_polda
        from db import pengaturan
        from db.transaksi import sesi_baca
        from exports.pdf_ringkasan import ringkasan_pimpinan_pdf
        from services.ekspor import kumpulkan_ringkasan_pimpinan, tautan_polda_periode
    engine = buka_database()
    with sesi_baca(engine) as session:
        info = pilih_polda(session, polda)
        tautan = tautan_polda_periode(pengaturan.alamat_publik(session), "", info.singkatan, rentang)
        isi = kumpulkan_ringkasan_pimpinan(session, info.id, rentang, tautan)
    output.write_bytes(ringkasan_pimpinan_pdf(isi))
    click.echo(f"Ringkasan Pimpinan ditulis: {output} ({info.nama}, {rentang.label}).")
