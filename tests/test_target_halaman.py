"""The pages of issue 20 with Streamlit's AppTest on the demo data: the Target dan Kelompok admin
page, attainment and groups on Peringkat, bands on Beranda, attainment on Profil Satker, agenda
marks on Tren and reminders on Kepatuhan; compared with the services on the same database."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from sqlalchemy import update
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from analytics.izin import Pelaku
from analytics.periods import rentang_bulan
from analytics.target import AmbangPita, Target
from db.agenda import daftar_acara_tersimpan
from db.engine import make_engine
from db.kelompok import cari_kelompok
from db.models import Agenda
from db.target import ambang_pita, daftar_target_tersimpan, riwayat_tipe_satker, simpan_target
from exports.tabel import ke_xlsx
from services.peringkat import build_rankings
from services.target import hitung_capaian_semua
from tests.test_pages import DESEMBER_2024, choose, open_app, session_on, show, table

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
ADMIN = Pelaku.baris_perintah()


def _submit(app: AppTest, label: str) -> AppTest:
    next(button for button in app.button if button.label == label).click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _target_tb_news(url: str) -> None:
    with session_on(url) as session, session.begin():
        simpan_target(
            session,
            ADMIN,
            [
                Target("tb_news", "semua", dt.date(2024, 1, 1), 40),
                Target("tb_news", "tipe", dt.date(2024, 1, 1), 60, tipe="Polrestabes"),
            ],
        )


def test_admin_sets_targets_thresholds_groups_types_and_events(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "admin_target")
    assert [t.value for t in app.title] == ["Target dan Kelompok"]
    app.selectbox(key="t_kat").set_value("tb_news")
    app.selectbox(key="t_lingkup").set_value("tipe")
    app.selectbox(key="t_tipe").set_value("Polresta")
    app.selectbox(key="t_mulai").set_value(dt.date(2024, 3, 1))
    app.number_input(key="t_nilai").set_value(25.0)
    _submit(app, "Simpan target")
    assert app.success[0].value == "Target Terbanyak Input TB News mulai Maret 2024 disimpan."
    assert table(app)[0] == {
        "Kategori": "Terbanyak Input TB News",
        "Lingkup": "Satu tipe satker",
        "Untuk": "Polresta",
        "Berlaku mulai": "Maret 2024",
        "Target per bulan": "25",
    }
    app.number_input(key="t_nilai").set_value(0.0)
    _submit(app, "Simpan target")
    assert "lebih dari 0" in app.error[0].value  # refused by the rules, shown, nothing stored

    app.number_input(key="ambang_kuning").set_value(75.0)
    _submit(app, "Simpan ambang")
    app.text_input(key="k_nama").input("Zona Utara")
    anggota = app.multiselect(key="k_anggota")
    anggota.set_value([anggota.options[0]])
    _submit(app, "Simpan kelompok")
    assert app.success[0].value == "Kelompok Zona Utara disimpan."
    app.selectbox(key="tipe_baru").set_value("Polresta")
    _submit(app, "Simpan tipe")
    app.text_input(key="a_nama").input("Apel Kasatwil")
    app.date_input(key="a_mulai").set_value(dt.date(2024, 11, 4))
    app.date_input(key="a_selesai").set_value(dt.date(2024, 11, 4))
    app.text_input(key="a_sumber").input("Surat Telegram Kapolda")
    _submit(app, "Tambah acara")
    assert app.success[0].value == "Acara Apel Kasatwil ditambahkan."
    with session_on(demo_url) as session:
        assert [t.target for t in daftar_target_tersimpan(session)] == [
            Target("tb_news", "tipe", dt.date(2024, 3, 1), 25, tipe="Polresta")
        ]
        assert ambang_pita(session) == AmbangPita(75, 100)
        assert len(cari_kelompok(session, "zona utara").anggota) == 1  # type: ignore[union-attr]
        assert any(a.acara.nama == "Apel Kasatwil" and not a.bawaan for a in daftar_acara_tersimpan(session))
        fixed = [r for r in riwayat_tipe_satker(session).values() if r.perubahan[0][0] == dt.date.min]
        assert len(fixed) == 1 and fixed[0].cari_tipe(DESEMBER_2024) == "Polresta"


def test_peringkat_shows_attainment_and_bands_and_the_workbook_carries_them(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _target_tb_news(demo_url)
    app = choose(show(open_app(demo_url, monkeypatch), "peringkat"), "kategori", "tb_news")
    rows = table(app)
    with session_on(demo_url) as session:
        polda = app.selectbox(key="polda").value
        hasil = build_rankings(session, polda, rentang_bulan(DESEMBER_2024))
        ranking = hasil.baris("tb_news")
        capaian = hitung_capaian_semua(session, hasil).get("tb_news")
    assert capaian is not None
    assert list(rows[0])[:6] == ["Peringkat", "Satker", "Nilai", "Target", "Capaian (%)", "Pita"]
    by_name = {row.satker: capaian.per_satker[row.satker_id] for row in ranking}
    for row in rows:
        expected = by_name[row["Satker"]]
        assert row["Capaian (%)"] == f"{expected.persen:.1f}".replace(".", ",")
        assert row["Pita"] == {"merah": "Merah", "kuning": "Kuning", "hijau": "Hijau"}[expected.pita]  # type: ignore[index]
    surabaya = next(row for row in rows if row["Satker"] == "Polrestabes Surabaya")
    assert surabaya["Target"] == "60"
    assert any(":green[**Hijau**] 100 % atau lebih" in c.value for c in app.caption)
    # The XLSX download the page offers, built from the same values.
    data = ke_xlsx({"TB News": ranking}, {"TB News": 0}, {"TB News": capaian.per_satker})
    sheet = openpyxl.load_workbook(io.BytesIO(data))["TB News"]
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == ["Peringkat", "Satker", "Nilai", "Target", "Capaian (%)", "Pita"]
    written = {row[1]: row[3:6] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert written["Polrestabes Surabaya"][0] == 60
    assert written["Polrestabes Surabaya"][1] == by_name["Polrestabes Surabaya"].persen


def test_peringkat_within_a_group_from_the_address(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "peringkat")
    app.query_params["kelompok"] = "polresta"
    app.run()
    assert app.selectbox(key="kelompok_peringkat").value == "polresta"
    rows = table(app)
    assert rows and all(row["Satker"].startswith("Polresta ") for row in rows)
    assert int(rows[0]["Peringkat"]) == 1
    assert "kelompok Polresta" in app.caption[0].value
    choose(app, "kelompok_peringkat", "")
    assert "kelompok" not in app.query_params and len(table(app)) == 39
    app.query_params["kelompok"] = "tidak-ada"
    app.run()
    assert "tidak dikenal" in app.warning[-1].value and len(table(app)) == 39


def test_beranda_counts_satker_per_band_and_profil_shows_attainment(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _target_tb_news(demo_url)
    app = open_app(demo_url, monkeypatch)
    assert "Capaian target" in [h.value for h in app.subheader]
    [row] = next(df.value for df in app.dataframe if "Merah" in df.value.columns).to_dict("records")
    assert row["Kategori"] == "Terbanyak Input TB News"
    assert row["Merah"] + row["Kuning"] + row["Hijau"] == 39 and row["Tanpa target"] == 0
    show(app, "profil_satker")
    profil = next(df.value for df in app.dataframe if "Capaian (%)" in df.value.columns).to_dict("records")
    assert [r["Kategori"] for r in profil] == ["Terbanyak Input TB News"]


def test_tren_lists_the_agenda_of_the_year(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = choose(show(open_app(demo_url, monkeypatch), "tren"), "kategori", "tb_news")
    assert "Agenda" in [h.value for h in app.subheader]
    agenda = next(m.value for m in app.markdown if m.value.startswith("- A1."))
    assert "Juli 2024: HUT Bhayangkara ke-78" in agenda


def test_an_event_name_is_listed_as_typed_never_as_markdown(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(demo_url)
    with Session(engine) as session, session.begin():
        session.execute(
            update(Agenda)
            .where(Agenda.nama.like("HUT Bhayangkara%"))
            .values(nama="![x](https://evil.example/p.png) [Klik](https://evil.example)")
        )
    engine.dispose()
    app = choose(show(open_app(demo_url, monkeypatch), "tren"), "kategori", "tb_news")
    agenda = next(m.value for m in app.markdown if m.value.startswith("- A1."))
    assert "!\\[x\\](https://evil.example/p.png) \\[Klik\\](https://evil.example)" in agenda


def test_kepatuhan_lists_the_reminders(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "kepatuhan")
    assert app.subheader[-1].value == "Terlambat"  # December 2024's deadline passed long ago
    if app.success:
        assert "Semua satker sudah mengirim" in app.success[0].value
    else:
        assert "TERLAMBAT — laporan bulanan Desember 2024" in app.code[0].value


def test_ekspor_builds_the_deck_within_the_group_in_the_address(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "ekspor")
    app.query_params["kelompok"] = "polresta"
    app.run()
    assert app.selectbox(key="kelompok_peringkat").value == "polresta"
    assert "kelompok Polresta" in app.caption[0].value
    next(b for b in app.button if b.label == "Buat deck").click().run()
    kunci, data = app.session_state["deck"]
    assert "polresta" in kunci
    slides = list(Presentation(io.BytesIO(data)).slides)
    teks = [shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame]
    assert any("kelompok Polresta" in t for t in teks)
    # The ranking charts' bars are labelled "1. Polresta Sidoarjo".
    satker = {
        str(label).split(". ", 1)[1]
        for slide in slides
        for shape in slide.shapes
        if shape.has_chart and shape.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
        for label in shape.chart.plots[0].categories
    }
    assert satker and all(name.startswith("Polresta ") for name in satker)
