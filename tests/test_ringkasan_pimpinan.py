"""The content of the one-page "Ringkasan Pimpinan" (services.ringkasan_pimpinan), built from the
demo data on both databases and checked against ``build_rankings``: the tops with their ties,
Juara Umum, the notable movements, compliance, filters and time. The PDF itself is tested in
test_pdf_ringkasan.py."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.angka import format_angka, satuan_dan_desimal
from analytics.kategori import JUARA_UMUM
from analytics.kepatuhan import StatusKepatuhan
from analytics.peringkat import BarisPeringkat
from analytics.periods import Rentang, rentang_bulan
from db import pengaturan
from db.queries_kepatuhan import kiriman_rentang
from db.queries_peringkat import list_polda_aktif
from services.kepatuhan import hitung_kepatuhan
from services.peringkat import build_rankings
from services.ringkasan_pimpinan import build_ringkasan_pimpinan, gerak_menonjol, teratas

JULI_2024 = rentang_bulan(dt.date(2024, 7, 1))
"""Demo month with ties in the top three: a shared place 3 in IPSE, a three-way one in Trending Topik."""
DIBUAT = dt.datetime(2025, 1, 6, 3, 30, tzinfo=dt.UTC)


def kepatuhan_periode(
    session: Session, polda_id: int | None, rentang: Rentang, sekarang: dt.datetime = DIBUAT
) -> dict[StatusKepatuhan, int]:
    """The compliance counts a caller passes in, counted as Beranda and the deck count them."""
    return hitung_kepatuhan(kiriman_rentang(session, polda_id, rentang), pengaturan.batas_waktu(session), sekarang)


def ringkasan_demo(engine: Engine, rentang: Rentang = JULI_2024, **opsi: object):  # type: ignore[no-untyped-def]
    """(ringkasan, rankings, compliance counts) for the demo Polda and ``rentang``."""
    with Session(engine) as session:
        polda = list_polda_aktif(session)[0]
        hasil = build_rankings(session, polda.id, rentang)
        kepatuhan = kepatuhan_periode(session, polda.id, rentang)
    ringkasan = build_ringkasan_pimpinan(hasil, kepatuhan, polda=polda.nama, dibuat=DIBUAT, data_contoh=True, **opsi)  # type: ignore[arg-type]
    return ringkasan, hasil, kepatuhan


def _semua_nama(t) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.satker for p in t.tempat] + list(t.seri_lain.satker if t.seri_lain else ())


def test_every_kategori_lists_ranks_one_to_three_with_ties(demo_engine: Engine) -> None:
    ringkasan, hasil, _ = ringkasan_demo(demo_engine)
    assert [t.kode for t in ringkasan.kategori] == [k.kode for k in hasil.kategori]
    assert [t.judul for t in ringkasan.kategori] == [k.label for k in hasil.kategori]
    for t in ringkasan.kategori:
        top = [row for row in hasil.baris(t.kode) if row.rank <= 3]
        assert _semua_nama(t) == [row.satker for row in top]
        desimal = satuan_dan_desimal(t.kode)[1]
        for tempat, row in zip(t.tempat, top, strict=False):
            assert (tempat.peringkat, tempat.nilai, tempat.teks_nilai) == (
                row.rank,
                row.value,
                format_angka(row.value, desimal),
            )
        if t.seri_lain:
            assert len(t.tempat) == 3 and len(top) > 4
            assert {row.rank for row in top[3:]} == {t.seri_lain.peringkat} == {t.tempat[-1].peringkat}
    # the demo month really holds both kinds of tie
    assert any(len(t.tempat) == 4 and t.tempat[2].peringkat == t.tempat[3].peringkat for t in ringkasan.kategori)
    assert any(t.seri_lain and len(t.seri_lain.satker) >= 2 for t in ringkasan.kategori)


def test_juara_umum_top_five_with_movement(demo_engine: Engine) -> None:
    ringkasan, hasil, _ = ringkasan_demo(demo_engine)
    top = [row for row in hasil.baris(JUARA_UMUM) if row.rank <= 5]
    assert ringkasan.juara_umum.judul == "Juara Umum — 5 besar"
    assert [(p.peringkat, p.satker, p.nilai, p.gerak) for p in ringkasan.juara_umum.tempat] == [
        (row.rank, row.satker, row.value, row.movement) for row in top
    ]
    assert ringkasan.juara_umum.tempat[0].teks_nilai == format_angka(top[0].value, 2)


def test_juara_umum_top_three_on_request(demo_engine: Engine) -> None:
    ringkasan, hasil, _ = ringkasan_demo(demo_engine, juara_umum_teratas=3)
    assert [p.satker for p in ringkasan.juara_umum.tempat] == [r.satker for r in hasil.baris(JUARA_UMUM) if r.rank <= 3]
    with pytest.raises(ValueError, match="3 atau 5"):
        build_ringkasan_pimpinan(hasil, {}, polda="P", dibuat=DIBUAT, juara_umum_teratas=10)


def test_movements_are_the_biggest_climbs_and_drops_in_juara_umum(demo_engine: Engine) -> None:
    ringkasan, hasil, _ = ringkasan_demo(demo_engine)
    rows = {row.satker: row for row in hasil.baris(JUARA_UMUM)}
    assert len(ringkasan.naik) == 3 and len(ringkasan.turun) == 3
    for daftar, tanda in ((ringkasan.naik, 1), (ringkasan.turun, -1)):
        for gerak in daftar:
            row = rows[gerak.satker]
            assert (gerak.peringkat, gerak.peringkat_sebelumnya, gerak.selisih) == (
                row.rank,
                row.previous_rank,
                row.movement,
            )
        listed = {g.satker for g in daftar}
        others = [
            tanda * r.movement
            for r in rows.values()
            if r.movement and tanda * r.movement > 0 and r.satker not in listed
        ]
        assert min(tanda * g.selisih for g in daftar) >= max(others)
    assert [g.selisih for g in ringkasan.naik] == sorted((g.selisih for g in ringkasan.naik), reverse=True)


def test_compliance_counts_and_shares(demo_engine: Engine) -> None:
    ringkasan, _, kepatuhan = ringkasan_demo(demo_engine)
    assert sum(kepatuhan.values()) == 39 and kepatuhan["menunggu"] == 0
    assert [(k.label, k.jumlah) for k in ringkasan.kepatuhan] == [
        ("Tepat waktu", kepatuhan["tepat_waktu"]),
        ("Terlambat", kepatuhan["terlambat"]),
        ("Tidak melapor", kepatuhan["belum_melapor"]),
    ]
    for k in ringkasan.kepatuhan:
        assert k.persen == f"{format_angka(100 * k.jumlah / 39)}%"


def test_title_filters_time_and_address(demo_engine: Engine) -> None:
    ringkasan, _, _ = ringkasan_demo(demo_engine, alamat="https://humas.polda.example/peringkat?periode=2024-07")
    assert (ringkasan.judul, ringkasan.polda, ringkasan.periode) == (
        "Ringkasan Pimpinan",
        "Polda Jawa Timur",
        "Juli 2024",
    )
    assert dict(ringkasan.filter) == {
        "Polda": "Polda Jawa Timur",
        "Periode": "Juli 2024 (2024-07)",
        "Dibandingkan": "Juni 2024",
        "Kategori": "semua (10) dan Juara Umum",
        "Satker diperingkat": "39",
    }
    assert ringkasan.dibuat == "6 Januari 2025 pukul 10.30 WIB"
    assert ringkasan.data_contoh and ringkasan.alamat == "https://humas.polda.example/peringkat?periode=2024-07"
    assert "720 jam" in " ".join(ringkasan.catatan)


def test_a_period_without_data_has_empty_tops(demo_engine: Engine) -> None:
    ringkasan, _, kepatuhan = ringkasan_demo(demo_engine, rentang=rentang_bulan(dt.date(2021, 3, 1)))
    assert all(not t.tempat and t.seri_lain is None for t in [*ringkasan.kategori, ringkasan.juara_umum])
    assert ringkasan.naik == ringkasan.turun == ()
    assert kepatuhan["belum_melapor"] == 39 and ringkasan.alamat is None


# --- pure rules, table-driven -------------------------------------------------------------


def _rows(*ranks: int) -> list[BarisPeringkat]:
    return [BarisPeringkat(rank, nomor, f"S{nomor}", float(100 - rank)) for nomor, rank in enumerate(ranks)]


@pytest.mark.parametrize(
    ("ranks", "shown", "hidden"),
    [
        ((1, 2, 3, 4), [1, 2, 3], ()),
        ((1, 2, 2, 4), [1, 2, 2], ()),
        ((1, 2, 3, 3, 5), [1, 2, 3, 3], ()),
        ((1, 1, 1, 1, 5), [1, 1, 1, 1], ()),
        ((1, 2, 3, 3, 3), [1, 2, 3], ("S3", "S4")),
        ((1, 1, 1, 1, 1, 1), [1, 1, 1], ("S3", "S4", "S5")),
        ((1, 2), [1, 2], ()),
        ((), [], ()),
    ],
    ids=["plain", "tie-at-2", "tie-at-3", "four-way-first", "tie-beyond-card", "all-tied", "two-satker", "no-data"],
)
def test_top_three_keeps_ties_and_sums_up_what_does_not_fit(
    ranks: tuple[int, ...], shown: list[int], hidden: tuple[str, ...]
) -> None:
    t = teratas("ipse", "IPSE", _rows(*ranks), 3)
    assert [p.peringkat for p in t.tempat] == shown
    assert (t.seri_lain.satker if t.seri_lain else ()) == hidden
    if hidden:
        assert t.seri_lain is not None and t.seri_lain.peringkat == shown[-1]
        assert (
            t.seri_lain.teks_jumlah
            == f"+ {len(hidden)} satker lain seri di peringkat {shown[-1]} ({format_angka(100 - shown[-1])})"
        )


def test_kecepatan_values_keep_one_decimal() -> None:
    t = teratas("kecepatan_laporan", "Kecepatan", [BarisPeringkat(1, 1, "A", 1234.56)], 3)
    assert t.tempat[0].teks_nilai == "1.234,6"


def test_movements_leave_out_new_satker_and_order_equal_moves_by_place() -> None:
    rows = [
        BarisPeringkat(1, 1, "A", 9, previous_rank=3),
        BarisPeringkat(2, 2, "B", 8, previous_rank=None),
        BarisPeringkat(3, 3, "C", 7, previous_rank=5),
        BarisPeringkat(4, 4, "D", 6, previous_rank=1),
        BarisPeringkat(5, 5, "E", 5, previous_rank=2),
    ]
    naik, turun = gerak_menonjol(rows, 2)
    assert [(g.satker, g.selisih) for g in naik] == [("A", 2), ("C", 2)]
    assert [(g.satker, g.selisih) for g in turun] == [("D", -3), ("E", -3)]
