"""What Beranda shows for a Polda and period, as plain values: the activity totals with their
change, the winners of each kategori, the Juara Umum top ten, and the award year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analytics.angka import format_angka, format_nilai, satuan_dan_desimal
from analytics.kategori import JUARA_UMUM
from analytics.peringkat import top_ranks
from analytics.periods import Rentang
from db.queries import KategoriInfo
from services.kategori import pilih_kategori_hitungan
from services.peringkat import HasilPeringkat
from services.tabel import baris_tampilan

JUMLAH_JUARA_UMUM = 10


@dataclass(frozen=True)
class KartuJumlah:
    """One count kategori's total: the sheet name as title, the total, and the change against
    the previous period (None when nobody was ranked then)."""

    judul: str
    nilai: str
    selisih: str | None
    keterangan: str


def susun_kartu_jumlah(hasil: HasilPeringkat, kategori: Sequence[KategoriInfo]) -> list[KartuJumlah]:
    """A card per count kategori, in display order."""
    kartu = []
    for info in pilih_kategori_hitungan(kategori):
        baris = hasil.baris(info.kode)
        total = hasil.total(info.kode)
        sebelumnya = [row.previous_value for row in baris if row.previous_value is not None]
        selisih = format_angka(total - sum(sebelumnya)) if sebelumnya else None
        kartu.append(KartuJumlah(info.nama_sheet or info.label, format_angka(total), selisih, info.label))
    return kartu


@dataclass(frozen=True)
class JuaraKategori:
    """A kategori's top three (more on a tie at third place): rank, satker and value as shown."""

    judul: str
    juara: list[tuple[int, str, str]]


def susun_juara_per_kategori(hasil: HasilPeringkat, kategori: Sequence[KategoriInfo]) -> list[JuaraKategori]:
    """The winners of every kategori, in display order."""
    return [
        JuaraKategori(
            info.label,
            [
                (row.rank, row.satker, format_nilai(row.value, *satuan_dan_desimal(info.kode)))
                for row in top_ranks(hasil.baris(info.kode))
            ],
        )
        for info in kategori
    ]


def tabel_juara_umum(hasil: HasilPeringkat) -> list[dict[str, str | int]]:
    """Juara Umum's first ten places (more on a tie) as the ranking table shows them."""
    teratas = [row for row in hasil.baris(JUARA_UMUM) if row.rank <= JUMLAH_JUARA_UMUM]
    return baris_tampilan(teratas, *satuan_dan_desimal(JUARA_UMUM))


def cari_tahun_penghargaan(rentang: Rentang) -> int | None:
    """The year whose official awards go with the period: only a period within one year."""
    tahun = {m.year for m in rentang.bulan}
    return tahun.pop() if len(tahun) == 1 else None
