"""Workbooks built the way operators make them: from the app's own template, then edited."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.workbook import Workbook
from sqlalchemy import Engine, MetaData, func, select
from sqlalchemy.orm import Session

from db.models import AuditLog, Base
from etl.template import build_template
from etl.workbook_format import (
    PENGHARGAAN_HEADER,
    REKAP_FIRST_COLUMNS,
    REKAP_LAST_COLUMN,
    SHEET_IDENTITAS,
    SHEET_PENGHARGAAN,
    SHEET_REKAP,
)

MEI_2024 = dt.date(2024, 5, 1)
# Received on 3 June 2024, 09:00 WIB: 57 hours after the end of May (00:00 WIB, 1 June).
RECEIVED = dt.datetime(2024, 6, 3, 2, 0, tzinfo=dt.UTC)
COUNT_NAMES = (
    "Terbanyak Link Amplifikasi",
    "Terbanyak Amplifikasi Narasi Positif",
    "Teraktif Pengiriman Narasi Berita Positif",
    "Terbanyak Input Data Portal Humas",
    "Terbanyak IPSE",
    "Terbanyak Cipta Trending Topik",
    "Terbanyak Input TB News",
    "Terbanyak Input Raw Data SPIT",
    "Terbanyak Input Content SPIT",
)


def activity(day: int, link: str, platform: str = "Instagram", judul: str = "Kegiatan") -> tuple[Any, ...]:
    """One filled row of a category sheet (No, Tanggal, Judul / Uraian, Platform, Tautan)."""
    return (None, dt.datetime(2024, 5, day), judul, platform, link)


def laporan(
    rows: dict[str, Sequence[Sequence[Any]]] | None = None,
    satker: str = "Polres Kediri Kota",
    periode: dt.date = MEI_2024,
    operator: str = "Bripka Contoh",
    edit: Callable[[Workbook], None] | None = None,
) -> bytes:
    """A monthly report from the template; ``rows`` maps sheet name → rows from row 2."""
    book = openpyxl.load_workbook(io.BytesIO(build_template(satker, periode)))
    book[SHEET_IDENTITAS]["B4"] = operator
    for sheet, sheet_rows in (rows or {}).items():
        for number, row in enumerate(sheet_rows, start=2):
            for column, value in enumerate(row, start=1):
                book[sheet].cell(number, column, value)
    if edit:
        edit(book)
    return save(book)


def rewritten(data: bytes, replacements: dict[str, str]) -> bytes:
    """The same workbook with text replaced in every part (another satker's name, other links):
    a few milliseconds instead of building the workbook again, for tests that need hundreds."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            for old, new in replacements.items():
                part = part.replace(escape(old).encode(), escape(new).encode())
            target.writestr(info, part)
    return buffer.getvalue()


def save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table(sheet: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    return save(book)


def rekap(rows: Iterable[Sequence[Any]], header: Sequence[str] | None = None) -> bytes:
    """A Polda recap: Periode, Satker, the nine counts, Tanggal Kirim Laporan."""
    return table(SHEET_REKAP, header or (*REKAP_FIRST_COLUMNS, *COUNT_NAMES, REKAP_LAST_COLUMN), rows)


def penghargaan(rows: Iterable[Sequence[Any]], header: Sequence[str] = PENGHARGAAN_HEADER) -> bytes:
    return table(SHEET_PENGHARGAAN, header, rows)


def snapshot(engine: Engine) -> dict[str, Any]:
    """Every table's rows except the audit log: equal snapshots mean nothing was written."""
    with Session(engine) as session:
        result = {}
        for table_ in Base.metadata.sorted_tables:
            if table_.name == AuditLog.__tablename__:
                continue
            rows = session.execute(select(table_)).all()
            result[table_.name] = sorted(map(repr, rows))
        return result


def every_table(engine: Engine) -> dict[str, list[str]]:
    """Every table the database holds (reflected: the audit log and Alembic's version table too),
    each as its sorted rows: equal results mean equal databases."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            name: sorted(map(repr, connection.execute(select(table)).all())) for name, table in metadata.tables.items()
        }


def audit_actions(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(AuditLog.aksi).order_by(AuditLog.id)))


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0
