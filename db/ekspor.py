"""What an export needs from the database, gathered once: the deck's content and the ranking
workbook's sheets, from the same rankings the pages show (``db.peringkat.build_rankings``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analytics.angka import format_angka, satuan_dan_desimal
from analytics.juara_umum import jelaskan_metode
from analytics.kategori import JUARA_UMUM, KECEPATAN
from analytics.kepatuhan import LABEL_STATUS, hitung_status, status_kepatuhan
from analytics.peringkat import PENALTI_JAM_BAWAAN, BarisPeringkat
from analytics.periods import NAMA_BULAN_SINGKAT, Rentang, month_label, to_wib
from db import pengaturan
from db.models import Laporan, NilaiBulanan, Polda
from db.peringkat import HasilPeringkat, build_rankings
from db.queries import has_demo_data
from db.queries_kepatuhan import kiriman_rentang
from db.queries_peringkat import NASIONAL, satker_ids_in, total_bulanan
from exports.deck import IsiDeck, KategoriDeck

ATURAN_PERINGKAT = (
    "Jumlah kegiatan dijumlahkan atas bulan-bulan periode; kecepatan laporan dirata-rata atas bulan yang "
    "punya laporan, bulan tanpa laporan dihitung {penalti} jam (atau selambat laporan paling lambat di "
    "periode itu). Peringkat kompetisi standar (1, 2, 2, 4). Gerak dibandingkan {sebelumnya}."
)


def _kategori_deck(hasil: HasilPeringkat, kode: str, judul: str) -> KategoriDeck:
    satuan, desimal = satuan_dan_desimal(kode)
    return KategoriDeck(kode, judul, satuan, desimal, hasil.baris(kode))


def lembar_peringkat(hasil: HasilPeringkat, kode_list: Sequence[str]) -> dict[str, list[BarisPeringkat]]:
    """Sheet title → ranking rows, for the ranking workbook (kategori labels, then Juara Umum)."""
    label = {k.kode: k.label for k in hasil.kategori} | {JUARA_UMUM: "Juara Umum"}
    return {label[kode]: hasil.baris(kode) for kode in kode_list}


def _sumber(session: Session, polda_id: int | None, rentang: Rentang, dibuat: dt.datetime) -> str:
    in_polda = satker_ids_in(polda_id)
    aktif, versi = session.execute(
        select(func.count().filter(Laporan.status == "aktif"), func.count()).where(
            Laporan.periode.between(rentang.awal, rentang.akhir), Laporan.satker_id.in_(in_polda)
        )
    ).one()
    rekap_bulan = (
        select(NilaiBulanan.satker_id, NilaiBulanan.periode)
        .where(
            NilaiBulanan.sumber == "rekap",
            NilaiBulanan.periode.between(rentang.awal, rentang.akhir),
            NilaiBulanan.satker_id.in_(in_polda),
        )
        .distinct()
        .subquery()
    )
    rekap = session.scalar(select(func.count()).select_from(rekap_bulan))
    return (
        f"Sumber: {format_angka(aktif)} laporan bulanan satker yang berlaku ({format_angka(versi)} versi unggahan "
        f"termasuk koreksi) dan {format_angka(rekap or 0)} satker-bulan dari rekap Polda, periode {rentang.label}, "
        f"dimuat di Dasbor Kinerja Humas. Setiap angka dapat ditelusuri sampai baris dan tautan kegiatan di halaman "
        f"Profil Satker. Dibuat {dibuat:%d-%m-%Y %H.%M} WIB."
    )


def isi_deck(
    session: Session,
    polda_id: int | None,
    rentang: Rentang,
    kode_list: Sequence[str],
    top_n: int = 10,
    acara: str | None = None,
    sekarang: dt.datetime | None = None,
) -> IsiDeck:
    """The deck's content for a Polda and period: chosen kategori (display order), Juara Umum when
    chosen, totals, compliance, the monthly trend of the chosen count kategori, method and sources."""
    hasil = build_rankings(session, polda_id, rentang)
    polda = session.get(Polda, polda_id) if polda_id is not None else NASIONAL
    assert polda is not None
    chosen = [k for k in hasil.kategori if k.kode in kode_list]
    counts = [k for k in chosen if k.kode != KECEPATAN]
    batas = pengaturan.batas_waktu(session)
    now = sekarang or dt.datetime.now(dt.UTC)
    kepatuhan = hitung_status(
        status_kepatuhan(k.pertama_dikirim, batas.untuk(k.periode), now)
        for k in kiriman_rentang(session, polda_id, rentang)
    )
    totals = total_bulanan(session, polda_id, rentang)
    bulan = rentang.bulan
    metode = " ".join(
        [
            ATURAN_PERINGKAT.format(
                penalti=format_angka(hasil.penalti_jam or PENALTI_JAM_BAWAAN), sebelumnya=rentang.sebelumnya().label
            ),
            jelaskan_metode(hasil.bobot, {k.kode: k.label for k in hasil.kategori}),
        ]
    )
    return IsiDeck(
        acara=acara or (f"Rakernis Bidhumas {polda.nama}" if polda_id is not None else "Rakernis Divisi Humas Polri"),
        polda=polda.nama,
        periode_label=rentang.label,
        periode_sebelumnya_label=rentang.sebelumnya().label,
        kategori=[_kategori_deck(hasil, k.kode, k.label) for k in chosen],
        juara_umum=_kategori_deck(hasil, JUARA_UMUM, "Juara Umum") if JUARA_UMUM in kode_list else None,
        jumlah_kegiatan={k.label: sum(row.value for row in hasil.baris(k.kode)) for k in counts},
        kepatuhan={LABEL_STATUS[status]: jumlah for status, jumlah in kepatuhan.items()},
        tren_bulan=[f"{NAMA_BULAN_SINGKAT[m.month - 1]} {m:%y}" for m in bulan],
        tren={k.label: [totals.get(k.kode, {}).get(m, 0.0) for m in bulan] for k in counts},
        metode=metode,
        sumber=_sumber(session, polda_id, rentang, to_wib(now)),
        top_n=top_n,
        data_contoh=has_demo_data(session),
        dibuat=f"{to_wib(now).day} {month_label(to_wib(now).date())}",
    )
