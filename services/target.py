"""Attainment beside the rank, satker per band, and the rankings within a peer group.

The targets, types and thresholds are read once per call; ``analytics.target`` resolves which
target applies and computes attainment, ``analytics.kelompok`` ranks within a group. A group's
ranking is the full ranking filtered and ranked again, so pages, the deck and ``etl ranking``
filter a :class:`services.peringkat.HasilPeringkat` with :func:`saring_kelompok`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from analytics.angka import format_angka, format_nilai, satuan_dan_desimal
from analytics.kategori import JUARA_UMUM
from analytics.kelompok import hitung_juara_umum_kelompok, hitung_peringkat_kelompok
from analytics.periods import Rentang, month_label
from analytics.target import (
    LABEL_PITA,
    PITA,
    TANPA_TARGET,
    AmbangPita,
    Capaian,
    hitung_capaian_peringkat,
    hitung_per_pita,
)
from db.engine import Session
from db.kelompok import InfoKelompok, cari_kelompok, daftar_nama_kelompok
from db.queries import KategoriInfo
from db.target import ambang_pita, baca_daftar_target, riwayat_tipe_satker
from services.peringkat import HasilPeringkat, build_rankings


@dataclass(frozen=True)
class CapaianKategori:
    """Attainment of every ranked satker for one kategori and period."""

    kode: str
    bulan: tuple[dt.date, ...]
    """The months the values (and so the target) cover: the months of the period holding data."""
    ambang: AmbangPita
    per_satker: dict[int, Capaian]

    @property
    def ada_target(self) -> bool:
        """Whether any satker has a target for the whole period."""
        return any(c.persen is not None for c in self.per_satker.values())

    def hitung_per_pita(self, satker_ids: Collection[int] | None = None) -> dict[str, int]:
        """Satker per band (and ``tanpa_target``), of all or of ``satker_ids`` (a group)."""
        chosen = self.per_satker.values() if satker_ids is None else (self.per_satker[i] for i in satker_ids)
        return hitung_per_pita(chosen)


def hitung_capaian_semua(session: Session, hasil: HasilPeringkat) -> dict[str, CapaianKategori]:
    """Attainment for every kategori of a set of rankings (Juara Umum has no target), over the
    months of the period holding data that the rankings read along."""
    daftar, riwayat, ambang = baca_daftar_target(session), riwayat_tipe_satker(session), ambang_pita(session)
    result = {}
    for kode, baris in hasil.per_kategori.items():
        if kode == JUARA_UMUM:
            continue
        bulan = hasil.bulan_berdata.get(kode, ())
        capaian = hitung_capaian_peringkat(baris, kode, bulan, daftar, riwayat, ambang)
        result[kode] = CapaianKategori(kode, bulan, ambang, {c.satker_id: c for c in capaian})
    return result


def saring_kelompok(hasil: HasilPeringkat, anggota: Collection[int]) -> HasilPeringkat:
    """The rankings among the members of a group: every kategori filtered and ranked again
    (ties as in the full ranking), Juara Umum recomputed from the group's own places."""
    arah = {info.kode: info.arah for info in hasil.kategori}
    per_kategori = {
        kode: hitung_peringkat_kelompok(rows, anggota, arah[kode])
        for kode, rows in hasil.per_kategori.items()
        if kode != JUARA_UMUM
    }
    per_kategori[JUARA_UMUM] = hitung_juara_umum_kelompok(
        hasil.per_kategori, hasil.peringkat_sebelumnya, anggota, arah, hasil.bobot
    )
    return replace(hasil, per_kategori=per_kategori)


def baca_capaian(session: Session, polda_id: int | None, rentang: Rentang) -> dict[str, CapaianKategori]:
    """Attainment for every kategori of a Polda's (or the national) rankings, for the pages."""
    return hitung_capaian_semua(session, build_rankings(session, polda_id, rentang))


def pilih_kelompok_wajib(session: Session, kode: str, hari: dt.date) -> InfoKelompok:
    """The group ``kode`` (a type group by the types on ``hari``); an unknown code is a ValueError
    naming the groups there are."""
    grup = cari_kelompok(session, kode, hari)
    if grup is None:
        raise ValueError(f"Kelompok “{kode}” tidak dikenal. Pilihan: {', '.join(daftar_nama_kelompok(session))}.")
    return grup


def nama_lingkup(nama_polda: str, grup: InfoKelompok | None) -> str:
    """The scope as pages and the deck name it: the Polda, or the Polda and the group.

    >>> nama_lingkup("Polda Jawa Timur", None)
    'Polda Jawa Timur'
    """
    return nama_polda if grup is None else f"{nama_polda}, kelompok {grup.nama}"


def baca_peringkat_kelompok(session: Session, polda_id: int | None, rentang: Rentang, kode: str) -> HasilPeringkat:
    """The rankings among the members of group ``kode`` (db.kelompok codes; a type group by the
    types at the period's end)."""
    grup = pilih_kelompok_wajib(session, kode, rentang.akhir)
    return saring_kelompok(build_rankings(session, polda_id, rentang), grup.anggota)


def tabel_per_pita(capaian: Mapping[str, CapaianKategori], kategori: Sequence[KategoriInfo]) -> list[dict[str, Any]]:
    """Beranda's table: per kategori with a target, how many satker fall in each band."""
    rows = []
    for info in kategori:
        item = capaian.get(info.kode)
        if item is None or not item.ada_target:
            continue
        counts = item.hitung_per_pita()
        rows.append({"Kategori": info.label} | {LABEL_PITA[p]: counts[p] for p in (*PITA, TANPA_TARGET)})
    return rows


def tabel_capaian_satker(
    capaian: Mapping[str, CapaianKategori], kategori: Sequence[KategoriInfo], satker_id: int
) -> list[dict[str, str]]:
    """Profil Satker's table: the satker's attainment per kategori that has any target, with the
    months lacking one named when the period has no target for it."""
    rows = []
    for info in kategori:
        item = capaian.get(info.kode)
        if item is None or not item.ada_target or satker_id not in item.per_satker:
            continue
        satker = item.per_satker[satker_id]
        satuan, desimal = satuan_dan_desimal(info.kode)
        tanpa = ", ".join(month_label(m) for m in satker.target.bulan_tanpa_target)
        rows.append(
            {
                "Kategori": info.label,
                "Nilai": format_nilai(satker.nilai, satuan, desimal),
                "Target": "–" if satker.target.nilai is None else format_nilai(satker.target.nilai, satuan, desimal),
                "Capaian (%)": "–" if satker.persen is None else format_angka(satker.persen, 1),
                "Pita": LABEL_PITA[satker.pita or TANPA_TARGET],
                "Keterangan": f"tanpa target: {tanpa}" if tanpa else "",
            }
        )
    return rows
