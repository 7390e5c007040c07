"""What the deck and the ranking workbook are built from, and ``python -m etl deck``."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pptx import Presentation
from pptx.util import Emu
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.kategori import JUARA_UMUM
from analytics.periods import parse_rentang
from cli.main import main
from db.queries_peringkat import list_polda_aktif
from exports.deck import judul_slide
from exports.tabel import ke_xlsx
from services.ekspor import kumpulkan_isi_deck, susun_lembar_peringkat
from services.peringkat import build_rankings

TAHUN_2024 = parse_rentang("2024")
SEKARANG = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _polda_id(engine: Engine) -> int:
    with Session(engine) as session:
        return list_polda_aktif(session)[0].id


def test_deck_content_comes_from_the_same_rankings_as_the_pages(demo_engine: Engine) -> None:
    polda_id = _polda_id(demo_engine)
    with Session(demo_engine) as session:
        isi = kumpulkan_isi_deck(
            session, polda_id, TAHUN_2024, ["ipse", "kecepatan_laporan", JUARA_UMUM], 7, None, SEKARANG
        )
        hasil = build_rankings(session, polda_id, TAHUN_2024)
    assert isi.polda == "Polda Jawa Timur" and isi.acara == "Rakernis Bidhumas Polda Jawa Timur"
    assert (isi.periode_label, isi.periode_sebelumnya_label, isi.top_n) == ("Tahun 2024", "Tahun 2023", 7)
    assert [k.kode for k in isi.kategori] == ["ipse", "kecepatan_laporan"]
    assert list(isi.kategori[0].baris) == hasil.baris("ipse")
    assert isi.juara_umum is not None and list(isi.juara_umum.baris) == hasil.baris(JUARA_UMUM)
    assert (isi.kategori[1].satuan, isi.kategori[1].desimal) == ("jam", 1)
    assert isi.jumlah_kegiatan == {"Terbanyak IPSE": sum(r.value for r in hasil.baris("ipse"))}


def test_deck_content_counts_every_satker_month_for_compliance(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        isi = kumpulkan_isi_deck(session, _polda_id(demo_engine), TAHUN_2024, ["ipse"], 10, "Rakernis 2025", SEKARANG)
    assert sum(isi.kepatuhan.values()) == 39 * 12
    assert set(isi.kepatuhan) == {
        "Tepat waktu",
        "Terlambat",
        "Tidak melapor",
        "Belum melapor (batas waktu belum lewat)",
    }
    assert isi.kepatuhan["Belum melapor (batas waktu belum lewat)"] == 0


def test_deck_trend_has_one_value_per_month_summing_to_the_total(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        isi = kumpulkan_isi_deck(session, _polda_id(demo_engine), TAHUN_2024, ["ipse", "tb_news"], 10, None, SEKARANG)
    assert isi.tren_bulan[0] == "Jan 24" and len(isi.tren_bulan) == 12
    assert set(isi.tren) == {"Terbanyak IPSE", "Terbanyak Input TB News"}
    assert sum(isi.tren["Terbanyak IPSE"]) == isi.jumlah_kegiatan["Terbanyak IPSE"]


def test_deck_appendix_explains_method_and_sources(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        isi = kumpulkan_isi_deck(session, _polda_id(demo_engine), TAHUN_2024, ["ipse"], 10, None, SEKARANG)
    assert "100 × (N − peringkat) / (N − 1)" in isi.metode and "720 jam" in isi.metode
    assert "laporan bulanan" in isi.sumber and "Tahun 2024" in isi.sumber


def test_ranking_workbook_has_a_sheet_per_chosen_kategori(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        hasil = build_rankings(session, _polda_id(demo_engine), TAHUN_2024)
    lembar = susun_lembar_peringkat(hasil, ["tb_news", JUARA_UMUM])
    workbook = load_workbook(io.BytesIO(ke_xlsx(lembar)))
    assert workbook.sheetnames == ["Terbanyak Input TB News", "Juara Umum"]
    first = hasil.baris("tb_news")[0]
    assert [c.value for c in workbook["Terbanyak Input TB News"][2][:3]] == [first.rank, first.satker, first.value]


@pytest.fixture
def demo_cli(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("HUMAS_DATABASE_URL", demo_url)
    return demo_url


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_cli_deck_writes_a_16_9_deck(demo_cli: str, tmp_path: Path) -> None:
    output = tmp_path / "rakernis.pptx"
    result = CliRunner().invoke(
        main, ["deck", "--periode", "2024", "-o", str(output), "--kategori", "ipse,juara_umum", "--top", "5"]
    )
    assert result.exit_code == 0, result.output
    deck = Presentation(str(output))
    assert round(Emu(deck.slide_width).inches, 2) == 13.33 and round(Emu(deck.slide_height).inches, 2) == 7.5
    assert f"({len(deck.slides)} slide, Tahun 2024)" in result.output


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--periode", "2024-13"], "tulis seperti 2024-05"),
        (["--periode", "2024", "--kategori", "ipse,xx"], "kategori tidak dikenal: xx"),
        (["--periode", "2024", "--top", "1"], "--top"),
    ],
    ids=["bad-period", "unknown-kategori", "top-too-small"],
)
def test_cli_deck_refuses_bad_options_with_exit_2(demo_cli: str, tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["deck", "-o", str(tmp_path / "x.pptx"), *args])
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "x.pptx").exists()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_cli_deck_says_when_the_template_is_not_a_presentation(demo_cli: str, tmp_path: Path) -> None:
    fake = tmp_path / "templat.pptx"
    fake.write_bytes(b"bukan pptx")
    result = CliRunner().invoke(
        main, ["deck", "--periode", "2024", "-o", str(tmp_path / "x.pptx"), "--templat", str(fake)]
    )
    assert result.exit_code == 2 and "templat" in result.output.lower()
    assert not (tmp_path / "x.pptx").exists()


def test_slide_titles_preview_matches_the_cli_count(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        isi = kumpulkan_isi_deck(session, _polda_id(demo_engine), TAHUN_2024, ["ipse", JUARA_UMUM], 10, None, SEKARANG)
    titles = judul_slide(isi)
    assert len(titles) == 7 and any("Juara Umum" in t for t in titles)
