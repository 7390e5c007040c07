"""Evidence that survives disputes: the original bytes of every accepted upload (each version,
every kind) are kept with their SHA-256 and given back exactly, only to whom may see them, and
every download is in the audit log. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from analytics.izin import Pelaku, TidakBerwenang
from db.berkas_asli import BerkasAsli, unduh_berkas_asli
from db.models import AuditLog, Laporan, Satker, Unggahan
from db.queries_satker import baris_versi
from etl.batch import load_files
from etl.loader import load_workbook
from testdata.workbooks import RECEIVED, activity, laporan, rekap

FIRST = laporan({"TB News": [activity(2, "https://a.id/1")]})
SECOND = laporan({"TB News": [activity(2, "https://a.id/1"), activity(3, "https://a.id/2")]})
ADMIN = Pelaku(None, "admin.polda", "admin")
PIMPINAN = Pelaku(None, "kabid", "pimpinan")


def _satker_id(engine: Engine, nama: str) -> int:
    with Session(engine) as session:
        return session.scalar(select(Satker.id).where(Satker.nama == nama))


def _unggahan_ids(engine: Engine) -> list[int]:
    with Session(engine) as session:
        return list(session.scalars(select(Laporan.unggahan_id).order_by(Laporan.versi)))


def _unduh(engine: Engine, pelaku: Pelaku | None, unggahan_id: int) -> BerkasAsli | None:
    with Session(engine) as session, session.begin():
        return unduh_berkas_asli(session, pelaku, unggahan_id)


def test_every_version_comes_back_byte_for_byte_and_each_download_is_audited(engine: Engine) -> None:
    for now, data in ((RECEIVED, FIRST), (RECEIVED + dt.timedelta(hours=1), SECOND)):
        assert load_workbook(engine, data, "laporan_mei.xlsx", now=now).status == "loaded"
    first_id, second_id = _unggahan_ids(engine)
    for unggahan_id, data in ((first_id, FIRST), (second_id, SECOND)):
        berkas = _unduh(engine, ADMIN, unggahan_id)
        assert berkas is not None and berkas.isi == data
        assert berkas.sha256 == hashlib.sha256(data).hexdigest() and berkas.nama_file == "laporan_mei.xlsx"
    with Session(engine) as session:
        entries = session.execute(
            select(AuditLog.unggahan_id, AuditLog.pelaku).where(AuditLog.aksi == "unduh_berkas_asli")
        ).all()
    assert entries == [(first_id, "admin.polda"), (second_id, "admin.polda")]


def test_an_operator_downloads_only_their_own_satkers_files(engine: Engine) -> None:
    load_workbook(engine, FIRST, "laporan_mei.xlsx", now=RECEIVED)
    (unggahan_id,) = _unggahan_ids(engine)
    own = Pelaku(None, "op.kediri", "operator", satker_id=_satker_id(engine, "Polres Kediri Kota"))
    other = Pelaku(None, "op.batu", "operator", satker_id=_satker_id(engine, "Polres Batu"))
    assert _unduh(engine, own, unggahan_id).isi == FIRST
    for refused in (other, PIMPINAN, None):
        with pytest.raises(TidakBerwenang):
            _unduh(engine, refused, unggahan_id)


def test_recap_files_are_kept_and_given_only_to_admins(engine: Engine) -> None:
    data = rekap([["2024-03", "Polres Jember", *range(1, 10), dt.date(2024, 4, 3)]])
    assert load_workbook(engine, data, "rekap.xlsx", now=RECEIVED).status == "loaded", "rekap"
    with Session(engine) as session:
        unggahan_id = session.scalar(select(Unggahan.id).where(Unggahan.jenis == "rekap"))
    assert _unduh(engine, ADMIN, unggahan_id).isi == data
    operator = Pelaku(None, "op.kediri", "operator", satker_id=_satker_id(engine, "Polres Kediri Kota"))
    with pytest.raises(TidakBerwenang):
        _unduh(engine, operator, unggahan_id)


def test_a_folder_load_keeps_the_files_too(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "laporan"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(FIRST)
    (folder / "b.xlsx").write_bytes(laporan({"IPSE": [activity(2, "https://b.id/1")]}, satker="Polres Batu"))
    results = list(load_files(engine, sorted(folder.iterdir()), workers=2))
    assert [r.status for r in results] == ["loaded", "loaded"]
    kept = {_unduh(engine, ADMIN, unggahan_id).isi for unggahan_id in _unggahan_ids(engine)}  # type: ignore[union-attr]
    assert kept == {(folder / "a.xlsx").read_bytes(), (folder / "b.xlsx").read_bytes()}


def test_demo_uploads_have_no_file(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        unggahan_id = session.scalar(select(Unggahan.id).where(Unggahan.is_demo.is_(True)).limit(1))
    assert _unduh(demo_engine, ADMIN, unggahan_id) is None


def test_the_rows_of_a_superseded_version_stay_readable_for_its_satker_only(engine: Engine) -> None:
    for now, data in ((RECEIVED, FIRST), (RECEIVED + dt.timedelta(hours=1), SECOND)):
        load_workbook(engine, data, "laporan_mei.xlsx", now=now)
    kediri, batu = _satker_id(engine, "Polres Kediri Kota"), _satker_id(engine, "Polres Batu")
    with Session(engine) as session:
        first_id, second_id = session.scalars(select(Laporan.id).order_by(Laporan.versi)).all()
        assert [(b.kategori_kode, b.baris, b.url) for b in baris_versi(session, kediri, first_id)] == [
            ("tb_news", 2, "https://a.id/1")
        ]
        assert len(baris_versi(session, kediri, second_id)) == 2
        assert baris_versi(session, batu, first_id) == []
