"""Agenda marks in chart data, the spike flag naming its event, and the reminder lists against the
deadline setting; on both databases."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from analytics.periods import Rentang, rentang_bulan
from db import pengaturan
from db.models import LonjakanBulanan
from db.queries import cari_polda
from db.queries_kepatuhan import kiriman_rentang
from db.reference import find_satker
from etl.loader import load_workbook
from services.agenda import baca_tanda_agenda, susun_keterangan_agenda
from services.grafik import garis_tren, tandai_agenda
from services.kepatuhan import hitung_kepatuhan
from services.pengingat import bulan_pengingat, susun_pengingat, tautan_wa
from services.peringkat import build_kategori_ranking
from testdata.workbooks import laporan

D = dt.date
UTC = dt.UTC
ADMIN = Pelaku.baris_perintah()
TAHUN_2024 = Rentang(D(2024, 1, 1), D(2024, 12, 1))
ALAMAT = "https://humas.contoh/unggah"


def test_agenda_marks_in_the_trend_chart_data(engine: Engine) -> None:
    with Session(engine) as session:
        nasional = baca_tanda_agenda(session, TAHUN_2024.bulan)
        metro = baca_tanda_agenda(session, [D(2023, 9, 1)], "Polda Metro Jaya")
        jatim = baca_tanda_agenda(session, [D(2023, 9, 1)], "Polda Jawa Timur")
    assert [a.nama for a in nasional[D(2024, 2, 1)]] == [
        "Masa kampanye Pemilu 2024",
        "Masa tenang Pemilu 2024",
        "Pemungutan suara Pemilu 2024",
    ]
    assert {a.nama for a in nasional[D(2024, 4, 1)]} >= {"Operasi Ketupat 2024", "Idul Fitri 1445 H"}
    assert "Operasi Zebra Jaya 2023" in {a.nama for a in metro[D(2023, 9, 1)]}
    assert "Operasi Zebra Jaya 2023" not in {a.nama for a in jatim[D(2023, 9, 1)]}
    fig = tandai_agenda(garis_tren({"Polres Batu": {}}, TAHUN_2024.bulan, "Tren"), nasional)
    marked = [m for m in TAHUN_2024.bulan if nasional[m]]
    assert len(fig.layout.annotations) == len(fig.layout.shapes) == len(marked)
    february = fig.layout.annotations[marked.index(D(2024, 2, 1))]
    assert "Pemungutan suara Pemilu 2024 (14 Februari 2024)" in february.hovertext
    lines = susun_keterangan_agenda(nasional)
    assert lines[marked.index(D(2024, 2, 1))].startswith(f"A{marked.index(D(2024, 2, 1)) + 1}. Februari 2024: Masa")


def test_a_spike_flag_names_the_event_it_falls_in(engine: Engine) -> None:
    for periode in (D(2024, 2, 1), D(2024, 3, 1)):
        _report(engine, "Polres Batu", periode, "Bripka Sari", dt.datetime(2024, 4, 1, tzinfo=UTC))
    # The spike as the loader derives it from a longer history (analytics.integritas), written after
    # the loads that would recompute it from these two months.
    with Session(engine) as session, session.begin():
        batu = find_satker(session, "Polres Batu").id  # type: ignore[union-attr]
        session.add(
            LonjakanBulanan(satker_id=batu, periode=D(2024, 2, 1), kategori_kode="tb_news", nilai=40, median_riwayat=3)
        )
    with Session(engine) as session:
        rows = build_kategori_ranking(
            session, cari_polda(session, "Polda Jawa Timur"), rentang_bulan(D(2024, 2, 1)), "tb_news"
        )
        quiet = build_kategori_ranking(
            session, cari_polda(session, "Polda Jawa Timur"), rentang_bulan(D(2024, 3, 1)), "tb_news"
        )
    [flag] = [f for r in rows if r.satker_id == batu for f in r.flags if f.startswith("Lonjakan")]
    assert flag.endswith(
        "bertepatan dengan Masa kampanye Pemilu 2024 (28 November 2023 – 10 Februari 2024), "
        "Masa tenang Pemilu 2024 (11–13 Februari 2024), Pemungutan suara Pemilu 2024 (14 Februari 2024)"
    )
    assert not any(f.startswith("Lonjakan") for r in quiet for f in r.flags)


def _report(engine: Engine, satker: str, periode: dt.date, operator: str, sent: dt.datetime) -> None:
    rows = [
        (
            None,
            dt.datetime(periode.year, periode.month, 2),
            "Kegiatan",
            "Instagram",
            f"https://{satker[-4:]}.id/{periode:%m}",
        )
    ]
    result = load_workbook(
        engine, laporan({"TB News": rows}, satker=satker, periode=periode, operator=operator), "l.xlsx", now=sent
    )
    assert result.status == "loaded", [p.message for p in result.errors]


def test_reminders_before_and_after_the_deadline_setting(engine: Engine) -> None:
    mei, april = D(2024, 5, 1), D(2024, 4, 1)
    _report(engine, "Polres Batu", mei, "Bripka Sari", dt.datetime(2024, 6, 1, tzinfo=UTC))
    _report(engine, "Polres Ngawi", april, "Brigpol Andi", dt.datetime(2024, 5, 3, tzinfo=UTC))
    with Session(engine) as session:
        polda = cari_polda(session, "Polda Jawa Timur")
        ngawi = find_satker(session, "Polres Ngawi").id  # type: ignore[union-attr]
        before = dt.datetime(2024, 6, 3, 9, tzinfo=UTC)  # deadline 5 June 23.59 WIB = 16.59 UTC
        daftar = susun_pengingat(session, polda, "Polda Jawa Timur", mei, before, ALAMAT)
        waiting = hitung_kepatuhan(
            kiriman_rentang(session, polda, rentang_bulan(mei)), pengaturan.batas_waktu(session), before
        )
    assert bulan_pengingat(before) == mei
    assert (daftar.terlambat, daftar.sisa) == (False, "tersisa 2 hari 7 jam")
    assert len(daftar.satker) == waiting["menunggu"] > 30
    assert "Polres Batu" not in {p.satker for p in daftar.satker}
    [andi] = [p for p in daftar.satker if p.satker_id == ngawi]
    assert andi.operator == "Brigpol Andi" and andi.pesan.startswith(
        "Yth. Brigpol Andi (Polres Ngawi), laporan bulanan Mei 2024"
    )
    assert ALAMAT in andi.pesan and "05-06-2024 pukul 23.59 WIB" in andi.pesan
    assert daftar.pesan_grup.startswith("Rekan operator humas Polda Jawa Timur.\nPengingat laporan bulanan Mei 2024.")
    assert "Polres Ngawi (operator terakhir: Brigpol Andi)" in daftar.pesan_grup
    assert tautan_wa("a b&c") == "https://wa.me/?text=a%20b%26c"

    after = dt.datetime(2024, 6, 6, 2, tzinfo=UTC)
    with Session(engine) as session:
        late = susun_pengingat(session, polda, "Polda Jawa Timur", mei, after, ALAMAT)
    assert late.terlambat and [p.satker for p in late.satker] == [p.satker for p in daftar.satker]
    assert "TERLAMBAT — laporan bulanan Mei 2024" in late.pesan_grup and "sudah lewat 9 jam 1 menit" in late.pesan_grup
    assert "segera dikirim" in late.satker[0].pesan

    with Session(engine) as session, session.begin():
        pengaturan.set_batas_waktu(session, ADMIN, pengaturan.BatasWaktu(10, dt.time(12, 0)))
    with Session(engine) as session:
        moved = susun_pengingat(session, polda, "Polda Jawa Timur", mei, after, ALAMAT)
    assert not moved.terlambat and moved.batas == dt.datetime(2024, 6, 10, 5, tzinfo=UTC)
