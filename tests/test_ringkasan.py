"""The WhatsApp summary of a ranking: movement marks, top and bottom satker, Indonesian numbers."""

from __future__ import annotations

import pytest

from analytics.peringkat import BarisPeringkat
from analytics.ringkasan import BagianRingkasan, ringkasan_whatsapp, tanda_gerak


def baris(rank: int, satker: str, value: float, previous_rank: int | None = None) -> BarisPeringkat:
    return BarisPeringkat(rank=rank, satker_id=rank, satker=satker, value=value, previous_rank=previous_rank)


def peringkat(jumlah: int) -> list[BarisPeringkat]:
    """``jumlah`` satker 'Polres 01'.. in ranking order, values 1.000 apart, each previously one place lower."""
    return [
        baris(r, f"Polres {r:02d}", 1000 * (jumlah - r + 1) + 234, previous_rank=r + 1) for r in range(1, jumlah + 1)
    ]


def ringkas(*bagian: BagianRingkasan) -> str:
    return ringkasan_whatsapp("Peringkat Humas Polda Contoh", "Triwulan I 2024", list(bagian))


def bagian_dari(teks: str, judul: str) -> list[str]:
    """The lines of one kategori's section, without its title."""
    lines = teks.splitlines()
    start = lines.index(f"*{judul}*") + 1
    end = next((i for i in range(start, len(lines)) if not lines[i]), len(lines))
    return lines[start:end]


@pytest.mark.parametrize(
    ("rank", "previous_rank", "tanda"),
    [(1, 3, "▲2"), (4, 3, "▼1"), (2, 7, "▲5"), (7, 2, "▼5"), (2, 2, "="), (1, None, "baru")],
    ids=["naik-dua", "turun-satu", "naik-lima", "turun-lima", "tetap", "baru"],
)
def test_tanda_gerak(rank: int, previous_rank: int | None, tanda: str) -> None:
    assert tanda_gerak(baris(rank, "A", 1, previous_rank)) == tanda


@pytest.mark.parametrize(
    ("index", "baris_teks"),
    [(0, "*Peringkat Humas Polda Contoh*"), (1, "*Triwulan I 2024*")],
    ids=["judul-tebal", "periode-tebal"],
)
def test_ringkasan_starts_with_title_and_period(index: int, baris_teks: str) -> None:
    assert ringkas(BagianRingkasan("IPSE", peringkat(3))).splitlines()[index] == baris_teks


@pytest.mark.parametrize(
    ("bagian", "expected"),
    [
        (
            BagianRingkasan(
                "IPSE", [baris(1, "Polres A", 1234, 3), baris(2, "Polres B", 999, 1), baris(3, "Polres C", 5)]
            ),
            ["1. Polres A — 1.234 (▲2)", "2. Polres B — 999 (▼1)", "3. Polres C — 5 (baru)"],
        ),
        (
            BagianRingkasan(
                "Kecepatan Laporan", [baris(1, "Polres A", 12.5, 1), baris(2, "Polres B", 1234.56, 2)], "jam", 1
            ),
            ["1. Polres A — 12,5 jam (=)", "2. Polres B — 1.234,6 jam (=)"],
        ),
        (
            BagianRingkasan(
                "Juara Umum", [baris(1, "Polres A", 83.333, 2), baris(1, "Polres B", 83.333, 1)], "poin", 2
            ),
            ["1. Polres A — 83,33 poin (▲1)", "1. Polres B — 83,33 poin (=)"],
        ),
        (BagianRingkasan("IPSE", []), ["_Belum ada data._"]),
    ],
    ids=["hitungan-ribuan-titik", "satuan-jam-satu-desimal", "seri-poin-dua-desimal", "kategori-kosong"],
)
def test_ringkasan_section_lines(bagian: BagianRingkasan, expected: list[str]) -> None:
    assert bagian_dari(ringkas(bagian), bagian.judul) == expected


@pytest.mark.parametrize("jumlah", [1, 5, 9, 10], ids=["satu", "lima", "sembilan", "tepat-sepuluh"])
def test_ten_or_fewer_satker_are_listed_whole_once(jumlah: int) -> None:
    teks = ringkas(BagianRingkasan("IPSE", peringkat(jumlah)))
    assert [line.split(" — ")[0] for line in bagian_dari(teks, "IPSE")] == [
        f"{r}. Polres {r:02d}" for r in range(1, jumlah + 1)
    ]


@pytest.mark.parametrize("jumlah", [1, 10], ids=["satu", "tepat-sepuluh"])
def test_ten_or_fewer_satker_have_no_top_and_bottom_headings(jumlah: int) -> None:
    teks = ringkas(BagianRingkasan("IPSE", peringkat(jumlah)))
    assert ("teratas" in teks, "terbawah" in teks) == (False, False)


@pytest.mark.parametrize(
    ("jumlah", "expected"),
    [
        (
            11,
            [
                "_5 teratas_",
                "1. Polres 01 — 11.234 (▲1)",
                "2. Polres 02 — 10.234 (▲1)",
                "3. Polres 03 — 9.234 (▲1)",
                "4. Polres 04 — 8.234 (▲1)",
                "5. Polres 05 — 7.234 (▲1)",
                "_5 terbawah_",
                "7. Polres 07 — 5.234 (▲1)",
                "8. Polres 08 — 4.234 (▲1)",
                "9. Polres 09 — 3.234 (▲1)",
                "10. Polres 10 — 2.234 (▲1)",
                "11. Polres 11 — 1.234 (▲1)",
            ],
        ),
        (
            20,
            [
                "_5 teratas_",
                "1. Polres 01 — 20.234 (▲1)",
                "2. Polres 02 — 19.234 (▲1)",
                "3. Polres 03 — 18.234 (▲1)",
                "4. Polres 04 — 17.234 (▲1)",
                "5. Polres 05 — 16.234 (▲1)",
                "_5 terbawah_",
                "16. Polres 16 — 5.234 (▲1)",
                "17. Polres 17 — 4.234 (▲1)",
                "18. Polres 18 — 3.234 (▲1)",
                "19. Polres 19 — 2.234 (▲1)",
                "20. Polres 20 — 1.234 (▲1)",
            ],
        ),
    ],
    ids=["sebelas-satker", "dua-puluh-satker"],
)
def test_more_than_ten_satker_show_top_five_and_bottom_five(jumlah: int, expected: list[str]) -> None:
    assert bagian_dari(ringkas(BagianRingkasan("IPSE", peringkat(jumlah))), "IPSE") == expected


@pytest.mark.parametrize(
    ("n", "jumlah", "judul_bagian"),
    [(2, 5, ["_2 teratas_", "_2 terbawah_"]), (2, 4, []), (3, 7, ["_3 teratas_", "_3 terbawah_"])],
    ids=["lebih-dari-2n", "tepat-2n-utuh", "n-tiga"],
)
def test_n_sets_the_size_of_top_and_bottom(n: int, jumlah: int, judul_bagian: list[str]) -> None:
    teks = ringkasan_whatsapp("Judul", "Mei 2024", [BagianRingkasan("IPSE", peringkat(jumlah))], n=n)
    lines = bagian_dari(teks, "IPSE")
    assert ([line for line in lines if line.startswith("_")], len(lines)) == (
        judul_bagian,
        2 * n + 2 if judul_bagian else jumlah,
    )


def test_every_kategori_gets_its_own_section_in_order() -> None:
    teks = ringkas(
        BagianRingkasan("IPSE", peringkat(2)),
        BagianRingkasan("Media Online", []),
        BagianRingkasan("Kecepatan Laporan", [baris(1, "Polres A", 12.5)], "jam", 1),
    )
    titles = [line for line in teks.splitlines()[2:] if line.startswith("*")]
    assert titles == ["*IPSE*", "*Media Online*", "*Kecepatan Laporan*"]


def test_ringkasan_ends_by_explaining_the_arrows() -> None:
    last = ringkas(BagianRingkasan("IPSE", peringkat(2))).splitlines()[-1]
    assert ("▲ naik" in last, "▼ turun" in last, "periode sebelumnya" in last) == (True, True, True)
