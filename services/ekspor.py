"""What an export needs from the database, gathered once: the deck's content, the ranking
workbook's sheets and the Ringkasan Pimpinan, from the same rankings the pages show
(``services.peringkat.build_rankings``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from analytics.agenda import format_bulan_acara
from analytics.alamat_tampilan import PARAM_PERIODE, PARAM_POLDA, buat_kode, susun_tautan
from analytics.angka import format_angka, satuan_dan_desimal
from analytics.kategori import JUARA_UMUM
from analytics.kepatuhan import LABEL_STATUS
from analytics.peringkat import PENALTI_JAM_BAWAAN, BarisPeringkat
from analytics.periods import Rentang, format_bulan_singkat, month_label, to_wib
from analytics.target import Capaian
from db import pengaturan
from db.engine import Session
from db.queries import has_demo_data
from db.queries_kepatuhan import hitung_sumber, kiriman_rentang
from db.queries_peringkat import baca_polda, total_bulanan
from services.agenda import baca_tanda_agenda
from services.kategori import pilih_kategori_hitungan
from services.kepatuhan import hitung_kepatuhan
from services.peringkat import HasilPeringkat, build_rankings
from services.ringkasan_pimpinan import RingkasanPimpinan, build_ringkasan_pimpinan
from services.target import (
    CapaianKategori,
    hitung_capaian_semua,
    nama_lingkup,
    pilih_kelompok_wajib,
    saring_kelompok,
)


@dataclass(frozen=True)
class KategoriDeck:
    """One kategori's ranking as the deck shows it."""

    kode: str
    judul: str
    satuan: str
    desimal: int
    baris: Sequence[BarisPeringkat]
    capaian: Mapping[int, Capaian] | None = None
    """Satker id → attainment, when the kategori has targets in the period (the deck draws them)."""


@dataclass(frozen=True)
class IsiDeck:
    """Everything on the slides, already computed; ``jumlah_kegiatan`` and ``tren`` are keyed by
    kategori label, ``kepatuhan`` by compliance status label (satker-months)."""

    acara: str
    polda: str
    periode_label: str
    periode_sebelumnya_label: str
    kategori: Sequence[KategoriDeck]
    juara_umum: KategoriDeck | None
    jumlah_kegiatan: Mapping[str, float]
    kepatuhan: Mapping[str, int]
    tren_bulan: Sequence[str]
    tren: Mapping[str, Sequence[float]]
    metode: str
    sumber: str
    top_n: int = 10
    data_contoh: bool = False
    dibuat: str = field(default="")
    agenda: Sequence[str] = ()
    """One line per month of the trend with agenda events."""
    bulan_beracara: frozenset[str] = frozenset()
    """The ``tren_bulan`` labels of those months (the trend slide marks them ▲)."""
    tautan: str = ""
    """The address of the view the deck was made from; "" without the server's public address."""


ATURAN_PERINGKAT = (
    "Jumlah kegiatan dijumlahkan atas bulan-bulan periode; kecepatan laporan dirata-rata atas bulan yang "
    "punya laporan, bulan tanpa laporan dihitung {penalti} jam (atau selambat laporan paling lambat di "
    "periode itu). Peringkat kompetisi standar (1, 2, 2, 4). Gerak dibandingkan {sebelumnya}."
)


def _kategori_deck(
    hasil: HasilPeringkat, kode: str, judul: str, capaian: Mapping[str, CapaianKategori] | None = None
) -> KategoriDeck:
    satuan, desimal = satuan_dan_desimal(kode)
    item = (capaian or {}).get(kode)
    per_satker = item.per_satker if item is not None and item.ada_target else None
    return KategoriDeck(kode, judul, satuan, desimal, hasil.baris(kode), per_satker)


def susun_lembar_peringkat(hasil: HasilPeringkat, kode_list: Sequence[str]) -> dict[str, list[BarisPeringkat]]:
    """Sheet title → ranking rows, for the ranking workbook (kategori labels, then Juara Umum)."""
    label = {k.kode: k.label for k in hasil.kategori} | {JUARA_UMUM: "Juara Umum"}
    return {label[kode]: hasil.baris(kode) for kode in kode_list}


def susun_buku_peringkat(
    hasil: HasilPeringkat, kode_list: Sequence[str], capaian: Mapping[str, CapaianKategori] | None = None
) -> tuple[dict[str, list[BarisPeringkat]], dict[str, int], dict[str, Mapping[int, Capaian]]]:
    """The ranking workbook's sheets (:func:`susun_lembar_peringkat`), each sheet's decimals, and
    the attainment of the sheets whose kategori has targets (``capaian``: services.target)."""
    lembar = susun_lembar_peringkat(hasil, kode_list)
    per_judul = dict(zip(lembar, kode_list, strict=True))
    desimal = {judul: satuan_dan_desimal(kode)[1] for judul, kode in per_judul.items()}
    bertarget = {
        judul: item.per_satker
        for judul, kode in per_judul.items()
        if (item := (capaian or {}).get(kode)) is not None and item.ada_target
    }
    return lembar, desimal, bertarget


def _sumber(session: Session, polda_id: int | None, rentang: Rentang, dibuat: dt.datetime) -> str:
    jumlah = hitung_sumber(session, polda_id, rentang)
    return (
        f"Sumber: {format_angka(jumlah.laporan_aktif)} laporan bulanan satker yang berlaku "
        f"({format_angka(jumlah.versi)} versi unggahan termasuk koreksi) dan {format_angka(jumlah.satker_bulan_rekap)} "
        f"satker-bulan dari rekap Polda, periode {rentang.label}, dimuat di Dasbor Kinerja Humas. Setiap angka dapat "
        f"ditelusuri sampai baris dan tautan kegiatan di halaman Profil Satker. Dibuat {dibuat:%d-%m-%Y %H.%M} WIB."
    )


def kumpulkan_isi_deck(
    session: Session,
    polda_id: int | None,
    rentang: Rentang,
    kode_list: Sequence[str],
    top_n: int = 10,
    acara: str | None = None,
    sekarang: dt.datetime | None = None,
    kelompok: str | None = None,
) -> IsiDeck:
    """The deck's content for a Polda and period: chosen kategori (display order), Juara Umum when
    chosen, totals, compliance, the monthly trend of the chosen count kategori, method and sources.

    With ``kelompok`` (a group code, db.kelompok) the rankings, winners and totals are those within
    the group (services.target.saring_kelompok); compliance and the trend stay the Polda's. An
    unknown group is a ValueError naming the groups there are."""
    hasil = build_rankings(session, polda_id, rentang)
    polda = baca_polda(session, polda_id)
    grup = None if kelompok is None else pilih_kelompok_wajib(session, kelompok, rentang.akhir)
    if grup is not None:
        hasil = saring_kelompok(hasil, grup.anggota)
    chosen = [k for k in hasil.kategori if k.kode in kode_list]
    counts = pilih_kategori_hitungan(chosen)
    batas = pengaturan.batas_waktu(session)
    now = sekarang or dt.datetime.now(dt.UTC)
    kepatuhan = hitung_kepatuhan(kiriman_rentang(session, polda_id, rentang), batas, now)
    totals = total_bulanan(session, polda_id, rentang)
    bulan = rentang.bulan
    capaian = hitung_capaian_semua(session, hasil)
    tanda = baca_tanda_agenda(session, bulan, polda.nama if polda_id is not None else None)
    metode = " ".join(
        [
            ATURAN_PERINGKAT.format(
                penalti=format_angka(hasil.penalti_jam or PENALTI_JAM_BAWAAN), sebelumnya=rentang.sebelumnya().label
            ),
            hasil.metode_juara_umum(),
        ]
    )
    return IsiDeck(
        acara=acara or (f"Rakernis Bidhumas {polda.nama}" if polda_id is not None else "Rakernis Divisi Humas Polri"),
        polda=nama_lingkup(polda.nama, grup),
        periode_label=rentang.label,
        periode_sebelumnya_label=rentang.sebelumnya().label,
        kategori=[_kategori_deck(hasil, k.kode, k.label, capaian) for k in chosen],
        juara_umum=_kategori_deck(hasil, JUARA_UMUM, "Juara Umum") if JUARA_UMUM in kode_list else None,
        jumlah_kegiatan={k.label: hasil.total(k.kode) for k in counts},
        kepatuhan={LABEL_STATUS[status]: jumlah for status, jumlah in kepatuhan.items()},
        tren_bulan=[format_bulan_singkat(m) for m in bulan],
        tren={k.label: [totals.get(k.kode, {}).get(m, 0.0) for m in bulan] for k in counts},
        metode=metode,
        sumber=_sumber(session, polda_id, rentang, to_wib(now)),
        top_n=top_n,
        data_contoh=has_demo_data(session),
        dibuat=f"{to_wib(now).day} {month_label(to_wib(now).date())}",
        agenda=[format_bulan_acara(m, a) for m, a in tanda.items() if a],
        bulan_beracara=frozenset(format_bulan_singkat(m) for m, a in tanda.items() if a),
    )


def tautan_polda_periode(alamat_publik: str, url_path: str, polda_singkatan: str, rentang: Rentang) -> str:
    """A page's address for a Polda and period, for what the command line makes (the deck links
    the Ekspor page, the Ringkasan Pimpinan the Beranda); "" without the server's public address."""
    if not alamat_publik:
        return ""
    parameter = {PARAM_POLDA: buat_kode(polda_singkatan), PARAM_PERIODE: rentang.kode}
    return susun_tautan(alamat_publik, url_path, parameter)


def kumpulkan_ringkasan_pimpinan(
    session: Session,
    polda_id: int | None,
    rentang: Rentang,
    alamat: str | None = None,
    sekarang: dt.datetime | None = None,
) -> RingkasanPimpinan:
    """The Ringkasan Pimpinan of a Polda (None: national) and period, made ``sekarang`` (default:
    now), with ``alamat`` (the view's address) printed at its foot when given."""
    hasil = build_rankings(session, polda_id, rentang)
    now = sekarang or dt.datetime.now(dt.UTC)
    kepatuhan = hitung_kepatuhan(kiriman_rentang(session, polda_id, rentang), pengaturan.batas_waktu(session), now)
    return build_ringkasan_pimpinan(
        hasil,
        kepatuhan,
        polda=baca_polda(session, polda_id).nama,
        dibuat=now,
        data_contoh=has_demo_data(session),
        alamat=alamat or None,
    )
