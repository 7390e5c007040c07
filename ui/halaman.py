"""The app's pages as plain data, in menu order.

The router (dashboard.py) builds its Streamlit pages from this list and the tests read the same
list, so a page added here is in the menu, behind its permission, and in the page smoke tests
at once. No Streamlit here, so the tests can import it without running the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from analytics.izin import Aksi


@dataclass(frozen=True)
class Halaman:
    """One page: its file, menu title and icon, menu section, the action a role needs to open it
    (None: every logged-in user), and whether it reads the sidebar filters."""

    berkas: str
    judul: str
    ikon: str
    bagian: str
    aksi: Aksi | None
    pakai_filter: bool = False
    hanya_nasional: bool = False
    """Only for national users, and only when the database holds more than one Polda."""
    bawaan: bool = False
    """The page at the app's root address."""

    @property
    def nama(self) -> str:
        """The file's name without ``.py`` (``beranda``), as the tests refer to a page."""
        return PurePosixPath(self.berkas).stem


HALAMAN: tuple[Halaman, ...] = (
    Halaman("pages/beranda.py", "Beranda", ":material/home:", "Tinjauan", "lihat_peringkat", True, bawaan=True),
    Halaman("pages/peringkat.py", "Peringkat", ":material/leaderboard:", "Tinjauan", "lihat_peringkat", True),
    Halaman("pages/tren.py", "Tren", ":material/show_chart:", "Tinjauan", "lihat_peringkat", True),
    Halaman(
        "pages/profil_satker.py", "Profil Satker", ":material/account_balance:", "Tinjauan", "lihat_peringkat", True
    ),
    Halaman("pages/kepatuhan.py", "Kepatuhan", ":material/schedule:", "Tinjauan", "lihat_peringkat", True),
    Halaman(
        "pages/perbandingan_polda.py",
        "Perbandingan Polda",
        ":material/compare_arrows:",
        "Tinjauan",
        "lihat_peringkat",
        True,
        hanya_nasional=True,
    ),
    Halaman("pages/unggah.py", "Unggah Laporan", ":material/upload_file:", "Laporan", "unggah_laporan"),
    Halaman("pages/ekspor.py", "Ekspor", ":material/download:", "Laporan", "ekspor", True),
    Halaman("pages/admin_pengguna.py", "Pengguna", ":material/group:", "Admin", "kelola_pengguna"),
    Halaman("pages/admin_satker.py", "Satker dan Kategori", ":material/domain:", "Admin", "kelola_satker"),
    Halaman("pages/admin_pengaturan.py", "Pengaturan", ":material/tune:", "Admin", "ubah_pengaturan"),
    Halaman("pages/admin_target.py", "Target dan Kelompok", ":material/flag:", "Admin", "ubah_pengaturan"),
    Halaman("pages/admin_audit.py", "Log Audit", ":material/history:", "Admin", "lihat_audit"),
    Halaman("pages/akun.py", "Akun Saya", ":material/person:", "Akun", None),
)

MASUK = Halaman("pages/masuk.py", "Masuk", ":material/login:", "", None, bawaan=True)
"""The login form: the only page before logging in, at every page's address."""
