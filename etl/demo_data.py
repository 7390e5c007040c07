"""A realistic synthetic data set (DATA CONTOH) generated from a fixed seed.

Pure: takes satker names and a seed, returns reports with their activity rows. What makes it
realistic enough to review rankings on:

- heavy-tailed counts (gamma-Poisson), each satker strong in some kategori and weak in others;
- a slow upward trend, peaks around the 2024 general election (14 Feb) and Pilkada (27 Nov);
- reports that arrive fast, late or not at all, and some corrected by a second version;
- activity rows with a date inside the month, a title and a plausible URL per platform.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from dataclasses import dataclass, field

import numpy as np

from analytics.periods import month_end_utc, month_range, next_month

DEMO_SEED = 20240626
DEMO_FIRST_MONTH = dt.date(2023, 1, 1)
DEMO_LAST_MONTH = dt.date(2024, 12, 1)
DEMO_FILE_PREFIX = "DATA-CONTOH"

# Mean activities per satker and month for an average satker, before seasonality.
BASE_MEAN = {
    "link_amplifikasi": 24.0,
    "amplifikasi_narasi_positif": 15.0,
    "narasi_berita_positif": 6.0,
    "input_portal_humas": 9.0,
    "ipse": 4.0,
    "trending_topik": 2.0,
    "tb_news": 11.0,
    "spit_raw_data": 7.0,
    "spit_konten": 4.5,
}
PLATFORMS = {
    "link_amplifikasi": (("Instagram", 0.35), ("Facebook", 0.25), ("TikTok", 0.2), ("X", 0.12), ("YouTube", 0.08)),
    "amplifikasi_narasi_positif": (("Instagram", 0.3), ("Facebook", 0.3), ("X", 0.2), ("TikTok", 0.2)),
    "narasi_berita_positif": (("Website", 0.6), ("WhatsApp", 0.4)),
    "input_portal_humas": (("Website", 1.0),),
    "ipse": (("Lainnya", 1.0),),
    "trending_topik": (("X", 0.7), ("TikTok", 0.3)),
    "tb_news": (("Website", 1.0),),
    "spit_raw_data": (("Lainnya", 1.0),),
    "spit_konten": (("Lainnya", 0.5), ("Instagram", 0.25), ("YouTube", 0.25)),
}
# Seasonality: campaigns around the 2024 election and Pilkada.
MONTH_FACTOR = {
    dt.date(2023, 12, 1): 1.15,
    dt.date(2024, 1, 1): 1.35,
    dt.date(2024, 2, 1): 1.9,
    dt.date(2024, 3, 1): 1.2,
    dt.date(2024, 9, 1): 1.1,
    dt.date(2024, 10, 1): 1.3,
    dt.date(2024, 11, 1): 1.8,
    dt.date(2024, 12, 1): 1.2,
}
TITLES = (
    "Patroli dialogis Sat Samapta di {wilayah}",
    "Imbauan kamtibmas kepada warga {wilayah}",
    "Jumat Curhat bersama tokoh masyarakat {wilayah}",
    "Pengamanan ibadah dan kegiatan warga {wilayah}",
    "Bakti sosial Polri untuk masyarakat {wilayah}",
    "Sosialisasi penerimaan anggota Polri di {wilayah}",
    "Pelayanan SIM keliling di {wilayah}",
    "Ungkap kasus narkoba oleh Satresnarkoba {satker}",
    "Operasi Keselamatan Semeru di {wilayah}",
    "Polisi Sahabat Anak di sekolah {wilayah}",
)
ELECTION_TITLES = (
    "Cooling system jelang Pemilu 2024 di {wilayah}",
    "Pengamanan tahapan Pemilu 2024 oleh {satker}",
    "Ajakan pemilu damai dari {satker}",
)
PILKADA_TITLES = (
    "Pengamanan kampanye Pilkada serentak di {wilayah}",
    "Deklarasi Pilkada damai bersama {satker}",
    "Patroli skala besar jelang pencoblosan Pilkada di {wilayah}",
)
HASHTAGS = ("#PolriPresisi", "#PemiluDamai2024", "#PilkadaDamai", "#JatimKondusif", "#PolriUntukMasyarakat")
SLUG_WORDS = ("polres", "patroli", "warga", "aman", "kamtibmas", "bakti", "sosial", "pelayanan", "damai", "presisi")
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


@dataclass(frozen=True)
class DemoAktivitas:
    kategori_kode: str
    tanggal: dt.date
    judul: str
    platform: str
    url: str


@dataclass
class DemoLaporan:
    satker: str
    periode: dt.date
    versi: int
    dikirim_pada: dt.datetime
    nama_operator: str
    aktivitas: list[DemoAktivitas] = field(default_factory=list)

    @property
    def nama_file(self) -> str:
        slug = self.satker.replace(" ", "_")
        return f"{DEMO_FILE_PREFIX}_{slug}_{self.periode:%Y-%m}_v{self.versi}.xlsx"

    @property
    def sha256(self) -> str:
        """A stand-in digest: demo reports have no real file behind them."""
        return hashlib.sha256(self.nama_file.encode()).hexdigest()


@dataclass(frozen=True)
class SatkerProfile:
    activity: float
    strength: dict[str, float]
    median_delay_hours: float
    miss_probability: float
    correction_probability: float


def _handle(satker: str) -> str:
    return "humas_" + re.sub(r"[^a-z]", "", satker.lower())


def _token(rnd: random.Random, length: int) -> str:
    return "".join(rnd.choices(ALPHABET, k=length))


def _digits(rnd: random.Random, length: int) -> str:
    return str(rnd.randrange(10 ** (length - 1), 10**length))


def _url(rnd: random.Random, platform: str, kode: str, satker: str, tanggal: dt.date) -> str:
    handle = _handle(satker)
    return _url_media_sosial(rnd, platform, handle) or _url_situs(rnd, kode, handle, tanggal)


def _url_media_sosial(rnd: random.Random, platform: str, handle: str) -> str | None:
    if platform == "Instagram":
        return f"https://www.instagram.com/p/{_token(rnd, 11)}/"
    if platform == "Facebook":
        return f"https://www.facebook.com/{handle}/posts/{_digits(rnd, 16)}"
    if platform == "X":
        return f"https://x.com/{handle}/status/{_digits(rnd, 19)}"
    if platform == "TikTok":
        return f"https://www.tiktok.com/@{handle}/video/{_digits(rnd, 19)}"
    if platform == "YouTube":
        return f"https://www.youtube.com/watch?v={_token(rnd, 11)}"
    if platform == "WhatsApp":
        return f"https://whatsapp.com/channel/{_token(rnd, 22)}"
    return None


def _url_situs(rnd: random.Random, kode: str, handle: str, tanggal: dt.date) -> str:
    slug = "-".join(rnd.choices(SLUG_WORDS, k=4)) + f"-{_digits(rnd, 5)}"
    if kode == "tb_news":
        return f"https://tribratanews.jatim.polri.go.id/{tanggal:%Y/%m/%d}/{slug}/"
    if kode == "input_portal_humas":
        return f"https://humas.polri.go.id/{tanggal:%Y/%m/%d}/{slug}/"
    if kode.startswith("spit"):
        return f"https://spit.polri.go.id/{kode.replace('_', '-')}/{_digits(rnd, 8)}"
    if kode == "ipse":
        return f"https://ipse.polri.go.id/entri/{_digits(rnd, 8)}"
    return f"https://{handle.replace('_', '')}.jatim.polri.go.id/berita/{slug}"


def _profiles(rng: np.random.Generator, satker: list[str]) -> dict[str, SatkerProfile]:
    profiles = {}
    for nama in satker:
        profiles[nama] = SatkerProfile(
            activity=float(rng.lognormal(0.0, 0.45)),
            strength={kode: float(rng.lognormal(0.0, 0.6)) for kode in BASE_MEAN},
            median_delay_hours=float(rng.choice([6, 18, 30, 60, 120, 200], p=[0.15, 0.3, 0.25, 0.15, 0.1, 0.05])),
            miss_probability=float(rng.choice([0.0, 0.02, 0.06, 0.12], p=[0.45, 0.3, 0.18, 0.07])),
            correction_probability=float(rng.uniform(0.0, 0.12)),
        )
    return profiles


def _title(rnd: random.Random, kode: str, satker: str, wilayah: str, periode: dt.date) -> str:
    if kode == "trending_topik":
        return rnd.choice(HASHTAGS)
    pool = TITLES
    if dt.date(2023, 12, 1) <= periode <= dt.date(2024, 2, 1):
        pool = TITLES + ELECTION_TITLES * 2
    elif dt.date(2024, 9, 1) <= periode <= dt.date(2024, 11, 1):
        pool = TITLES + PILKADA_TITLES * 2
    return rnd.choice(pool).format(satker=satker, wilayah=wilayah)


def _activities(
    rng: np.random.Generator,
    rnd: random.Random,
    profile: SatkerProfile,
    satker: str,
    wilayah: str,
    periode: dt.date,
    trend: float,
) -> list[DemoAktivitas]:
    days_in_month = (next_month(periode) - periode).days
    season = MONTH_FACTOR.get(periode, 1.0)
    rows: list[DemoAktivitas] = []
    for kode, base in BASE_MEAN.items():
        mean = base * profile.activity * profile.strength[kode] * season * trend
        # Gamma-Poisson (negative binomial) gives the long right tail seen in real reports.
        count = int(rng.poisson(rng.gamma(shape=2.0, scale=mean / 2.0)))
        names, weights = zip(*PLATFORMS[kode], strict=True)
        for platform in rnd.choices(names, weights=weights, k=count):
            tanggal = periode.replace(day=rnd.randint(1, days_in_month))
            rows.append(
                DemoAktivitas(
                    kategori_kode=kode,
                    tanggal=tanggal,
                    judul=_title(rnd, kode, satker, wilayah, periode),
                    platform=platform,
                    url=_url(rnd, platform, kode, satker, tanggal),
                )
            )
    return rows


def generate_demo(
    satker: dict[str, str],
    seed: int = DEMO_SEED,
    first: dt.date = DEMO_FIRST_MONTH,
    last: dt.date = DEMO_LAST_MONTH,
) -> list[DemoLaporan]:
    """Generate report versions for ``satker`` (name → wilayah) over ``first``..``last``.

    The same seed and inputs always give the same reports, rows and times.
    """
    rng = np.random.default_rng(seed)  # distributions: counts, delays, profiles
    rnd = random.Random(seed)  # fast scalar choices: dates, titles, URLs
    names = sorted(satker)
    profiles = _profiles(rng, names)
    months = month_range(first, last)
    reports: list[DemoLaporan] = []
    for index, periode in enumerate(months):
        trend = 1.0 + 0.012 * index
        for nama in names:
            profile = profiles[nama]
            if rng.random() < profile.miss_probability:
                continue
            delay = float(rng.lognormal(np.log(profile.median_delay_hours), 0.6))
            sent = month_end_utc(periode) + dt.timedelta(hours=round(delay, 2))
            operator = f"Operator Humas {nama}"
            rows = _activities(rng, rnd, profile, nama, satker[nama], periode, trend)
            if rng.random() < profile.correction_probability:
                # The first upload missed some rows; a corrected version follows.
                keep = rng.random(len(rows)) < 0.85
                first_rows = [row for row, kept in zip(rows, keep, strict=True) if kept]
                reports.append(DemoLaporan(nama, periode, 1, sent, operator, first_rows))
                later = sent + dt.timedelta(hours=float(rng.uniform(2, 72)))
                reports.append(DemoLaporan(nama, periode, 2, later, operator, rows))
            else:
                reports.append(DemoLaporan(nama, periode, 1, sent, operator, rows))
    return reports
