"""Many leaders opening the app at once: page-ready times of N simultaneous viewers and what the
app processes cost (memory, CPU).

    python -m benchmarks.penonton --database URL [--proses K] [--sesi 10,25,50]
        [--klien ws|chromium|ws,chromium] [--jeda 1.0] [--putaran 1] [--ramp 0]
        [--akun USER:SANDI | --akun-benchmark] [--aset-dingin] [--profil-server]
        [--opsi-streamlit="--server.fileWatcherType none"] [--json FILE] [--tulis FILE --label TEKS]
    python -m benchmarks.penonton --alamat http://127.0.0.1:8501 [--pid PID ...] [--sesi …]

With ``--database`` the harness starts the app itself — one ``streamlit run`` process, or
``--proses K`` of them behind Caddy with sticky sessions (benchmarks/penonton_proses.py) — anew for
every session count, so each count starts from a fresh process; ``--alamat`` measures servers that
are already running (``--pid`` names their processes for the memory figures).

For each session count: one warm-up viewer per app process walks the pages alone (the imports
and each process's caches are then in place, as on a server that has been open for a while; the
first page after a start is benchmarks/halaman_pertama.py's subject), then N viewers start
together (``--ramp S`` spreads their starts over S seconds) and each walks benchmarks/
penonton_langkah.py's steps with ``--jeda`` seconds of think time (±50 %). Every step is timed
from the click to the page being ready; a failed step ends that viewer's walk.

Clients (``--klien``): ``ws`` speaks Streamlit's websocket protocol (benchmarks/penonton_ws.py,
light enough for 50 viewers on the same machine); ``chromium`` drives real headless Chromium
contexts (benchmarks/penonton_peramban.py; heavy — on two cores the browsers compete with the
server). With both, the report compares the rerun requests each sent and their timings.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shlex
import sys
import tempfile
import time
from collections import Counter
from contextlib import AsyncExitStack, ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.bersama import ensure_benchmark_user, percentile, write_section
from benchmarks.penonton_langkah import (
    LANGKAH,
    HasilSesi,
    Konteks,
    Sesi,
    jalani,
    jejak_sesuai,
)
from benchmarks.penonton_proses import (
    KUKI_LB,
    Layanan,
    PencatatMemori,
    cpu_detik,
    cpu_mesin,
    jalankan_layanan,
    opsi_streamlit,
    pid_pendengar,
    pohon,
    rss_mb,
    tambah_opsi_streamlit,
)

AKUN_CONTOH = ("pimpinan.contoh", "contoh-pimpinan-123")
TINJAUAN = LANGKAH[2:]  # the review pages, without opening the app and logging in
TARGET_P95_S = 2.0


@dataclass
class Ukuran:
    """One measured run: N viewers on one set of app processes."""

    klien: str
    sesi: int
    proses: int
    hasil: list[HasilSesi]
    pemanasan: list[HasilSesi]
    detik: float
    rss_sebelum: float | None = None
    rss_puncak: float | None = None
    rss_puncak_tinjauan: float | None = None  # after the last login finished: the review pages alone
    rss_sesudah: float | None = None
    cpu_app: float | None = None
    cpu_proxy: float | None = None
    cpu_klien: float = 0.0
    cpu_mesin_persen: float = 0.0
    widget_tak_dikenal: list[str] = field(default_factory=list)
    per_proses: list[int] = field(default_factory=list)  # viewers per app process (proxy cookie)
    beban_awal: float = 0.0  # the machine's 1-minute load average when the viewers started (noise)


def _cpu_klien(layanan_pids: set[int]) -> float:
    """CPU of this process and its children that are not app servers (Chromium, Playwright)."""
    own = os.getpid()
    total = 0.0
    for pid in pohon(own):
        if pid in layanan_pids:
            continue
        try:
            total += cpu_detik([pid]) if pid != own else sum(os.times()[:2])
        except (OSError, IndexError):
            continue
    return total


async def _jalankan_sesi(
    klien: str,
    base: str,
    jumlah: int,
    awal: int,
    args: argparse.Namespace,
    akun: tuple[str, str],
    layanan_pids: set[int],
) -> tuple[list[HasilSesi], set[str], float, list[str]]:
    """``jumlah`` viewers at once; their results, unknown widget types seen, client CPU, and the
    proxy's sticky-session cookie of each websocket viewer (which app process served it)."""
    async with AsyncExitStack() as stack:
        if klien == "chromium":
            from playwright.async_api import async_playwright

            from benchmarks.penonton_peramban import SesiChromium
            from testdata.server_aplikasi import CHROMIUM_ARGS

            playwright = await stack.enter_async_context(async_playwright())
            browser = await playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            stack.push_async_callback(browser.close)
            sessions: list[Any] = [SesiChromium(browser, base, Konteks(), args.aset_dingin) for _ in range(jumlah)]
        else:
            from benchmarks.penonton_ws import SesiWs

            sessions = [SesiWs(base, Konteks(), args.aset_dingin) for _ in range(jumlah)]
        cpu_awal = _cpu_klien(layanan_pids)

        async def satu(nomor: int, sesi: Sesi) -> HasilSesi:
            await asyncio.sleep(args.ramp * nomor / max(jumlah, 1))
            return await jalani(sesi, awal + nomor, akun, args.jeda, args.timeout, args.putaran)

        hasil = await asyncio.gather(*(satu(i, s) for i, s in enumerate(sessions)))
        cpu = _cpu_klien(layanan_pids) - cpu_awal
    unknown = set().union(*(getattr(s, "widget_tak_dikenal", set()) for s in sessions))
    kuki = [s.kuki(KUKI_LB) or "–" for s in sessions if hasattr(s, "kuki")]
    return list(hasil), unknown, cpu, kuki


def ukur(layanan: Layanan, klien: str, jumlah: int, args: argparse.Namespace, akun: tuple[str, str]) -> Ukuran:
    """Warm up every app process (directly, not through the proxy), then N viewers at once, with
    the app processes' memory and CPU around it."""
    server_pids = {p for root in layanan.pid_app + layanan.pid_proxy for p in pohon(root)}
    pemanasan = [
        asyncio.run(_jalankan_sesi(klien, base, 1, -1 - i, args, akun, server_pids))[0][0]
        for base in layanan.base_app or [layanan.base]
        for i in range(args.pemanasan)
    ]
    apps = layanan.pid_app
    sebelum = rss_mb(apps) if apps else None
    cpu_app, cpu_proxy = (cpu_detik(apps) if apps else 0.0), cpu_detik(layanan.pid_proxy)
    busy, total = cpu_mesin()
    beban = os.getloadavg()[0]
    mulai = time.perf_counter()
    with PencatatMemori(apps) as memori:
        hasil, unknown, cpu_klien, kuki = asyncio.run(
            _jalankan_sesi(klien, layanan.base, jumlah, 0, args, akun, server_pids)
        )
    detik = time.perf_counter() - mulai
    busy2, total2 = cpu_mesin()
    masuk_selesai = max(
        (h.mulai + (h.detik or 0) for r in hasil for h in r.langkah if h.langkah == LANGKAH[1]), default=mulai
    )
    return Ukuran(
        klien,
        jumlah,
        len(apps) or 1,
        hasil,
        pemanasan,
        detik,
        rss_sebelum=sebelum,
        rss_puncak=memori.puncak(),
        rss_puncak_tinjauan=memori.puncak(masuk_selesai),
        rss_sesudah=rss_mb(apps) if apps else None,
        cpu_app=cpu_detik(apps) - cpu_app if apps else None,
        cpu_proxy=cpu_detik(layanan.pid_proxy) - cpu_proxy if layanan.pid_proxy else None,
        cpu_klien=cpu_klien,
        cpu_mesin_persen=100 * (busy2 - busy) / max(total2 - total, 1e-9),
        widget_tak_dikenal=sorted(unknown),
        per_proses=sorted(Counter(kuki).values(), reverse=True) if layanan.pid_proxy else [],
        beban_awal=beban,
    )


# --- report ----------------------------------------------------------------------------------


def waktu(ukuran: Ukuran, langkah: tuple[str, ...] | None = None, kolom: str = "detik") -> tuple[list[float], int]:
    """Seconds of the successful steps (all, or those named) — until ready (``detik``), until the
    run's end arrived (``detik_jalan``) or the server's run time (``detik_skrip``) — and how many
    steps failed or were not reached."""
    values, gagal = [], 0
    for sesi in ukuran.hasil:
        for h in sesi.langkah:
            if langkah is not None and h.langkah not in langkah:
                continue
            value = getattr(h, kolom)
            if h.detik is None:
                gagal += 1
            elif value is not None:
                values.append(value)
    return values, gagal


def _s(values: list[float], fraction: float) -> str:
    return f"{percentile(values, fraction):.2f}" if values else "–"


def _mb(value: float | None) -> str:
    return f"{value:,.0f}" if value is not None else "–"


def _mb_per_sesi(u: Ukuran) -> str:
    if u.rss_puncak is None or u.rss_sebelum is None:
        return "–"
    return f"{(u.rss_puncak - u.rss_sebelum) / u.sesi:.1f}"


def judul_bagian(label: str | None) -> str:
    return "## Banyak penonton sekaligus" + (f" ({label})" if label else "")


def laporan(hasil: list[Ukuran], args: argparse.Namespace) -> str:
    """The Markdown report: a summary row per run, then each run's steps."""
    lines = [
        judul_bagian(args.label),
        "",
        f"Diukur {dt.date.today():%Y-%m-%d} dengan `python -m benchmarks.penonton {shlex.join(sys.argv[1:])}`.",
        f"Setiap penonton: buka aplikasi, masuk (Beranda), Peringkat, ganti kategori, Tren, Profil Satker; "
        f"jeda berpikir {args.jeda:g} s ±50 %, {args.putaran} putaran halaman tinjauan. Waktu siap halaman dalam detik "
        "(dari klik sampai jalannya skrip selesai dan judul halaman tampil).",
        "",
        "| klien | proses | sesi | p50 | p95 | p95 halaman tinjauan | gagal | "
        "RSS MB sebelum → puncak (sesudah semua masuk) → sesudah | MB per sesi di puncak | "
        "CPU app s | CPU klien s | CPU mesin | beban mesin saat mulai | lama s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for u in hasil:
        semua, gagal = waktu(u)
        tinjauan, _ = waktu(u, TINJAUAN)
        per_sesi = _mb_per_sesi(u)
        lines.append(
            f"| {u.klien} | {u.proses} | {u.sesi} | {_s(semua, 0.5)} | {_s(semua, 0.95)} | "
            f"{_s(tinjauan, 0.95)} | {gagal} | "
            f"{_mb(u.rss_sebelum)} → {_mb(u.rss_puncak)} ({_mb(u.rss_puncak_tinjauan)}) → "
            f"{_mb(u.rss_sesudah)} | {per_sesi} | "
            f"{u.cpu_app if u.cpu_app is not None else 0:.1f} | {u.cpu_klien:.1f} | {u.cpu_mesin_persen:.0f} % | "
            f"{u.beban_awal:.1f} | {u.detik:.1f} |"
        )
    for u in hasil:
        lines += [
            "",
            f"### {u.klien}, {u.proses} proses, {u.sesi} sesi",
            "",
            "| langkah | berhasil | gagal | p50 | p95 | maks | p50 sampai akhir jalannya diterima "
            "| p50 / p95 waktu skrip di server |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for langkah in LANGKAH:
            values, gagal = waktu(u, (langkah,))
            jalan, _ = waktu(u, (langkah,), "detik_jalan")
            skrip, _ = waktu(u, (langkah,), "detik_skrip")
            maks = f"{max(values):.2f}" if values else "–"
            lines.append(
                f"| {langkah} | {len(values)} | {gagal} | {_s(values, 0.5)} | {_s(values, 0.95)} | {maks} | "
                f"{_s(jalan, 0.5)} | {_s(skrip, 0.5)} / {_s(skrip, 0.95)} |"
            )
        pesan = sorted({h.galat for s in u.hasil for h in s.langkah if h.galat and h.galat != "tidak dijalankan"})
        lines += [f"- galat: {p}" for p in pesan[:5]]
        pemanasan = [f"{h.langkah} {h.detik:.2f} s" for s in u.pemanasan for h in s.langkah if h.detik is not None]
        lines += ["", f"Pemanasan (satu penonton sendirian sebelumnya): {', '.join(pemanasan) or '–'}."]
        if u.cpu_proxy is not None:
            lines.append(
                f"CPU Caddy: {u.cpu_proxy:.1f} s; penonton per proses aplikasi (cookie sesi lengket): "
                f"{', '.join(map(str, u.per_proses)) or '–'}."
            )
        if u.widget_tak_dikenal:
            lines.append(f"Widget yang tidak dimodelkan klien websocket: {', '.join(u.widget_tak_dikenal)}.")
    lines += _bandingkan(hasil)
    for u in (u for u in hasil if u.sesi == 25 and u.proses == 1 and u.klien == "ws"):
        tinjauan, gagal = waktu(u, TINJAUAN)
        ok = bool(tinjauan) and not gagal and percentile(tinjauan, 0.95) <= TARGET_P95_S
        lines += [
            "",
            f"Target p95 ≤ {TARGET_P95_S:g} s untuk 25 sesi dengan satu proses (halaman tinjauan): "
            + ("**tercapai**" if ok else "**tidak tercapai**")
            + f" ({_s(tinjauan, 0.95)} s, {gagal} gagal).",
        ]
    return "\n".join(lines) + "\n"


def _bandingkan(hasil: list[Ukuran]) -> list[str]:
    """Both clients at the same session count: same requests? same server-side timings?"""
    lines: list[str] = []
    for ws in (u for u in hasil if u.klien == "ws"):
        for browser in (u for u in hasil if u.klien == "chromium" and u.sesi == ws.sesi and u.proses == ws.proses):
            urut = sorted(ws.hasil, key=lambda h: h.indeks), sorted(browser.hasil, key=lambda h: h.indeks)
            pairs = list(zip(*urut, strict=True))
            same = sum(a.jejak == b.jejak for a, b in pairs)
            sesuai = sum(jejak_sesuai(a.jejak, b.jejak) for a, b in pairs)
            lines += [
                "",
                f"### ws dibandingkan dengan chromium, {ws.sesi} sesi",
                "",
                f"Permintaan rerun (halaman dan nilai setiap widget) sama persis pada {same} dari {len(pairs)} sesi; "
                f"setiap nilai yang dikirim peramban sama dengan yang dikirim klien websocket pada {sesuai} sesi "
                "(peramban yang diklik cepat kadang belum mendaftarkan semua widget panel kiri, dan server memakai "
                "nilai bawaannya).",
                "",
                "| langkah | waktu skrip di server p50: ws / chromium | ws: siap p50 "
                "| chromium: akhir jalannya diterima p50 "
                "| chromium: siap di layar p50 |",
                "| --- | ---: | ---: | ---: | ---: |",
            ]
            for langkah in LANGKAH:
                a, _ = waktu(ws, (langkah,))
                b, _ = waktu(browser, (langkah,), "detik_jalan")
                c, _ = waktu(browser, (langkah,))
                skrip_ws, _ = waktu(ws, (langkah,), "detik_skrip")
                skrip_browser, _ = waktu(browser, (langkah,), "detik_skrip")
                lines.append(
                    f"| {langkah} | {_s(skrip_ws, 0.5)} / {_s(skrip_browser, 0.5)} | "
                    f"{_s(a, 0.5)} | {_s(b, 0.5)} | {_s(c, 0.5)} |"
                )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    tempat = parser.add_mutually_exclusive_group(required=True)
    tempat.add_argument("--database", help="URL database; harness menyalakan aplikasinya sendiri")
    tempat.add_argument("--alamat", help="alamat aplikasi (atau proxy) yang sudah berjalan")
    parser.add_argument("--pid", type=int, action="append", default=[], help="PID proses aplikasi (dengan --alamat)")
    parser.add_argument("--proses", type=int, default=1, help="jumlah proses aplikasi di belakang Caddy (bawaan 1)")
    parser.add_argument("--sesi", default="10,25,50", help="jumlah penonton serentak, dipisah koma")
    parser.add_argument("--klien", default="ws", help="ws, chromium, atau ws,chromium")
    parser.add_argument("--jeda", type=float, default=1.0, help="jeda berpikir rata-rata antarlangkah, detik")
    parser.add_argument("--putaran", type=int, default=1, help="berapa kali halaman tinjauan dilalui setelah masuk")
    parser.add_argument("--ramp", type=float, default=0.0, help="mulai penonton tersebar selama sekian detik")
    parser.add_argument("--pemanasan", type=int, default=1, help="penonton pemanasan sebelum pengukuran")
    parser.add_argument("--timeout", type=float, default=120.0, help="batas tunggu satu langkah, detik")
    parser.add_argument("--akun", help="NAMA:SANDI akun yang dipakai semua penonton (bawaan pimpinan.contoh)")
    parser.add_argument("--akun-benchmark", action="store_true", help="buat/pakai akun pimpinan nasional benchmark")
    parser.add_argument("--aset-dingin", action="store_true", help="peramban tanpa cache: berkas statis dari server")
    parser.add_argument(
        "--profil-server",
        action="store_true",
        help="aplikasi melaporkan lama setiap jalannya skrip (browser.gatherUsageStats)",
    )
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    tambah_opsi_streamlit(parser)
    parser.add_argument("--json", type=Path, help="tulis semua hasil mentah ke berkas JSON")
    parser.add_argument("--tulis", type=Path, help="ganti bagian laporan ini di berkas Markdown (docs/BENCHMARKS.md)")
    parser.add_argument("--label", help='nama data di judul bagian, mis. "DATA CONTOH, SQLite"')
    args = parser.parse_args()
    akun = AKUN_CONTOH
    if args.akun:
        akun = tuple(args.akun.split(":", 1))  # type: ignore[assignment]
    elif args.akun_benchmark:
        if not args.database:
            parser.error("--akun-benchmark perlu --database")
        akun = ensure_benchmark_user(args.database)
    results: list[Ukuran] = []
    for jumlah in (int(n) for n in args.sesi.split(",")):
        for klien in args.klien.split(","):
            with ExitStack() as stack:
                if args.database:
                    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="humas-penonton-")))
                    layanan = stack.enter_context(
                        jalankan_layanan(
                            args.database, args.proses, folder, profil=args.profil_server, opsi=opsi_streamlit(args)
                        )
                    )
                else:
                    port = int(args.alamat.rsplit(":", 1)[1].split("/")[0])
                    pids = args.pid or [p for p in [pid_pendengar(port)] if p is not None]
                    layanan = Layanan(args.alamat.rstrip("/"), pids)
                print(f"{klien}: {jumlah} sesi di {layanan.base} …", file=sys.stderr, flush=True)
                results.append(ukur(layanan, klien, jumlah, args, akun))
                semua, gagal = waktu(results[-1])
                print(f"  p50 {_s(semua, 0.5)} s, p95 {_s(semua, 0.95)} s, gagal {gagal}", file=sys.stderr, flush=True)
    report = laporan(results, args)
    print(report)
    if args.tulis:
        write_section(args.tulis, judul_bagian(args.label), report)
    if args.json:
        args.json.write_text(json.dumps([asdict(u) for u in results], indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
