"""The WhatsApp summary of the Peringkat page for the chosen kategori (or all of them)."""

from __future__ import annotations

from collections.abc import Sequence

from analytics.alamat_tampilan import baris_tautan
from analytics.angka import satuan_dan_desimal
from analytics.ringkasan import BagianRingkasan, ringkasan_whatsapp
from db.queries import KategoriInfo
from services.kategori import cari_label_kategori
from services.peringkat import HasilPeringkat


def susun_teks_whatsapp(
    hasil: HasilPeringkat, kategori: Sequence[KategoriInfo], polda: str, kode_list: Sequence[str], tautan: str = ""
) -> str:
    """The rankings of ``kode_list`` as text to paste into a WhatsApp group, ending with the link
    to the view it was made from when there is one (the server's public address is set)."""
    bagian = [
        BagianRingkasan(cari_label_kategori(kode, kategori), hasil.baris(kode), *satuan_dan_desimal(kode))
        for kode in kode_list
    ]
    teks = ringkasan_whatsapp(f"Peringkat Kinerja Humas {polda}", hasil.rentang.label, bagian)
    return f"{teks}\n\n{baris_tautan(tautan)}" if tautan else teks
