"""Attainment and group rankings from stored reports, on both databases: attainment against a
brute-force computation from the activity rows and the targets; group rankings against the full
ranking filtered and ranked again; ``etl ranking --kelompok``."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from analytics.kategori import JUARA_UMUM
from analytics.peringkat import BarisPeringkat
from analytics.periods import Rentang
from analytics.target import Target
from cli.main import main
from db.engine import make_engine
from db.kelompok import simpan_kelompok
from db.queries import cari_polda
from db.reference import find_satker
from db.schema import prepare_database
from db.target import riwayat_tipe_satker, simpan_target
from etl.loader import load_workbook
from services.peringkat import build_rankings
from services.target import hitung_capaian_semua, saring_kelompok
from testdata.workbooks import laporan

D = dt.date
ADMIN = Pelaku.baris_perintah()
APRIL, MEI = D(2024, 4, 1), D(2024, 5, 1)
TRIWULAN_II = Rentang(APRIL, D(2024, 6, 1))  # June has no data: the target covers April and May
# Satker → TB News activities in April and May (distinct links, so each row counts).
AKTIVITAS = {
    "Polres Batu": (3, 1),
    "Polres Ngawi": (4, 4),
    "Polresta Malang Kota": (5, 7),
    "Polrestabes Surabaya": (9, 9),
    "Polres Pelabuhan Tanjung Perak": (0, 2),
}
TARGETS_NAMED = [
    ("semua", None, D(2024, 1, 1), 4),
    ("tipe", "Polresta", MEI, 6),
    ("satker", "Polres Batu", APRIL, 2),
    ("satker", "Polres Ngawi", D(2024, 3, 1), 5),
    ("satker", "Polres Ngawi", MEI, None),  # Ngawi's own target ends: May falls back to "semua"
    ("tipe", "Polrestabes", D(2024, 5, 1), 10),
]


def _rows(periode: dt.date, satker: str, n: int) -> list[tuple[object, ...]]:
    day = dt.datetime(periode.year, periode.month, 10)
    return [
        (None, day, "Kegiatan", "Instagram", f"https://{satker.replace(' ', '')}.id/{periode:%m}/{i}") for i in range(n)
    ]


@pytest.fixture
def stored(engine: Engine) -> tuple[Engine, list[Target], dict[str, int]]:
    for satker, counts in AKTIVITAS.items():
        for periode, n in zip((APRIL, MEI), counts, strict=True):
            data = laporan({"TB News": _rows(periode, satker, n)}, satker=satker, periode=periode)
            result = load_workbook(engine, data, f"{satker}-{periode:%m}.xlsx")
            assert result.status == "loaded", [p.message for p in result.errors]
    with Session(engine) as session, session.begin():
        ids = {nama: find_satker(session, nama).id for nama in AKTIVITAS}  # type: ignore[union-attr]
        targets = [
            Target(
                "tb_news",
                lingkup,  # type: ignore[arg-type]
                mulai,
                nilai,
                tipe=kunci if lingkup == "tipe" else None,
                satker_id=ids[kunci] if lingkup == "satker" and kunci else None,
            )
            for lingkup, kunci, mulai, nilai in TARGETS_NAMED
        ]
        simpan_target(session, ADMIN, targets)
    return engine, targets, ids


def _brute_target(targets: Sequence[Target], periode: dt.date, satker_id: int, tipe: str) -> float | None:
    """The target of a satker-month, straight from the rules: the most specific scope whose latest
    target by then has a value."""
    for lingkup, match in (("satker", lambda t: t.satker_id == satker_id), ("tipe", lambda t: t.tipe == tipe)):
        latest = max(
            (t for t in targets if t.lingkup == lingkup and match(t) and t.berlaku_mulai <= periode),
            key=lambda t: t.berlaku_mulai,
            default=None,
        )
        if latest is not None and latest.nilai is not None:
            return latest.nilai
    latest = max(
        (t for t in targets if t.lingkup == "semua" and t.berlaku_mulai <= periode),
        key=lambda t: t.berlaku_mulai,
        default=None,
    )
    return None if latest is None else latest.nilai


def test_attainment_equals_a_brute_force_from_the_activity_rows(
    stored: tuple[Engine, list[Target], dict[str, int]],
) -> None:
    engine, targets, ids = stored
    with Session(engine) as session:
        polda = cari_polda(session, "Polda Jawa Timur")
        hasil = build_rankings(session, polda, TRIWULAN_II)
        baris = hasil.baris("tb_news")
        capaian = hitung_capaian_semua(session, hasil).get("tb_news")
        tipe = {sid: r.cari_tipe(MEI) for sid, r in riwayat_tipe_satker(session).items()}
    assert capaian is not None and capaian.bulan == (APRIL, MEI)
    assert len(capaian.per_satker) == len(baris) > len(AKTIVITAS)
    for row in baris:
        nama = next((n for n, i in ids.items() if i == row.satker_id), None)
        value = sum(AKTIVITAS[nama]) if nama else 0
        monthly = [_brute_target(targets, m, row.satker_id, tipe[row.satker_id]) for m in (APRIL, MEI)]
        expected = math.floor(value * 1000 / sum(monthly)) / 10  # type: ignore[arg-type]
        got = capaian.per_satker[row.satker_id]
        assert (got.nilai, got.persen) == (value, expected), row.satker
    pita = {nama: capaian.per_satker[i].pita for nama, i in ids.items()}
    # Batu 4 / (2+2) = 100 %; Ngawi 8 / (5+4) = 88,8 %; Malang 12 / (4+6) = 120 %;
    # Surabaya 18 / (4+10) = 128,5 %; Tanjung Perak 2 / 8 = 25 %.
    assert pita == {
        "Polres Batu": "hijau",
        "Polres Ngawi": "kuning",
        "Polresta Malang Kota": "hijau",
        "Polrestabes Surabaya": "hijau",
        "Polres Pelabuhan Tanjung Perak": "merah",
    }


def test_bands_counted_for_every_kategori_and_no_target_where_none_was_set(
    stored: tuple[Engine, list[Target], dict[str, int]],
) -> None:
    engine, _, _ = stored
    with Session(engine) as session:
        hasil = build_rankings(session, cari_polda(session, "Polda Jawa Timur"), TRIWULAN_II)
        semua = hitung_capaian_semua(session, hasil)
    assert JUARA_UMUM not in semua
    counts = semua["tb_news"].hitung_per_pita()
    assert counts["tanpa_target"] == 0 and sum(counts.values()) == len(hasil.baris("tb_news"))
    assert counts["hijau"] == 3 and counts["kuning"] == 1
    assert not semua["ipse"].ada_target and semua["ipse"].hitung_per_pita()["tanpa_target"] == len(hasil.baris("ipse"))


def _rerank(rows: Sequence[BarisPeringkat], members: set[int], lower_first: bool) -> set[tuple[int, int]]:
    kept = [r for r in rows if r.satker_id in members]
    better = (lambda a, b: a < b) if lower_first else (lambda a, b: a > b)
    return {(r.satker_id, 1 + sum(better(o.value, r.value) for o in kept)) for r in kept}


def test_group_rankings_are_the_full_ranking_filtered_and_ranked_again_with_ties(
    stored: tuple[Engine, list[Target], dict[str, int]],
) -> None:
    engine, _, ids = stored
    with Session(engine) as session, session.begin():
        hasil = build_rankings(session, cari_polda(session, "Polda Jawa Timur"), TRIWULAN_II)
        members = {ids["Polres Batu"], ids["Polres Ngawi"], ids["Polres Pelabuhan Tanjung Perak"]}
        members |= {find_satker(session, "Polres Kediri").id, find_satker(session, "Polres Blitar").id}  # type: ignore[union-attr]
        simpan_kelompok(session, ADMIN, "Zona Selatan", sorted(members))
    grup = saring_kelompok(hasil, members)
    for info in hasil.kategori:
        expected = _rerank(hasil.baris(info.kode), members, info.arah == "lebih_rendah")
        assert {(r.satker_id, r.rank) for r in grup.baris(info.kode)} == expected, info.kode
    # Kediri and Blitar sent nothing: tied at 0, both fourth of five (the next place would be sixth).
    tb = [(r.satker, r.rank) for r in grup.baris("tb_news")]
    assert tb[:3] == [("Polres Ngawi", 1), ("Polres Batu", 2), ("Polres Pelabuhan Tanjung Perak", 3)]
    assert {rank for _, rank in tb[3:]} == {4}
    assert {r.satker_id for r in grup.baris(JUARA_UMUM)} == members
    assert math.isclose(sum(r.share or 0 for r in grup.baris("tb_news")), 1.0)


def test_cli_ranking_within_a_group(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path}/cli.sqlite"
    monkeypatch.setenv("HUMAS_DATABASE_URL", url)
    engine = make_engine(url)
    prepare_database(engine)
    for satker, counts in AKTIVITAS.items():
        load_workbook(engine, laporan({"TB News": _rows(MEI, satker, counts[1])}, satker=satker), f"{satker}.xlsx")
    run = CliRunner().invoke(
        main, ["ranking", "--periode", "2024-05", "--kategori", "tb_news", "--kelompok", "POLRESTA"]
    )
    assert run.exit_code == 0, run.output
    assert "kelompok Polresta" in run.output and "1. Polresta Malang Kota" in run.output
    assert "Polres Batu" not in run.output
    unknown = CliRunner().invoke(
        main, ["ranking", "--periode", "2024-05", "--kategori", "tb_news", "--kelompok", "Zona"]
    )
    assert unknown.exit_code == 2 and "Polres Pelabuhan" in unknown.output
