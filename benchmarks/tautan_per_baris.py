"""CPU per link of the link functions (analytics.tautan) on 100,000 links as operators paste them.

    python benchmarks/tautan_per_baris.py [--jumlah 100000] [--ulang 3]

Links are generated from a fixed seed in the mix of a month's reports (Instagram, TikTok,
Facebook, X, YouTube, news portals, Polri sites), with share parameters, ``m.``/``www.`` hosts and
trailing slashes. CPU time (``time.process_time``), best of ``--ulang`` runs, so that other work
on a shared machine weighs less; the per-row work that already exists (CRC-32 key, the fast-path
URL check) is measured beside it as the yardstick.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.tautan import TAUTAN_BIASA, bersihkan_tautan, kanonik, kanonik_dan_platform

_HURUF = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"


def buat_tautan(jumlah: int, seed: int = 16) -> list[str]:
    """``jumlah`` links in a realistic mix, the same for the same seed."""
    acak = random.Random(seed)

    def kode(panjang: int) -> str:
        return "".join(acak.choice(_HURUF) for _ in range(panjang))

    def angka(panjang: int) -> str:
        return str(acak.randrange(10 ** (panjang - 1), 10**panjang))

    bentuk: list[tuple[float, Callable[[], str]]] = [
        (
            0.30,
            lambda: (
                f"https://www.instagram.com/{acak.choice(['p', 'reel'])}/{kode(11)}/"
                + acak.choice(["", f"?igsh={kode(16)}", "?utm_source=ig_web_copy_link"])
            ),
        ),
        (
            0.15,
            lambda: acak.choice(
                [
                    f"https://vt.tiktok.com/ZS{kode(7)}/",
                    f"https://www.tiktok.com/@humas.polres/video/{angka(19)}?is_from_webapp=1&sender_device=pc",
                ]
            ),
        ),
        (
            0.15,
            lambda: acak.choice(
                [
                    f"https://www.facebook.com/share/p/{kode(10)}/?mibextid=WC7FNe",
                    f"https://www.facebook.com/humaspolres/posts/{angka(15)}",
                    f"https://m.facebook.com/story.php?story_fbid=pfbid0{kode(40)}&id={angka(15)}",
                ]
            ),
        ),
        (0.10, lambda: f"https://{acak.choice(['x.com', 'twitter.com'])}/humaspolres/status/{angka(19)}?s=20"),
        (
            0.08,
            lambda: acak.choice(
                [f"https://youtu.be/{kode(11)}?si={kode(16)}", f"https://youtube.com/shorts/{kode(11)}"]
            ),
        ),
        (
            0.12,
            lambda: (
                f"https://jatim.tribunnews.com/2024/05/{acak.randint(1, 31):02d}/{kode(30).lower()}"
                + acak.choice(["", "?page=all"])
            ),
        ),
        (0.10, lambda: f"https://tribratanews.jatim.polri.go.id/berita/{angka(5)}/{kode(25).lower()}"),
    ]
    bobot = [b for b, _ in bentuk]
    return [acak.choices(bentuk, bobot)[0][1]() for _ in range(jumlah)]


def ukur(fungsi: Callable[[str], object], tautan: list[str], ulang: int) -> float:
    """Best CPU microseconds per link over ``ulang`` runs."""
    terbaik = float("inf")
    for _ in range(ulang):
        mulai = time.process_time()
        for satu in tautan:
            fungsi(satu)
        terbaik = min(terbaik, time.process_time() - mulai)
    return terbaik / len(tautan) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jumlah", type=int, default=100_000)
    parser.add_argument("--ulang", type=int, default=3)
    args = parser.parse_args()
    tautan = buat_tautan(args.jumlah)
    kotor = [f"\u00a0{satu.removeprefix('https://')}\u200b" for satu in tautan[: args.jumlah // 10]]
    hasil = {
        "CRC-32 kunci sekarang (pembanding)": ukur(lambda u: zlib.crc32(u.encode()), tautan, args.ulang),
        "TAUTAN_BIASA.fullmatch (pembanding)": ukur(TAUTAN_BIASA.fullmatch, tautan, args.ulang),
        "bersihkan_tautan, sel biasa": ukur(bersihkan_tautan, tautan, args.ulang),
        "bersihkan_tautan, tanpa https:// + NBSP/ZWSP": ukur(bersihkan_tautan, kotor, args.ulang),
        "kanonik": ukur(kanonik, tautan, args.ulang),
        "kanonik_dan_platform": ukur(kanonik_dan_platform, tautan, args.ulang),
    }
    print(f"{len(tautan):,} tautan, CPU terbaik dari {args.ulang} putaran (µs per tautan)")
    for nama, mikro in hasil.items():
        print(f"  {nama:<48} {mikro:6.2f}")


if __name__ == "__main__":
    main()
