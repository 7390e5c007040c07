"""The dashboard's pages rendered with Streamlit's AppTest on real databases.

What a page shows is compared with what ``build_rankings`` and the ``db`` queries return for the
same filters (a session on the same database URL), and the key numbers also with counts made
straight from the activity rows and report times. Beranda has its own file, test_beranda.py.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
from pptx import Presentation
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from analytics.angka import format_angka
from analytics.izin import Pelaku, Peran
from analytics.kategori import JUARA_UMUM
from analytics.periods import Rentang, month_label, rentang_bulan, rentang_tahun
from db.akun import cari_pengguna, tambah_pengguna
from db.engine import PROJECT_DIR, make_engine
from db.models import Aktivitas, Laporan, Satker
from db.pengaturan import BatasWaktu
from db.queries import list_kategori, satker_names_at
from db.queries_satker import riwayat_laporan
from db.reference import find_satker
from etl.demo import AKUN_CONTOH, KATA_SANDI_CONTOH
from services.peringkat import HasilPeringkat, build_rankings
from ui.halaman import HALAMAN

DESEMBER_2024 = dt.date(2024, 12, 1)
JANUARI_2024 = dt.date(2024, 1, 1)
JULI_2024 = dt.date(2024, 7, 1)
SEPTEMBER_2024 = dt.date(2024, 9, 1)
JUMLAH_SATKER = 39
PENALTI_JAM = 720.0
LABEL_STATUS = {
    "tepat_waktu": "Tepat waktu",
    "terlambat": "Terlambat",
    "belum_melapor": "Tidak melapor",
    "menunggu": "Belum melapor (batas waktu belum lewat)",
}
TITLE_SHOWN = {"peringkat": "Peringkat — Terbanyak Link Amplifikasi", "kepatuhan": "Kepatuhan laporan"}
"""The title a page shows when it differs from its menu title (the registry's)."""
ALL_TITLES = {h.nama: TITLE_SHOWN.get(h.nama, h.judul) for h in HALAMAN if not h.hanya_nasional}
"""Every page of the router's registry that the demo data opens (one Polda: no Perbandingan Polda),
so a new page is tested without being listed here."""
TITLES = {h.nama: ALL_TITLES[h.nama] for h in HALAMAN if h.pakai_filter and not h.hanya_nasional}
"""The pages that read the sidebar filters."""
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
KATA_SANDI_UJI = "kata-sandi-uji-1"
PASSWORDS = {username: KATA_SANDI_CONTOH[peran] for username, peran, _, _ in AKUN_CONTOH}
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


# --- the app -------------------------------------------------------------------------------


def _run_the_router_on_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make AppTest run dashboard.py (banner, sidebar filters, st.navigation) on every page.

    Because the project has a ``pages/`` folder, Streamlit starts in its legacy multipage mode and
    runs a requested page file on its own; the first ``st.navigation`` call switches that off for
    the process. AppTest resets the switch before every run, so after ``switch_page`` it would run
    ``pages/x.py`` without the router: no banner, no sidebar widgets, and the ``filter`` left in
    session state by an earlier run. Switch it off again whenever AppTest builds its PagesManager.
    """
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def open_app(url: str, monkeypatch: pytest.MonkeyPatch, username: str | None = "admin.contoh") -> AppTest:
    """The app on the database at ``url``, logged in as ``username`` (a demo account, or one made
    with :func:`ensure_account`; None: not logged in), after its first run (Beranda)."""
    monkeypatch.setenv("HUMAS_DATABASE_URL", url)
    _run_the_router_on_every_page(monkeypatch)
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=60).run()
    if username is not None:
        log_in(app, username, PASSWORDS.get(username, KATA_SANDI_UJI))
    assert not app.exception, [e.value for e in app.exception]
    return app


def log_in(app: AppTest, username: str, password: str) -> AppTest:
    """Fill the login form as a user would and submit it."""
    app.text_input(key="masuk_username").input(username)
    app.text_input(key="masuk_sandi").input(password)
    app.button[0].click().run()
    return app


def ensure_account(url: str, username: str, peran: Peran = "admin", satker: str | None = None) -> None:
    """An account with the test password on the database at ``url`` (made once)."""
    with session_on(url) as session, session.begin():
        if cari_pengguna(session, username) is None:
            satker_id = find_satker(session, satker).id if satker else None
            tambah_pengguna(session, Pelaku.baris_perintah(), username, KATA_SANDI_UJI, peran, satker_id=satker_id)


def show(app: AppTest, page: str) -> AppTest:
    app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def choose(app: AppTest, key: str, value: object) -> AppTest:
    """Set a selectbox (or the Periode segmented control) and rerun."""
    widget = app.segmented_control(key=key) if key == "jenis_periode" else app.selectbox(key=key)
    widget.set_value(value).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def table(app: AppTest, index: int = 0) -> list[dict[str, object]]:
    return app.dataframe[index].value.to_dict("records")


def charts(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def shown_rows(app: AppTest) -> list[tuple[int, str, str]]:
    """(Peringkat, Satker, Nilai) of the Peringkat page's table."""
    return [(int(row["Peringkat"]), row["Satker"], row["Nilai"]) for row in table(app)]


# --- the same numbers from the database ------------------------------------------------------


@contextmanager
def session_on(url: str) -> Iterator[Session]:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def rankings(url: str, polda_id: int, rentang: Rentang) -> HasilPeringkat:
    with session_on(url) as session:
        return build_rankings(session, polda_id, rentang)


def formatted(hasil: HasilPeringkat, kode: str) -> list[tuple[int, str, str]]:
    """The ranking as the page must write it: '1.234', '12,5 jam', '80,79 poin'."""
    suffix, decimals = {"kecepatan_laporan": (" jam", 1), JUARA_UMUM: (" poin", 2)}.get(kode, ("", 0))
    return [(row.rank, row.satker, format_angka(row.value, decimals) + suffix) for row in hasil.baris(kode)]


def satker_of(session: Session, polda_id: int | None, tanggal: dt.date) -> dict[int, str]:
    """Active satker of the Polda (of every Polda for None): id → name in force on ``tanggal``."""
    names = satker_names_at(session, tanggal)
    query = select(Satker.id).where(Satker.aktif.is_(True))
    ids = session.scalars(query if polda_id is None else query.where(Satker.polda_id == polda_id))
    return {satker_id: names[satker_id] for satker_id in ids}


def activity_counts(session: Session, polda_id: int | None, rentang: Rentang) -> dict[str, dict[int, int]]:
    """kategori → satker id → activity rows of the active report versions in the period."""
    satker = satker_of(session, polda_id, rentang.akhir)
    counts: dict[str, dict[int, int]] = defaultdict(lambda: dict.fromkeys(satker, 0))
    for satker_id, kode, n in session.execute(
        select(Aktivitas.satker_id, Aktivitas.kategori_kode, func.count())
        .join(Laporan, Laporan.id == Aktivitas.laporan_id)
        .where(Laporan.status == "aktif", Aktivitas.periode.between(rentang.awal, rentang.akhir))
        .group_by(Aktivitas.satker_id, Aktivitas.kategori_kode)
    ):
        if satker_id in satker:
            counts[kode][satker_id] += n
    return counts


def first_upload(session: Session, periode: dt.date) -> dict[int, dt.datetime]:
    """satker id → when version 1 of its report for ``periode`` arrived."""
    return dict(
        session.execute(
            select(Laporan.satker_id, Laporan.dikirim_pada).where(Laporan.periode == periode, Laporan.versi == 1)
        ).all()
    )


def hours_late(periode: dt.date, sent: dt.datetime) -> float:
    """Hours from midnight WIB ending the month to the upload, at least 0."""
    next_month = (periode.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    month_end = dt.datetime.combine(next_month, dt.time(0), tzinfo=ZoneInfo("Asia/Jakarta"))
    return max(0.0, round((sent - month_end).total_seconds() / 3600, 2))


def brute_force_ranking(
    values: dict[int, float], names: dict[int, str], lower_is_better: bool = False
) -> list[tuple[int, str, float]]:
    """(rank, satker, value): ties share a rank and skip the next ("1, 2, 2, 4"), ordered by name."""
    ordered = sorted(values.items(), key=lambda item: (item[1] if lower_is_better else -item[1], names[item[0]]))
    return [
        (
            1 + sum(1 for other in values.values() if (other < value if lower_is_better else other > value)),
            names[sid],
            value,
        )
        for sid, value in ordered
    ]


def brute_force_status(session: Session, polda_id: int, periode: dt.date) -> dict[str, str]:
    """satker name → compliance status of its report for ``periode`` against the default deadline
    (tanggal 5 of the next month, 23.59 WIB)."""
    deadline = BatasWaktu().untuk(periode)
    now = dt.datetime.now(dt.UTC)
    sent = first_upload(session, periode)
    status = {}
    for satker_id, nama in satker_of(session, polda_id, periode).items():
        if satker_id not in sent:
            status[nama] = "belum_melapor" if now > deadline else "menunggu"
        else:
            status[nama] = "tepat_waktu" if sent[satker_id] <= deadline else "terlambat"
    return status


def status_metrics(app: AppTest) -> dict[str, int]:
    """The four compliance metrics (label → number) shown on the page."""
    return {m.label: int(m.value.replace(".", "")) for m in app.metric if m.label in LABEL_STATUS.values()}


# --- every page ----------------------------------------------------------------------------


@pytest.mark.parametrize("page", list(TITLES))
def test_every_page_renders_on_demo_data(demo_url: str, page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), page)
    assert [t.value for t in app.title] == [TITLES[page]]
    assert any("DATA CONTOH" in w.value for w in app.warning)
    assert [w.key for w in app.sidebar.selectbox] == ["polda", "bulan", "kategori"]
    assert app.sidebar.segmented_control(key="jenis_periode").value == "bulan"


def test_periode_control_cannot_be_left_without_a_choice(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty value (a deselect, or a click sent before the browser applied the seeded choice)
    puts the control back on "Bulan", so the highlighted choice is the one the page shows."""
    app = choose(
        choose(show(open_app(demo_url, monkeypatch), "peringkat"), "jenis_periode", "tahun"), "jenis_periode", None
    )
    control = app.sidebar.segmented_control(key="jenis_periode")
    assert control.value == "bulan" and control.proto.required
    assert [w.key for w in app.sidebar.selectbox] == ["polda", "bulan", "kategori"]


def test_every_page_explains_how_to_load_an_empty_database(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    url = engine.url.render_as_string(hide_password=False)
    ensure_account(url, "admin.uji")
    app = open_app(url, monkeypatch, "admin.uji")
    for page in TITLES:
        show(app, page)
        assert [i.value for i in app.info] and "Belum ada laporan" in app.info[0].value, page
        assert "python -m etl load" in app.info[0].value
        assert not app.title and not app.dataframe and not app.metric, page
        assert not any("DATA CONTOH" in w.value for w in app.warning)
        assert not app.sidebar.selectbox


def test_unreachable_database_shows_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app("postgresql+psycopg://humas:rahasia@127.0.0.1:9/humas", monkeypatch, username=None)
    assert "tidak dapat dibuka" in app.error[0].value
    assert "rahasia" not in app.error[0].value


# --- Peringkat (both backends) -------------------------------------------------------------


def test_peringkat_shows_the_newest_month_of_link_amplifikasi(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "peringkat")
    polda_id = app.selectbox(key="polda").value
    assert app.selectbox(key="bulan").value == DESEMBER_2024
    assert app.selectbox(key="kategori").value == "link_amplifikasi"
    hasil = rankings(demo_url, polda_id, rentang_bulan(DESEMBER_2024))
    expected = formatted(hasil, "link_amplifikasi")
    assert len(expected) == JUMLAH_SATKER
    assert shown_rows(app) == expected

    with session_on(demo_url) as session:
        names = satker_of(session, polda_id, DESEMBER_2024)
        counts = activity_counts(session, polda_id, rentang_bulan(DESEMBER_2024))["link_amplifikasi"]
    assert [
        (rank, satker, format_angka(value)) for rank, satker, value in brute_force_ranking(counts, names)
    ] == expected

    assert "Polda Jawa Timur · Desember 2024 · gerak dibandingkan November 2024" in app.caption[0].value
    assert [b.label for b in app.get("download_button")] == ["Unduh CSV", "Unduh XLSX"]
    [chart] = charts(app)
    assert chart["data"][0]["y"][-1] == f"1. {expected[0][1]}"

    whatsapp = app.code[0].value
    top = hasil.baris("link_amplifikasi")[0]
    assert "*Peringkat Kinerja Humas Polda Jawa Timur*\n*Desember 2024*" in whatsapp
    assert f"1. {top.satker} — {format_angka(top.value)}" in whatsapp
    assert "*Terbanyak Link Amplifikasi*" in whatsapp and "*Terbanyak IPSE*" not in whatsapp


def test_peringkat_of_kecepatan_shows_hours_and_the_penalty(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """July 2024: two satker sent nothing and are ranked last with the penalty."""
    app = choose(
        choose(show(open_app(demo_url, monkeypatch), "peringkat"), "bulan", JULI_2024), "kategori", "kecepatan_laporan"
    )
    polda_id = app.selectbox(key="polda").value
    assert app.title[0].value == "Peringkat — Kecepatan Pengiriman Laporan Bulanan"
    rows = shown_rows(app)
    assert all(nilai.endswith(" jam") for _, _, nilai in rows)
    assert rows == formatted(rankings(demo_url, polda_id, rentang_bulan(JULI_2024)), "kecepatan_laporan")

    with session_on(demo_url) as session:
        names = satker_of(session, polda_id, JULI_2024)
        sent = first_upload(session, JULI_2024)
    hours = {sid: hours_late(JULI_2024, sent[sid]) for sid in names if sid in sent}
    penalty = max(PENALTI_JAM, *hours.values())
    values = {sid: hours.get(sid, penalty) for sid in names}
    assert len(values) - len(hours) == 2
    expected = [
        (rank, satker, f"{format_angka(value, 1)} jam")
        for rank, satker, value in brute_force_ranking(values, names, lower_is_better=True)
    ]
    assert rows == expected
    assert rows[-1][2] == f"{format_angka(penalty, 1)} jam"

    note = next(c.value for c in app.caption if "lebih kecil lebih baik" in c.value)
    assert "Bulan tanpa laporan dihitung 720 jam" in note
    flags = [row["Tanda"] for row in table(app)]
    assert flags.count("1 bulan tanpa laporan (dihitung 720 jam)") == 2


def test_peringkat_of_juara_umum_explains_the_method(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = choose(show(open_app(demo_url, monkeypatch), "peringkat"), "kategori", JUARA_UMUM)
    polda_id = app.selectbox(key="polda").value
    assert app.title[0].value == "Peringkat — Juara Umum (gabungan 10 kategori)"
    [expander] = app.expander
    assert expander.label == "Cara menghitung Juara Umum"
    assert "100 × (N − peringkat) / (N − 1)" in expander.markdown[0].value
    assert shown_rows(app) == formatted(rankings(demo_url, polda_id, rentang_bulan(DESEMBER_2024)), JUARA_UMUM)
    assert len(shown_rows(app)) == JUMLAH_SATKER


def test_peringkat_for_a_year_sums_the_months(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = choose(show(open_app(demo_url, monkeypatch), "peringkat"), "jenis_periode", "tahun")
    app = choose(app, "tahun", 2024)
    polda_id = app.selectbox(key="polda").value
    assert "Polda Jawa Timur · Tahun 2024 · gerak dibandingkan Tahun 2023" in app.caption[0].value
    tahun = rentang_tahun(2024)
    expected = formatted(rankings(demo_url, polda_id, tahun), "link_amplifikasi")
    assert shown_rows(app) == expected
    with session_on(demo_url) as session:
        names = satker_of(session, polda_id, tahun.akhir)
        counts = activity_counts(session, polda_id, tahun)["link_amplifikasi"]
        december = activity_counts(session, polda_id, rentang_bulan(DESEMBER_2024))["link_amplifikasi"]
    assert [
        (rank, satker, format_angka(value)) for rank, satker, value in brute_force_ranking(counts, names)
    ] == expected
    assert sum(counts.values()) > 5 * sum(december.values())
    assert "*Tahun 2024*" in app.code[0].value


# --- Tren ----------------------------------------------------------------------------------


@SQLITE_ONLY
def test_tren_asks_for_a_kategori_under_juara_umum(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = choose(show(open_app(demo_url, monkeypatch), "tren"), "kategori", JUARA_UMUM)
    assert "Pilih salah satu dari sepuluh kategori" in app.info[0].value
    assert not charts(app) and not app.multiselect


@SQLITE_ONLY
def test_tren_starts_with_the_top_five_and_draws_their_months(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(choose(open_app(demo_url, monkeypatch), "kategori", "ipse"), "tren")
    polda_id = app.selectbox(key="polda").value
    top_five = [row.satker_id for row in rankings(demo_url, polda_id, rentang_bulan(DESEMBER_2024)).baris("ipse")[:5]]
    [satker] = app.multiselect
    assert satker.value == top_five
    assert "Terbanyak IPSE · Tahun 2024 (12 bulan sampai akhir periode yang dipilih)" in app.caption[0].value

    lines, bump, totals = charts(app)
    with session_on(demo_url) as session:
        names = satker_of(session, polda_id, DESEMBER_2024)
        months = rentang_tahun(2024).bulan
        monthly = [activity_counts(session, polda_id, rentang_bulan(m))["ipse"] for m in months]
        reported = set(
            session.execute(select(Laporan.satker_id, Laporan.periode).where(Laporan.status == "aktif")).all()
        )
    assert [trace["name"] for trace in lines["data"]] == [names[sid] for sid in top_five]
    for trace, sid in zip(lines["data"], top_five, strict=True):
        # A month without a report is a gap in the line, not a 0.
        assert trace["y"] == [
            counts[sid] if (sid, m) in reported else None for m, counts in zip(months, monthly, strict=True)
        ]
    assert any(None in trace["y"] for trace in lines["data"])
    assert [trace["name"] for trace in bump["data"]] == [names[sid] for sid in top_five]
    assert totals["data"][0]["y"] == [sum(month.values()) for month in monthly]
    assert totals["layout"]["title"]["text"] == "Total Polda Jawa Timur per bulan"


@SQLITE_ONLY
def test_tren_follows_the_kategori_chosen_while_on_the_page(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lines start at the top five of the kategori shown, not of the one shown before."""
    app = show(open_app(demo_url, monkeypatch), "tren")
    polda_id = app.selectbox(key="polda").value
    hasil = rankings(demo_url, polda_id, rentang_bulan(DESEMBER_2024))
    assert app.multiselect[0].value == [row.satker_id for row in hasil.baris("link_amplifikasi")[:5]]
    choose(app, "kategori", "ipse")
    assert app.multiselect[0].value == [row.satker_id for row in hasil.baris("ipse")[:5]]


# --- Profil Satker -------------------------------------------------------------------------


@SQLITE_ONLY
def test_profil_satker_matches_rankings_reports_and_activity_rows(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Polres Kediri Kota in 2024: its January and August reports were each sent twice."""
    app = choose(choose(open_app(demo_url, monkeypatch), "jenis_periode", "tahun"), "tahun", 2024)
    show(app, "profil_satker")
    polda_id = app.selectbox(key="polda").value
    tahun = rentang_tahun(2024)
    with session_on(demo_url) as session:
        satker_id = next(
            sid for sid, nama in satker_of(session, polda_id, tahun.akhir).items() if nama == "Polres Kediri Kota"
        )
        kategori = list_kategori(session)
        versions = riwayat_laporan(session, satker_id, tahun)
        reports = session.execute(
            select(Laporan.periode, Laporan.versi, Laporan.status)
            .where(Laporan.satker_id == satker_id, Laporan.periode.between(tahun.awal, tahun.akhir))
            .order_by(Laporan.periode.desc(), Laporan.versi.desc())
        ).all()
        january = activity_counts(session, polda_id, rentang_bulan(JANUARI_2024))["ipse"][satker_id]
        year = activity_counts(session, polda_id, tahun)["ipse"][satker_id]
    choose(app, "profil_satker", satker_id)
    assert app.caption[0].value == "Polres Kediri Kota · Polda Jawa Timur · Tahun 2024"

    hasil = rankings(demo_url, polda_id, tahun)
    expected = []
    for info in kategori:
        baris = hasil.baris(info.kode)
        row = next(r for r in baris if r.satker_id == satker_id)
        nilai = format_angka(row.value, 1) + " jam" if info.kode == "kecepatan_laporan" else format_angka(row.value)
        expected.append((info.label, nilai, f"{row.rank} dari {JUMLAH_SATKER}"))
    assert [(r["Kategori"], r["Nilai"], r["Peringkat"]) for r in table(app, 0)] == expected

    shown_versions = table(app, 2)
    assert len(shown_versions) == len(versions) == len(reports)
    assert [r["Status"] for r in shown_versions].count("digantikan") == 2
    assert [(r["Periode"], r["Versi"], r["Status"]) for r in shown_versions] == [
        (month_label(periode), versi, "aktif" if status == "aktif" else "digantikan")
        for periode, versi, status in reports
    ]
    assert [r["Baris kegiatan"] for r in shown_versions] == [v.jumlah_baris for v in versions]

    choose(choose(app, "bukti_kategori", "ipse"), "bukti_bulan", JANUARI_2024)
    evidence = table(app, 3)
    january_rank = next(
        r for r in rankings(demo_url, polda_id, rentang_bulan(JANUARI_2024)).baris("ipse") if r.satker_id == satker_id
    )
    assert len(evidence) == january_rank.value == january > 0
    assert all("(v2)" in row["Berkas"] for row in evidence)
    assert (
        f"{format_angka(january)} baris kegiatan dari versi laporan yang aktif (Januari 2024)" in app.caption[-1].value
    )

    choose(app, "bukti_bulan", None)
    year_row = next(r for r in hasil.baris("ipse") if r.satker_id == satker_id)
    assert len(table(app, 3)) == year_row.value == year


# --- Kepatuhan -----------------------------------------------------------------------------


@SQLITE_ONLY
def test_kepatuhan_classifies_every_satker_against_the_deadline(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(choose(open_app(demo_url, monkeypatch), "bulan", JULI_2024), "kepatuhan")
    polda_id = app.selectbox(key="polda").value
    assert app.selectbox(key="kepatuhan_bulan").options == ["Juli 2024"]
    assert "laporan Juli 2024 · batas waktu 05-08-2024 23.59 WIB" in app.caption[0].value
    _assert_compliance(app, demo_url, polda_id, JULI_2024)

    # A year: the page's own month selectbox lists its months newest first and keeps the month shown.
    choose(choose(app, "jenis_periode", "tahun"), "tahun", 2024)
    assert app.selectbox(key="kepatuhan_bulan").options[0] == "Desember 2024"
    assert app.selectbox(key="kepatuhan_bulan").value == JULI_2024
    choose(app, "kepatuhan_bulan", SEPTEMBER_2024)
    assert "laporan September 2024 · batas waktu 05-10-2024 23.59 WIB" in app.caption[0].value
    _assert_compliance(app, demo_url, polda_id, SEPTEMBER_2024)


def _assert_compliance(app: AppTest, url: str, polda_id: int, periode: dt.date) -> None:
    with session_on(url) as session:
        expected = brute_force_status(session, polda_id, periode)
    counts = Counter(expected.values())
    shown = status_metrics(app)
    assert shown == {LABEL_STATUS[kode]: counts.get(kode, 0) for kode in LABEL_STATUS}
    assert sum(shown.values()) == JUMLAH_SATKER
    assert shown["Tidak melapor"] > 0 and shown["Terlambat"] > 0
    rows = table(app)
    assert {row["Satker"]: row["Status"] for row in rows} == {nama: LABEL_STATUS[s] for nama, s in expected.items()}
    assert [row["Status"] for row in rows[: shown["Tidak melapor"]]] == ["Tidak melapor"] * shown["Tidak melapor"]


# --- Ekspor ---------------------------------------------------------------------------------


def test_ekspor_previews_the_slides_and_builds_the_deck_of_the_period(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = show(choose(choose(open_app(demo_url, monkeypatch), "jenis_periode", "tahun"), "tahun", 2024), "ekspor")
    app.multiselect(key="ekspor_kategori").set_value(["ipse", JUARA_UMUM]).run()
    app.number_input(key="ekspor_top").set_value(5).run()
    assert "Isi deck: 7 slide" in app.expander[0].label
    assert any("4. Terbanyak IPSE\n5. Juara Umum" in m.value for m in app.markdown)
    assert not [b for b in app.get("download_button") if b.label == "Unduh deck (.pptx)"]

    app.button[0].click().run()
    assert not app.exception
    assert "Unduh deck (.pptx)" in [b.label for b in app.get("download_button")]
    deck = Presentation(io.BytesIO(app.session_state["deck"][1]))
    assert len(deck.slides) == 7
    polda_id = app.selectbox(key="polda").value
    top = rankings(demo_url, polda_id, rentang_tahun(2024)).baris("ipse")[:5]
    [chart] = [shape.chart for shape in deck.slides[3].shapes if shape.has_chart]
    assert chart.series[0].name == "Terbanyak IPSE"
    assert list(chart.series[0].values) == [row.value for row in top]


@SQLITE_ONLY
def test_ekspor_forgets_a_built_deck_when_the_choices_change(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "ekspor")
    app.button[0].click().run()
    assert "Unduh deck (.pptx)" in [b.label for b in app.get("download_button")]
    app.number_input(key="ekspor_top").set_value(3).run()
    assert "Unduh deck (.pptx)" not in [b.label for b in app.get("download_button")]


@SQLITE_ONLY
def test_ekspor_says_when_the_template_is_not_a_presentation(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "ekspor")
    app.file_uploader(key="ekspor_templat").set_value(("templat.pptx", b"bukan pptx", PPTX)).run()
    app.button[0].click().run()
    assert any("bukan berkas PowerPoint" in e.value for e in app.error)
    assert "Unduh deck (.pptx)" not in [b.label for b in app.get("download_button")]


@SQLITE_ONLY
def test_ekspor_offers_the_ranking_workbook_with_a_sheet_per_kategori(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = show(open_app(demo_url, monkeypatch), "ekspor")
    app.multiselect(key="ekspor_kategori").set_value(["tb_news", "kecepatan_laporan"]).run()
    assert "Unduh tabel peringkat (.xlsx)" in [b.label for b in app.get("download_button")]
    assert [o for o in app.selectbox(key="ekspor_grafik").options] == [
        "Terbanyak Input TB News",
        "Kecepatan Pengiriman Laporan Bulanan",
    ]


@SQLITE_ONLY
def test_ekspor_asks_for_a_kategori_when_none_is_chosen(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "ekspor")
    app.multiselect(key="ekspor_kategori").set_value([]).run()
    assert app.info[0].value == "Pilih setidaknya satu kategori."
    assert not app.get("download_button")
