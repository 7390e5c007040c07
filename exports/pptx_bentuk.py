"""Drawing helpers for the deck: text boxes, tables and native charts on a python-pptx slide.

Positions are given as fractions of the slide (``Kotak``), so the same layout fits the built-in
16:9 deck and a user's own template of another size. Colours come from the theme (text, accent)
so a user's template restyles them; only the medal colours are fixed.

Chart data goes into the chart's embedded workbook as plain values: a satker name or title that
starts with ``=`` stays text there and is never evaluated as a formula.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Emu, Pt, lazyproperty
from xlsxwriter import Workbook
from xlsxwriter.worksheet import Worksheet

WARNA_MEDALI = {1: RGBColor(0xC9, 0xA2, 0x27), 2: RGBColor(0x9E, 0xA3, 0xA8), 3: RGBColor(0xB0, 0x71, 0x3A)}
WARNA_PERINGATAN = RGBColor(0xB0, 0x1E, 0x1E)
WARNA_REDUP = RGBColor(0x5F, 0x6B, 0x7A)
WARNA_TARGET = RGBColor(0x1F, 0x29, 0x37)
FONT_JUDUL = "+mj-lt"  # the theme's heading font
FONT_ISI = "+mn-lt"  # the theme's body font


@dataclass(frozen=True)
class Kotak:
    """A rectangle as fractions of the slide's width and height."""

    x: float
    y: float
    w: float
    h: float

    def emu(self, prs: PresentationType) -> tuple[Emu, Emu, Emu, Emu]:
        width, height = prs.slide_width, prs.slide_height
        return Emu(int(self.x * width)), Emu(int(self.y * height)), Emu(int(self.w * width)), Emu(int(self.h * height))


class _TextWorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's chart workbook writer with XlsxWriter's string-to-formula conversion off."""

    @contextmanager
    def _open_worksheet(self, xlsx_file: IO[bytes]) -> Iterator[tuple[Workbook, Worksheet]]:
        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class DataGrafik(CategoryChartData):
    """Category chart data whose embedded workbook stores every text as text."""

    @lazyproperty
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _TextWorkbookWriter(self)


def teks(
    slide: Slide,
    prs: PresentationType,
    kotak: Kotak,
    paragraf: Sequence[str],
    ukuran: int,
    *,
    tebal: bool = False,
    judul: bool = False,
    warna: RGBColor | None = None,
    rata: PP_ALIGN = PP_ALIGN.LEFT,
    tengah: bool = False,
) -> None:
    """A text box with one paragraph per item, wrapped, in the theme's heading or body font."""
    frame = slide.shapes.add_textbox(*kotak.emu(prs)).text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE if tengah else MSO_ANCHOR.TOP
    for index, isi in enumerate(paragraf):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = rata
        paragraph.space_after = Pt(ukuran * 0.4)
        run = paragraph.add_run()
        run.text = isi
        run.font.size = Pt(ukuran)
        run.font.bold = tebal
        run.font.name = FONT_JUDUL if judul else FONT_ISI
        if warna is not None:
            run.font.color.rgb = warna
        else:
            run.font.color.theme_color = MSO_THEME_COLOR.TEXT_1


def tabel(
    slide: Slide,
    prs: PresentationType,
    kotak: Kotak,
    kolom: Sequence[str],
    baris: Sequence[Sequence[str]],
    lebar: Sequence[float],
    ukuran: int,
    rata_kanan: Sequence[int] = (),
) -> None:
    """A table with a header row; ``lebar`` are the columns' shares of the box width."""
    x, y, w, h = kotak.emu(prs)
    shape = slide.shapes.add_table(len(baris) + 1, len(kolom), x, y, w, Emu(int(h)))
    table = shape.table
    for index, share in enumerate(lebar):
        table.columns[index].width = Emu(int(w * share))
    row_height = Emu(int(h / (len(baris) + 1)))
    for row in table.rows:
        row.height = row_height
    for r, values in enumerate([list(kolom), *[list(v) for v in baris]]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.margin_top = cell.margin_bottom = Pt(2)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.RIGHT if c in rata_kanan else PP_ALIGN.LEFT
            run = paragraph.add_run()
            run.text = value
            run.font.size = Pt(ukuran)
            run.font.bold = r == 0
            run.font.name = FONT_ISI


def grafik_batang(
    slide: Slide,
    prs: PresentationType,
    kotak: Kotak,
    label: Sequence[str],
    nilai: Sequence[float],
    nama_seri: str,
    format_angka: str,
    peringkat: Sequence[int],
    target: Sequence[float | None] | None = None,
) -> None:
    """A native horizontal bar chart, first category on top, medal colours for places 1–3.

    With ``target`` (one per bar, None where a satker has none) a second series "Target" is drawn
    over the bars as an unfilled outline: its right edge is each satker's target line."""
    data = DataGrafik(number_format=format_angka)
    data.categories = list(label)
    data.add_series(nama_seri, list(nilai))
    if target is not None:
        data.add_series("Target", list(target))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *kotak.emu(prs), data).chart
    chart.has_title = False  # the slide's title names the kategori
    chart.has_legend = False
    chart.font.size = Pt(_ukuran_label(Emu(int(kotak.h * prs.slide_height)).pt, len(label)))
    chart.font.name = FONT_ISI
    plot = chart.plots[0]
    plot.gap_width = 40
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = format_angka
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    chart.category_axis.reverse_order = True
    chart.category_axis.has_major_gridlines = False
    chart.category_axis.format.line.fill.background()
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    for index, rank in enumerate(peringkat):
        if rank in WARNA_MEDALI:
            point = series.points[index]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = WARNA_MEDALI[rank]
    if target is not None:
        _seri_target(chart, plot)


def _seri_target(chart: Any, plot: Any) -> None:
    """The target series as an outline over the value bars, without labels, with a legend."""
    plot.overlap = 100
    garis = plot.series[1]
    garis.format.fill.background()
    garis.format.line.color.rgb = WARNA_TARGET
    garis.format.line.width = Pt(2)
    garis.data_labels.show_value = False
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False


def _ukuran_label(tinggi_pt: float, jumlah: int) -> int:
    """Label size that lets ``jumlah`` bars share a box ``tinggi_pt`` high (16 pt for ten bars
    on a 16:9 slide, never below 9)."""
    return max(9, min(16, int(tinggi_pt / max(jumlah, 1) * 0.45)))


def grafik_kolom_bertumpuk(
    slide: Slide,
    prs: PresentationType,
    kotak: Kotak,
    bulan: Sequence[str],
    seri: dict[str, Sequence[float]],
) -> None:
    """A native stacked column chart: one column per month, one series per kategori."""
    data = DataGrafik(number_format="#,##0")
    data.categories = list(bulan)
    for nama, nilai in seri.items():
        data.add_series(nama, list(nilai))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_STACKED, *kotak.emu(prs), data).chart
    chart.has_title = False
    chart.font.size = Pt(12)
    chart.font.name = FONT_ISI
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
    chart.plots[0].gap_width = 50
    chart.value_axis.tick_labels.number_format = "#,##0"
    chart.value_axis.tick_labels.number_format_is_linked = False


def grafik_donat(
    slide: Slide, prs: PresentationType, kotak: Kotak, label: Sequence[str], nilai: Sequence[float]
) -> None:
    """A native doughnut chart with value labels and the legend below."""
    data = DataGrafik(number_format="#,##0")
    data.categories = list(label)
    data.add_series("Laporan satker-bulan", list(nilai))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.DOUGHNUT, *kotak.emu(prs), data).chart
    chart.font.size = Pt(14)
    chart.font.name = FONT_ISI
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format = "#,##0"
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.show_value = True
