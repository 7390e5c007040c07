"""The address names the view: query parameters read and written with the command line's codes
(analytics/alamat_tampilan.py), and the review pages opened from a copied address (AppTest)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.alamat_tampilan import (
    PilihanTampilan,
    Tampilan,
    baca_satker,
    baca_tampilan,
    buat_kode,
    periksa_alamat_publik,
    susun_tautan,
)
from analytics.izin import Pelaku
from analytics.periods import parse_rentang
from db.akun import tambah_pengguna
from db.queries import cari_polda
from testdata.nasional import BULAN_TERAKHIR, generate_national
from tests.test_pages import (
    KATA_SANDI_UJI,
    PASSWORDS,
    SQLITE_ONLY,
    choose,
    ensure_account,
    log_in,
    open_app,
    show,
    table,
)

BULAN = [dt.date(2024, m, 1) for m in range(12, 0, -1)] + [dt.date(2023, 12, 1)]
PILIHAN = PilihanTampilan(["jatim", "nasional"], BULAN, {"juara_umum", "tb_news", "ipse"}, "tb_news")
BAWAAN = Tampilan("jatim", parse_rentang("2024-12"), "tb_news")


@pytest.mark.parametrize(
    ("parameter", "polda", "periode", "kategori"),
    [
        ({}, "jatim", "2024-12", "tb_news"),
        ({"polda": "nasional", "periode": "2024-05", "kategori": "ipse"}, "nasional", "2024-05", "ipse"),
        ({"periode": "2024-Q3", "kategori": "juara_umum"}, "jatim", "2024-Q3", "juara_umum"),
        ({"periode": "2024"}, "jatim", "2024", "tb_news"),
        ({"periode": "2023-12..2024-05"}, "jatim", "2023-12..2024-05", "tb_news"),
        ({"polda": "Jatim"}, "jatim", "2024-12", "tb_news"),
    ],
)
def test_an_address_names_polda_period_and_kategori(
    parameter: dict[str, str], polda: str, periode: str, kategori: str
) -> None:
    tampilan, pesan = baca_tampilan(parameter, PILIHAN)
    assert (tampilan.polda, tampilan.rentang.kode, tampilan.kategori) == (polda, periode, kategori)
    assert pesan == []


@pytest.mark.parametrize(
    ("parameter", "pesan"),
    [
        ({"polda": "jabar"}, "Polda 'jabar' pada alamat tidak tersedia untuk akun Anda; ditampilkan pilihan bawaan."),
        ({"kategori": "tiktok"}, "Kategori 'tiktok' pada alamat tidak dikenal; ditampilkan pilihan bawaan."),
        ({"periode": "Mei"}, "Periode 'Mei' pada alamat tidak dikenali; ditampilkan Desember 2024."),
        ({"periode": "2024-13"}, "Periode '2024-13' pada alamat tidak dikenali; ditampilkan Desember 2024."),
        ({"periode": "2019-05"}, "Belum ada data untuk Mei 2019; ditampilkan Desember 2024."),
        ({"periode": "2022"}, "Belum ada data untuk Tahun 2022; ditampilkan Desember 2024."),
        ({"periode": "2023-01..2024-02"}, "Belum ada data untuk Jan 2023–Feb 2024; ditampilkan Desember 2024."),
    ],
)
def test_a_parameter_this_user_may_not_see_falls_back_to_the_default(parameter: dict[str, str], pesan: str) -> None:
    sekarang = Tampilan("nasional", parse_rentang("2024-Q1"), "ipse")
    tampilan, diberitahukan = baca_tampilan(parameter, PILIHAN, sekarang)
    assert diberitahukan == [pesan]
    kunci = next(iter(parameter))
    assert getattr(tampilan, "rentang" if kunci == "periode" else kunci) == getattr(
        BAWAAN, "rentang" if kunci == "periode" else kunci
    )
    # the parameters the address did not name keep what was shown
    for lain in {"polda", "kategori"} - {kunci}:
        assert getattr(tampilan, lain) == getattr(sekarang, lain)


def test_every_bad_parameter_has_its_own_notice() -> None:
    tampilan, pesan = baca_tampilan({"polda": "x", "periode": "y", "kategori": "z"}, PILIHAN)
    assert tampilan == BAWAAN
    assert len(pesan) == 3


def test_a_written_view_reads_back_as_the_same_view() -> None:
    for kode in ("2024-05", "2024-Q3", "2024", "2024-02..2024-07"):
        tampilan = Tampilan("nasional", parse_rentang(kode), "juara_umum")
        assert baca_tampilan(tampilan.parameter, PILIHAN) == (tampilan, [])


def test_satker_is_named_by_its_name_as_a_code() -> None:
    satker = {7: "Polres Kediri Kota", 8: "Polres Kediri", 9: "Polrestabes Surabaya"}
    assert buat_kode("Polrestabes Surabaya") == "polrestabes-surabaya"
    assert baca_satker({"satker": "polres-kediri"}, satker) == (8, None)
    assert baca_satker({"satker": "Polres Kediri Kota"}, satker) == (7, None)
    assert baca_satker({}, satker) == (None, None)
    satker_id, pesan = baca_satker({"satker": "polres-mars"}, satker)
    assert satker_id is None and pesan is not None and "polres-mars" in pesan


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [
        ("", ""),
        ("  ", ""),
        ("https://humas.poldajatim.example/", "https://humas.poldajatim.example"),
        ("http://10.0.0.5:8501/dasbor/", "http://10.0.0.5:8501/dasbor"),
    ],
)
def test_the_public_address_is_checked_and_trimmed(teks: str, hasil: str) -> None:
    assert periksa_alamat_publik(teks) == hasil


@pytest.mark.parametrize(
    "teks", ["humas.poldajatim.example", "ftp://humas.example", "https://", "https://a.example/?x=1", "https://u@a.b"]
)
def test_a_public_address_that_is_not_a_server_address_is_refused(teks: str) -> None:
    with pytest.raises(ValueError, match=r"[Aa]lamat"):
        periksa_alamat_publik(teks)


def test_a_link_names_the_page_and_the_view() -> None:
    parameter = Tampilan("jatim", parse_rentang("2024-Q3"), "tb_news").parameter
    assert (
        susun_tautan("https://humas.example/dasbor/", "peringkat", parameter)
        == "https://humas.example/dasbor/peringkat?polda=jatim&periode=2024-Q3&kategori=tb_news"
    )
    assert susun_tautan("https://humas.example", "", {}) == "https://humas.example/"


# --- the pages -------------------------------------------------------------------------------


@pytest.fixture
def nasional(engine: Engine) -> Engine:
    """Four Polda with satker and reports (the national data set of test_nasional.py, smaller)."""
    generate_national(engine, satker=70, bulan=4, baris=3_000, benih=7, polda_limit=4)
    return engine


@SQLITE_ONLY
def test_a_copied_address_opens_that_view_after_the_login_form(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page address before login is covered by the browser test (AppTest cannot request one)."""
    app = open_app(demo_url, monkeypatch, username=None)
    app.query_params = {"polda": "jatim", "periode": "2024-Q3", "kategori": "tb_news"}
    app.run()
    assert [t.value for t in app.title] == ["Masuk"]
    log_in(app, "pimpinan.contoh", PASSWORDS["pimpinan.contoh"])
    assert not app.exception, [e.value for e in app.exception]
    assert [t.value for t in app.title] == ["Beranda"]
    assert app.caption[0].value == "Polda Jawa Timur · Triwulan III 2024"
    show(app, "peringkat")
    assert [t.value for t in app.title] == ["Peringkat — Terbanyak Input TB News"]
    assert app.segmented_control(key="jenis_periode").value == "triwulan"
    assert (app.selectbox(key="tahun_triwulan").value, app.selectbox(key="triwulan").value) == (2024, 3)
    assert not app.info
    assert app.query_params == {"polda": "jatim", "periode": "2024-Q3", "kategori": "tb_news"}


@SQLITE_ONLY
def test_an_address_cannot_put_a_link_or_an_image_into_the_page(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Notices repeat a value from the address only when it is a plain code: Markdown makes a link
    of "https://…" and "www.…" even when escaped."""
    app = open_app(demo_url, monkeypatch)
    for jebakan in ("![x](https://evil.example/t.png)", "https://evil.example/masuk", "www.evil.example"):
        app.query_params = {"kategori": jebakan, "kelompok": jebakan}
        show(app, "peringkat")
        kategori = [i.value for i in app.info if i.value.startswith("Kategori ")]
        kelompok = [w.value for w in app.warning if w.value.startswith("Kelompok ")]
        assert kategori == ["Kategori pada alamat tidak dikenal; ditampilkan pilihan bawaan."], jebakan
        assert kelompok == ["Kelompok di alamat halaman tidak dikenal; semua satker ditampilkan."], jebakan


@SQLITE_ONLY
def test_bad_parameters_show_the_default_view_with_a_notice(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(demo_url, monkeypatch)
    app.query_params = {"polda": "jabar", "periode": "2019-05", "kategori": "tiktok"}
    show(app, "beranda")
    pesan = [i.value for i in app.info]
    assert "Polda 'jabar' pada alamat tidak tersedia untuk akun Anda; ditampilkan pilihan bawaan." in pesan
    assert any(p.startswith("Belum ada data untuk Mei 2019; ditampilkan ") for p in pesan)
    assert "Kategori 'tiktok' pada alamat tidak dikenal; ditampilkan pilihan bawaan." in pesan
    assert [t.value for t in app.title] == ["Beranda"]
    assert app.selectbox(key="kategori").value == "link_amplifikasi"
    assert app.query_params["polda"] == "jatim" and app.query_params["kategori"] == "link_amplifikasi"
    # the notice is shown once, not on every click after
    choose(app, "kategori", "ipse")
    assert not app.info


@SQLITE_ONLY
def test_changing_a_filter_changes_the_address_and_it_survives_moving_between_pages(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = show(open_app(demo_url, monkeypatch), "peringkat")
    bulan = app.selectbox(key="bulan").value
    assert app.query_params == {"polda": "jatim", "periode": f"{bulan:%Y-%m}", "kategori": "link_amplifikasi"}
    choose(app, "jenis_periode", "tahun")
    choose(app, "kategori", "juara_umum")
    assert app.query_params == {"polda": "jatim", "periode": str(bulan.year), "kategori": "juara_umum"}
    app.query_params = {}  # a menu link carries no parameters: the filters stay
    show(app, "tren")
    assert app.query_params == {"polda": "jatim", "periode": str(bulan.year), "kategori": "juara_umum"}


@SQLITE_ONLY
def test_profil_satker_names_its_satker_in_the_address(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(demo_url, monkeypatch)
    app.query_params = {"periode": "2024", "satker": "polres-kediri-kota"}
    show(app, "profil_satker")
    assert app.caption[0].value == "Polres Kediri Kota · Polda Jawa Timur · Tahun 2024"
    assert app.query_params["satker"] == "polres-kediri-kota"
    pertama = app.selectbox(key="profil_satker").options[0]
    app.query_params = {**app.query_params, "satker": "polres-atlantis"}
    show(app, "profil_satker")
    assert [i.value for i in app.info] == [
        "Satker 'polres-atlantis' pada alamat tidak ada di Polda dan periode ini; ditampilkan satker pertama."
    ]
    assert app.caption[0].value.startswith(f"{pertama} · ")


@SQLITE_ONLY
def test_ekspor_starts_with_the_view_of_the_address(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(demo_url, monkeypatch)
    app.query_params = {"periode": "2024-Q2", "kategori": "tb_news"}
    show(app, "ekspor")
    assert app.caption[0].value == "Polda Jawa Timur · Triwulan II 2024"
    assert app.selectbox(key="ekspor_grafik").value == "tb_news"


@SQLITE_ONLY
def test_an_address_naming_only_the_period_keeps_the_kategori_shown(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = choose(show(open_app(demo_url, monkeypatch), "peringkat"), "kategori", "ipse")
    app.query_params = {"periode": "2024-05"}
    app.run()
    assert [t.value for t in app.title] == ["Peringkat — Terbanyak IPSE"]
    assert app.query_params == {"polda": "jatim", "periode": "2024-05", "kategori": "ipse"}


@SQLITE_ONLY
def test_a_polda_bound_user_given_another_or_an_unknown_polda_stays_on_their_own(
    nasional: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user bound to one Polda is offered only that Polda (``polda_choices``); an address naming
    another Polda or an unknown code falls back to it with a notice: the address never widens it."""
    url = nasional.url.render_as_string(hide_password=False)
    with Session(nasional) as session:
        aceh = cari_polda(session, "Aceh")
        tambah_pengguna(session, Pelaku.baris_perintah(), "pimpinan.aceh", KATA_SANDI_UJI, "pimpinan", polda_id=aceh)
        session.commit()
    app = open_app(url, monkeypatch, "pimpinan.aceh")
    for kode in ("jatim", "papua-tengah-x"):
        app.query_params = {"polda": kode, "kategori": "ipse"}
        show(app, "peringkat")
        assert [i.value for i in app.info] == [
            f"Polda '{kode}' pada alamat tidak tersedia untuk akun Anda; ditampilkan pilihan bawaan."
        ]
        assert app.selectbox(key="polda").options == ["Polda Aceh"]
        assert app.selectbox(key="polda").value == aceh
        assert [t.value for t in app.title] == ["Peringkat — Terbanyak IPSE"]
        assert app.query_params["polda"] == "aceh"


@SQLITE_ONLY
def test_a_national_user_opens_another_polda_and_the_comparison_by_address(
    nasional: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = nasional.url.render_as_string(hide_password=False)
    ensure_account(url, "pimpinan.nasional", "pimpinan")
    with Session(nasional) as session:
        jatim = cari_polda(session, "Jatim")
    app = open_app(url, monkeypatch, "pimpinan.nasional")
    app.query_params = {"polda": "jatim", "periode": f"{BULAN_TERAKHIR:%Y-%m}", "kategori": "tb_news"}
    show(app, "peringkat")
    assert not app.info
    assert app.selectbox(key="polda").value == jatim
    app.query_params = {"polda": "nasional", "periode": f"{BULAN_TERAKHIR:%Y-%m}", "kategori": "ipse"}
    show(app, "perbandingan_polda")
    assert not app.info
    assert app.selectbox(key="polda").value is None
    assert app.selectbox(key="kategori").value == "ipse"
    assert [row["Peringkat"] for row in table(app)] == [1, 2, 3, 4]
