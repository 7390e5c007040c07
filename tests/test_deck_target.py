"""The deck with targets and the agenda: each satker's target drawn over its bar, attainment in the
table, and the trend slide marking and listing the months with events."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pptx.dml.color import RGBColor
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from analytics.kategori import JUARA_UMUM
from analytics.periods import parse_rentang
from analytics.target import Capaian, Target, TargetPeriode
from cli.main import main
from db.engine import make_engine
from db.queries_peringkat import list_polda_aktif
from db.target import simpan_target
from exports.deck import build_deck
from exports.pptx_bentuk import WARNA_TARGET
from exports.tabel import ke_xlsx
from services.ekspor import KategoriDeck, kumpulkan_isi_deck, susun_buku_peringkat
from services.peringkat import build_rankings
from services.target import hitung_capaian_semua
from tests.test_deck import _chart_slide, _charts, _isi, _open, _rows, _texts

D = dt.date


def _capaian(satker_id: int, nilai: float, target: float | None, persen: float | None) -> Capaian:
    bulan = ((D(2024, 1, 1), None if target is None else Target("ipse", "semua", D(2024, 1, 1), target)),)
    pita = None if persen is None else ("hijau" if persen >= 100 else "kuning" if persen >= 80 else "merah")
    return Capaian(satker_id, f"Polres {satker_id}", nilai, TargetPeriode("ipse", bulan), persen, pita)  # type: ignore[arg-type]


def test_category_slide_draws_the_target_over_the_bars_and_lists_attainment() -> None:
    rows = _rows(12)
    capaian = {row.satker_id: _capaian(row.satker_id, row.value, 90.0, round(row.value / 90 * 100, 1)) for row in rows}
    del capaian[3]  # a satker without a target: no outline, '–' in the table
    deck = _open(build_deck(_isi(kategori=[KategoriDeck("ipse", "Terbanyak IPSE", "", 0, rows, capaian)])))
    slide = _chart_slide(deck, "Terbanyak IPSE")
    [chart] = _charts(slide)
    assert [s.name for s in chart.series] == ["Terbanyak IPSE", "Target"]
    assert list(chart.series[1].values)[:4] == [90.0, 90.0, None, 90.0]
    assert chart.series[1].format.line.color.rgb == WARNA_TARGET == RGBColor(0x1F, 0x29, 0x37)
    assert chart.has_legend
    [table] = [shape.table for shape in slide.shapes if shape.has_table]
    assert [cell.text for cell in table.rows[0].cells] == ["No", "Satker", "Nilai", "Capaian", "Gerak"]
    assert [table.cell(r, 3).text for r in (1, 3, 4)] == ["107 % H", "–", "97 % K"]


def test_without_targets_the_category_slide_is_unchanged() -> None:
    slide = _chart_slide(_open(build_deck(_isi())), "Terbanyak IPSE")
    [chart] = _charts(slide)
    assert [s.name for s in chart.series] == ["Terbanyak IPSE"]


def test_trend_slide_marks_and_lists_the_months_with_events() -> None:
    isi = _isi(agenda=["Februari 2024: Pemungutan suara Pemilu 2024"], bulan_beracara=frozenset({"Feb 24"}))
    slide = _chart_slide(_open(build_deck(isi)), "Tren Bulanan Jumlah Kegiatan")
    [chart] = _charts(slide)
    assert list(chart.plots[0].categories) == ["Jan 24", "Feb 24 ▲"]
    assert "▲ Bulan beracara: Februari 2024: Pemungutan suara Pemilu 2024" in _texts(slide)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_deck_content_carries_targets_and_the_agenda_from_the_database(demo_engine: Engine) -> None:
    tahun = parse_rentang("2024")
    with Session(demo_engine) as session, session.begin():
        simpan_target(session, Pelaku.baris_perintah(), [Target("tb_news", "semua", D(2024, 1, 1), 30)])
    with Session(demo_engine) as session:
        polda_id = list_polda_aktif(session)[0].id
        isi = kumpulkan_isi_deck(
            session, polda_id, tahun, ["tb_news", "ipse"], 10, None, dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        )
        hasil = build_rankings(session, polda_id, tahun)
        lembar = susun_buku_peringkat(hasil, ["tb_news", "ipse"], hitung_capaian_semua(session, hasil))
    ipse, tb = isi.kategori  # display order
    assert ipse.capaian is None and tb.capaian is not None
    assert {c.target.nilai for c in tb.capaian.values()} == {30.0 * 12}
    assert any(line.startswith("Juli 2024: HUT Bhayangkara ke-78") for line in isi.agenda)
    assert "Jul 24" in isi.bulan_beracara and "Mar 24" not in isi.bulan_beracara
    # The Ekspor page's ranking workbook: the attainment columns on the sheet of the kategori with targets.
    book = load_workbook(io.BytesIO(ke_xlsx(*lembar)))
    assert [cell.value for cell in book["Terbanyak Input TB News"][1]][3:6] == ["Target", "Capaian (%)", "Pita"]
    assert "Capaian (%)" not in [cell.value for cell in book["Terbanyak IPSE"][1]]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_deck_within_a_group(demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(demo_url)
    with Session(engine) as session:
        polda_id = list_polda_aktif(session)[0].id
        isi = kumpulkan_isi_deck(session, polda_id, parse_rentang("2024"), ["tb_news", JUARA_UMUM], kelompok="Polresta")
    engine.dispose()
    assert isi.polda == "Polda Jawa Timur, kelompok Polresta"
    [tb] = isi.kategori
    assert tb.baris and all(row.satker.startswith("Polresta ") for row in tb.baris)
    assert isi.juara_umum is not None and {r.satker for r in isi.juara_umum.baris} == {r.satker for r in tb.baris}
    monkeypatch.setenv("HUMAS_DATABASE_URL", demo_url)
    args = ["deck", "--periode", "2024", "-o", str(tmp_path / "d.pptx"), "--kelompok"]
    assert CliRunner().invoke(main, [*args, "polresta"]).exit_code == 0
    unknown = CliRunner().invoke(main, [*args, "Zona Antah"])
    assert unknown.exit_code == 2 and "Polres Pelabuhan" in unknown.output
