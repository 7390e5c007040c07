"""The Rakernis deck opened back with python-pptx: slides, native charts holding the ranking,
the user's template, formula-safe chart data, and a real render by LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.enum.chart import XL_CHART_TYPE
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Emu, Inches
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.kategori import JUARA_UMUM
from analytics.peringkat import BarisPeringkat
from analytics.periods import parse_rentang
from db.queries_peringkat import list_polda_aktif
from exports.deck import PERINGATAN_CONTOH, TemplatPptxRusak, build_deck, judul_slide
from services.ekspor import IsiDeck, KategoriDeck, kumpulkan_isi_deck
from services.peringkat import build_rankings
from tests.browser import ARTIFACTS, assert_not_blank
from tests.tools import require_program, run_program

DemoDeck = tuple[bytes, dict[str, list[BarisPeringkat]], IsiDeck]


def _rows(n: int, nama: str = "Polres") -> list[BarisPeringkat]:
    return [
        BarisPeringkat(rank, rank, f"{nama} {rank}", float(100 - 3 * rank), previous_rank=rank + 1)
        for rank in range(1, n + 1)
    ]


def _isi(**changes: object) -> IsiDeck:
    isi = IsiDeck(
        acara="Rakernis Bidhumas 2025",
        polda="Polda Jawa Timur",
        periode_label="Tahun 2024",
        periode_sebelumnya_label="Tahun 2023",
        kategori=[
            KategoriDeck("ipse", "Terbanyak IPSE", "", 0, _rows(20)),
            KategoriDeck("kecepatan_laporan", "Kecepatan Pengiriman Laporan Bulanan", "jam", 1, _rows(20)),
        ],
        juara_umum=KategoriDeck(JUARA_UMUM, "Juara Umum", "poin", 2, _rows(20)),
        jumlah_kegiatan={"Terbanyak IPSE": 1234.0},
        kepatuhan={"Tepat waktu": 200, "Terlambat": 30, "Tidak melapor": 10},
        tren_bulan=["Jan 24", "Feb 24"],
        tren={"Terbanyak IPSE": [600.0, 634.0]},
        metode="Metode: poin peringkat.",
        sumber="Sumber: laporan bulanan.",
        top_n=10,
    )
    return IsiDeck(**{**isi.__dict__, **changes})


def _open(data: bytes) -> PresentationType:
    return Presentation(io.BytesIO(data))


def _texts(slide: Slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def _charts(slide: Slide) -> list[Chart]:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def _chart_slide(deck: PresentationType, judul: str) -> Slide:
    return next(slide for slide in deck.slides if judul in _texts(slide))


def test_deck_is_16_9_with_one_slide_per_planned_title() -> None:
    isi = _isi()
    deck = _open(build_deck(isi))
    assert (round(Emu(deck.slide_width).inches, 2), round(Emu(deck.slide_height).inches, 2)) == (13.33, 7.5)
    titles = judul_slide(isi)
    assert titles == [
        "Rakernis Bidhumas 2025",
        "Ikhtisar Tahun 2024",
        "Juara per Kategori — Tahun 2024",
        "Terbanyak IPSE",
        "Kecepatan Pengiriman Laporan Bulanan",
        "Juara Umum",
        "Tren Bulanan Jumlah Kegiatan",
        "Metode dan Sumber Data",
    ]
    assert len(deck.slides) == len(titles)
    for slide, title in zip(deck.slides, titles, strict=True):
        assert title in _texts(slide)


def test_title_slide_names_event_polda_and_period() -> None:
    texts = _texts(_open(build_deck(_isi())).slides[0])
    assert {"Rakernis Bidhumas 2025", "Polda Jawa Timur", "Periode Tahun 2024"} <= set(texts)


def test_category_slide_holds_a_native_bar_chart_of_the_top_n() -> None:
    deck = _open(build_deck(_isi(top_n=7)))
    [chart] = _charts(_chart_slide(deck, "Terbanyak IPSE"))
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(chart.plots[0].categories) == [f"{rank}. Polres {rank}" for rank in range(1, 8)]
    assert list(chart.series[0].values) == [float(100 - 3 * rank) for rank in range(1, 8)]


def test_category_slide_table_shows_movement_and_unit() -> None:
    slide = _chart_slide(_open(build_deck(_isi())), "Kecepatan Pengiriman Laporan Bulanan")
    [table] = [shape.table for shape in slide.shapes if shape.has_table]
    assert [cell.text for cell in table.rows[0].cells] == ["No", "Satker", "Nilai (jam)", "Gerak"]
    assert [cell.text for cell in table.rows[1].cells] == ["1", "Polres 1", "97,0", "▲1"]
    assert len(table.rows) == 1 + 10


def test_chart_data_workbook_is_embedded_and_editable() -> None:
    deck = _open(build_deck(_isi()))
    [chart] = _charts(_chart_slide(deck, "Terbanyak IPSE"))
    sheet = load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob)).active
    assert sheet["B1"].value == "Terbanyak IPSE"
    assert [sheet.cell(row, 1).value for row in range(2, 5)] == ["1. Polres 1", "2. Polres 2", "3. Polres 3"]
    assert [sheet.cell(row, 2).value for row in range(2, 5)] == [97, 94, 91]


def test_text_starting_with_a_formula_sign_stays_text_in_the_chart_workbook() -> None:
    evil = '=HYPERLINK("http://contoh.invalid","klik")'
    isi = _isi(kategori=[KategoriDeck("ipse", evil, "", 0, _rows(5, nama="@SUM(A1)"))], tren={evil: [1.0, 2.0]})
    deck = _open(build_deck(isi))
    for chart in _charts(deck.slides[3]) + _charts(_chart_slide(deck, "Tren Bulanan Jumlah Kegiatan")):
        sheet = load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob)).active
        assert sheet["B1"].value == evil and sheet["B1"].data_type == "s"
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_awards_slide_lists_the_winners_with_ties_sharing_a_place() -> None:
    tied = [
        BarisPeringkat(1, 1, "Polres A", 9),
        BarisPeringkat(1, 2, "Polres B", 9),
        BarisPeringkat(3, 3, "Polres C", 5),
    ]
    isi = _isi(kategori=[KategoriDeck("ipse", "Terbanyak IPSE", "", 0, tied)], juara_umum=None)
    slide = _chart_slide(_open(build_deck(isi)), "Juara per Kategori — Tahun 2024")
    [table] = [shape.table for shape in slide.shapes if shape.has_table]
    assert [cell.text for cell in table.rows[1].cells] == ["Terbanyak IPSE", "Polres A, Polres B", "–", "Polres C"]


def test_overview_shows_totals_and_compliance_chart() -> None:
    slide = _open(build_deck(_isi())).slides[1]
    [table] = [shape.table for shape in slide.shapes if shape.has_table]
    assert [cell.text for cell in table.rows[1].cells] == ["Terbanyak IPSE", "1.234"]
    [chart] = _charts(slide)
    assert chart.chart_type == XL_CHART_TYPE.DOUGHNUT
    assert dict(zip(chart.plots[0].categories, chart.series[0].values, strict=True)) == {
        "Tepat waktu": 200,
        "Terlambat": 30,
        "Tidak melapor": 10,
    }
    assert "200 dari 240 satker-bulan tepat waktu" in " ".join(_texts(slide))


def test_trend_slide_stacks_monthly_totals_per_kategori() -> None:
    [chart] = _charts(_chart_slide(_open(build_deck(_isi())), "Tren Bulanan Jumlah Kegiatan"))
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    assert list(chart.plots[0].categories) == ["Jan 24", "Feb 24"]
    assert [(s.name, list(s.values)) for s in chart.series] == [("Terbanyak IPSE", [600.0, 634.0])]


def test_without_count_kategori_the_trend_slide_is_left_out() -> None:
    isi = _isi(kategori=[], jumlah_kegiatan={}, tren={})
    assert "Tren Bulanan Jumlah Kegiatan" not in judul_slide(isi)
    assert len(_open(build_deck(isi)).slides) == len(judul_slide(isi))


def test_empty_ranking_says_there_is_no_data() -> None:
    isi = _isi(kategori=[KategoriDeck("ipse", "Terbanyak IPSE", "", 0, [])])
    slide = _chart_slide(_open(build_deck(isi)), "Terbanyak IPSE")
    assert not _charts(slide) and "Belum ada data untuk Tahun 2024." in _texts(slide)


def test_demo_data_is_marked_on_every_slide() -> None:
    deck = _open(build_deck(_isi(data_contoh=True)))
    for slide in deck.slides:
        assert PERINGATAN_CONTOH in " ".join(_texts(slide))


def test_appendix_holds_method_and_sources() -> None:
    slide = _chart_slide(_open(build_deck(_isi())), "Metode dan Sumber Data")
    assert "Metode: poin peringkat." in " ".join(_texts(slide)) and "Sumber: laporan bulanan." in " ".join(
        _texts(slide)
    )


# --- the user's template --------------------------------------------------------------------


def templat_uji(tmp_path: Path) -> bytes:
    """A 4:3 template with its own slide and a theme whose heading font is Georgia."""
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "SLIDE CONTOH TEMPLAT"
    path = tmp_path / "templat.pptx"
    prs.save(str(path))
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "ppt/theme/theme1.xml":
                data = data.replace(b'<a:latin typeface="Calibri"/>', b'<a:latin typeface="Georgia"/>', 1)
                assert b"Georgia" in data
            target.writestr(item, data)
    return buffer.getvalue()


def _theme(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("ppt/theme/theme1.xml")


def test_template_theme_and_size_are_kept_and_its_slides_left_out(tmp_path: Path) -> None:
    template = templat_uji(tmp_path)
    isi = _isi()
    data = build_deck(isi, template)
    deck = _open(data)
    assert _theme(data) == _theme(template)
    assert (deck.slide_width, deck.slide_height) == (Inches(10), Inches(7.5))
    assert len(deck.slides) == len(judul_slide(isi))
    assert all("SLIDE CONTOH TEMPLAT" not in _texts(slide) for slide in deck.slides)
    [chart] = _charts(_chart_slide(deck, "Terbanyak IPSE"))
    assert list(chart.series[0].values)[:3] == [97.0, 94.0, 91.0]


def _with_content_type(template: bytes, old: bytes, new: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data.replace(old, new) if item.filename == "[Content_Types].xml" else data)
    return buffer.getvalue()


MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda t: b"bukan berkas pptx sama sekali", "bukan berkas PowerPoint .pptx"),
        (lambda t: t[: len(t) // 2], "bukan berkas PowerPoint .pptx"),
        (
            lambda t: _with_content_type(t, MAIN, b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"),
            "makro",
        ),
        (
            lambda t: _with_content_type(
                t, MAIN, b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
            ),
            ".potx",
        ),
    ],
    ids=["not-a-zip", "truncated", "macro-enabled", "design-template"],
)
def test_unusable_template_is_refused_with_a_message(
    tmp_path: Path, make: Callable[[bytes], bytes], message: str
) -> None:
    with pytest.raises(TemplatPptxRusak, match=message):
        build_deck(_isi(), make(templat_uji(tmp_path)))


def rewrite_parts(template: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The template with each part replaced by ``change(name, data)`` (None: left out)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = change(item.filename, source.read(item.filename))
            if data is not None:
                target.writestr(item, data)
    return buffer.getvalue()


def zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


TEMPLAT_RUSAK: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "zip-without-presentation": (lambda t: zip_of({"catatan.txt": b"bukan presentasi"}), "bukan berkas PowerPoint"),
    "layout-xml-broken": (
        lambda t: rewrite_parts(t, lambda n, d: b"<p:sldLayout" if n.endswith("slideLayout7.xml") else d),
        "tata letak",
    ),
    "every-layout-broken": (
        lambda t: rewrite_parts(t, lambda n, d: b"<bukan xml" if "slideLayouts/slideLayout" in n else d),
        "tata letak",
    ),
    "layouts-missing": (lambda t: rewrite_parts(t, lambda n, d: None if "slideLayouts/" in n else d), "tata letak"),
    "master-missing": (lambda t: rewrite_parts(t, lambda n, d: None if "slideMasters/" in n else d), "tata letak"),
    "presentation-xml-broken": (
        lambda t: rewrite_parts(t, lambda n, d: b"<x" if n == "ppt/presentation.xml" else d),
        "tata letak",
    ),
    "huge": (lambda t: t + b"\0" * (50 * 1024 * 1024), "lebih dari 50 MB"),
}


@pytest.mark.parametrize("kasus", list(TEMPLAT_RUSAK))
def test_a_damaged_template_gets_a_message_not_a_traceback(tmp_path: Path, kasus: str) -> None:
    make, message = TEMPLAT_RUSAK[kasus]
    with pytest.raises(TemplatPptxRusak, match=message) as refused:
        build_deck(_isi(), make(templat_uji(tmp_path)))
    assert "/" not in str(refused.value).replace("/ ", "")  # no server path in what the user reads


# --- from the database, and rendered -------------------------------------------------------

TAHUN_2024 = parse_rentang("2024")


@pytest.fixture
def demo_deck(demo_engine: Engine) -> DemoDeck:
    with Session(demo_engine) as session:
        polda_id = list_polda_aktif(session)[0].id
        kode = [k.kode for k in build_rankings(session, polda_id, TAHUN_2024).kategori] + [JUARA_UMUM]
        isi = kumpulkan_isi_deck(session, polda_id, TAHUN_2024, kode, 10, None, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        hasil = build_rankings(session, polda_id, TAHUN_2024)
    return build_deck(isi), {k: hasil.baris(k) for k in kode}, isi


def test_every_category_chart_equals_the_ranking_of_the_period(demo_deck: DemoDeck) -> None:
    data, rankings, isi = demo_deck
    deck = _open(data)
    assert len(deck.slides) == 3 + 11 + 2
    for kategori in [*isi.kategori, isi.juara_umum]:
        [chart] = _charts(_chart_slide(deck, kategori.judul))
        top = rankings[kategori.kode][:10]
        assert list(chart.series[0].values) == [row.value for row in top]
        assert list(chart.plots[0].categories) == [f"{row.rank}. {row.satker}" for row in top]
    assert PERINGATAN_CONTOH in " ".join(_texts(deck.slides[0]))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_libreoffice_renders_every_slide_non_blank(demo_deck: DemoDeck, tmp_path: Path) -> None:
    soffice = require_program("soffice", "libreoffice", install="pasang paket libreoffice-impress-nogui")
    pdftoppm = require_program("pdftoppm", install="pasang paket poppler-utils")
    data, _, _ = demo_deck
    (tmp_path / "deck.pptx").write_bytes(data)
    command = [
        soffice,
        f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(tmp_path / "deck.pptx"),
    ]
    run_program(command, 180, "LibreOffice (deck ke PDF)")
    pdf = tmp_path / "deck.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob("deck-*.png"):
        old.unlink()
    run_program([pdftoppm, "-r", "40", "-png", str(pdf), str(ARTIFACTS / "deck")], 120, "pdftoppm")
    pages = sorted(ARTIFACTS.glob("deck-*.png"))
    assert len(pages) == len(_open(data).slides)
    for page in pages:
        assert_not_blank(page)
