"""Benchmark: deadline night at full size, under load and faults, on SQLite and PostgreSQL.

    python -m benchmarks.keandalan [--postgres URL] [--tulis docs/BENCHMARKS.md] [--baris 3000]
                                   [--bunuh 8] [--benih 20240605]

Every upload goes through the page's load function, ``etl.loader.load_workbook``, with the
satker's operator as uploader, each in its own thread (as the app server runs them), all released
together by a barrier. Reports hold about ``--baris`` activity rows over the nine sheets, built
once from the app's template and rewritten per satker (own name, own links). Scenarios, each on a
new database:

1. the 39 satker of Polda Jawa Timur upload at once;
2. 400 satker upload at once (the national case: 361 satker added under the other Polda);
3. corrected versions racing: after scenario 1, each of the 39 satker sends three corrections and
   one of them a second time, all at once (156 uploads);
4. PostgreSQL restarted mid-upload (a private server from scripts/postgres_sementara.sh, stopped
   one second into the 39 uploads of scenario 1 and started again three seconds later);
5. SIGKILL: ``python -m etl load FOLDER`` (with its worker processes) killed ``--bunuh`` times at a
   random moment, then the same folder loaded again.

Counted for every scenario: uploads attempted, stored, unchanged, refused with the message to
retry, rejected for the file (must be 0: the files are valid), lost (an upload reported stored or
unchanged whose file is not there, or one that raised: must be 0), duplicates (report versions
beyond the uploads that stored one, or the same file twice in a row: must be 0), whether
``periksa_konsistensi`` finds the database consistent, and times. Refused uploads are then sent
again one by one, as an operator would. With ``--tulis`` the section "## Keandalan" of the docs is
replaced (or appended).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import io
import itertools
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from analytics.angka import format_angka
from analytics.izin import Pelaku
from benchmarks.bersama import percentile, temporary_postgres, write_section
from db.engine import PROJECT_DIR, make_engine
from db.konsistensi import periksa_konsistensi
from db.models import Laporan, Satker, Unggahan
from db.schema import prepare_database
from etl.loader import load_workbook
from etl.results import LoadResult
from etl.template import build_template
from etl.workbook_format import KATEGORI_SHEETS, PLATFORMS, SHEET_IDENTITAS
from testdata.satker_nasional import operator_satker, tambah_satker
from testdata.workbooks import rewritten

SECTION = "## Keandalan"
COMMAND = "python -m benchmarks.keandalan"
PERIODE = dt.date(2024, 5, 1)
DEADLINE_NIGHT = dt.datetime(2024, 6, 5, 14, 0, tzinfo=dt.UTC)  # 5 June 2024, 21:00 WIB
BASE_SATKER = "Polres Kediri Kota"
NASIONAL = 400
KOREKSI_PER_SATKER = 3
RETRY_PAUSE_S = 2.0
RESTART_AFTER_S, DOWN_FOR_S = 1.0, 3.0  # the server stops 1 s into the uploads and is away for 3 s
SCRIPT = PROJECT_DIR / "scripts" / "postgres_sementara.sh"
NATIONAL_NOTE = (
    "Penolakan di skenario 400 satker: penyimpanan laporan satu bulan berjalan berurutan (kunci per bulan), "
    "dan 400 laporan ±3.000 baris yang dilepas pada detik yang sama membentuk antrean yang lebih panjang "
    "daripada batas tunggu 30 detik (kunci tulis SQLite, kolam koneksi PostgreSQL), sehingga unggahan di "
    "ujung antrean ditolak dengan pesan untuk mengunggah ulang; semuanya tersimpan saat dikirim ulang, "
    "tidak ada yang hilang atau ganda."
)


# --- Reports ----------------------------------------------------------------------------------


def base_report(rows: int, seed: int) -> bytes:
    """One report of about ``rows`` activity rows over the nine sheets; links carry the token
    SATKER so that each copy can get its own."""
    chooser = random.Random(seed)
    book = openpyxl.load_workbook(io.BytesIO(build_template(BASE_SATKER, PERIODE)))
    book[SHEET_IDENTITAS]["B4"] = "Bripka Contoh"
    per_sheet = max(1, rows // len(KATEGORI_SHEETS))
    for index, sheet in enumerate(KATEGORI_SHEETS.values()):
        for number in range(per_sheet):
            platform = chooser.choice(PLATFORMS)
            book[sheet].append(
                [
                    number + 1,
                    dt.datetime(2024, 5, chooser.randint(1, 31)),
                    f"Kegiatan {number + 1}",
                    platform,
                    f"https://bukti.example/SATKER/{index}/{number}",
                ]
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- Databases --------------------------------------------------------------------------------


def satker_names(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(Satker.nama).order_by(Satker.id)))


@contextlib.contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{folder}/keandalan.sqlite"


# --- Uploading at once and counting -----------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    satker: str
    data: bytes
    file_name: str
    uploader: Pelaku
    received: dt.datetime

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Outcome:
    upload: Upload
    result: LoadResult | None
    seconds: float
    problem: str = ""


@dataclass
class Figures:
    scenario: str
    database: str
    attempted: int = 0
    stored: int = 0
    unchanged: int = 0
    refused: int = 0
    rejected_file: int = 0
    lost: int = 0
    duplicates: int = 0
    consistent: bool = True
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    stored_after_retry: int = 0
    refused_messages: Counter[str] = field(default_factory=Counter)


def at_once(
    engine: Engine, uploads: list[Upload], during: Callable[[], None] | None = None
) -> tuple[list[Outcome], float]:
    """Every upload in its own thread, released together; ``during`` runs alongside (a fault)."""
    barrier = threading.Barrier(len(uploads) + 1)

    def run(upload: Upload) -> Outcome:
        barrier.wait()
        start = time.perf_counter()
        try:
            result = load_workbook(engine, upload.data, upload.file_name, uploader=upload.uploader, now=upload.received)
        except Exception as problem:  # counted as lost: an upload must end stored or refused
            return Outcome(upload, None, time.perf_counter() - start, f"{type(problem).__name__}: {problem}")
        return Outcome(upload, result, time.perf_counter() - start)

    with ThreadPoolExecutor(len(uploads)) as pool:
        futures = [pool.submit(run, upload) for upload in uploads]
        barrier.wait()
        start = time.perf_counter()
        if during is not None:
            during()
        outcomes = [future.result() for future in futures]
    return outcomes, time.perf_counter() - start


def stored_versions(engine: Engine) -> dict[str, list[tuple[int, str]]]:
    """satker → [(versi, sha256)] of the month's stored report versions, in version order."""
    versions: dict[str, list[tuple[int, str]]] = defaultdict(list)
    with Session(engine) as session:
        for nama, versi, sha in session.execute(
            select(Satker.nama, Laporan.versi, Unggahan.sha256)
            .join(Satker, Satker.id == Laporan.satker_id)
            .join(Unggahan, Unggahan.id == Laporan.unggahan_id)
            .where(Laporan.periode == PERIODE)
            .order_by(Satker.nama, Laporan.versi)
        ):
            versions[nama].append((versi, sha))
    return versions


def count(engine: Engine, figures: Figures, outcomes: list[Outcome], loaded_before: Counter[str]) -> None:
    """Fill ``figures`` from the outcomes and what the database holds afterwards."""
    versions = stored_versions(engine)
    loaded: Counter[str] = Counter(loaded_before)
    figures.attempted += len(outcomes)
    for outcome in outcomes:
        figures.latencies.append(outcome.seconds)
        result, upload = outcome.result, outcome.upload
        have = versions.get(upload.satker, [])
        if result is None:
            figures.lost += 1
        elif result.status == "loaded":
            figures.stored += 1
            loaded[upload.satker] += 1
            figures.lost += (result.versi, upload.sha256) not in have
        elif result.status == "unchanged":
            figures.unchanged += 1
            figures.lost += all(sha != upload.sha256 for _, sha in have)
        elif result.coba_lagi:
            figures.refused += 1
            figures.refused_messages[result.message] += 1
        else:
            figures.rejected_file += 1
    for nama, have in versions.items():
        figures.duplicates += max(0, len(have) - loaded[nama])
        figures.duplicates += sum(a[1] == b[1] for a, b in itertools.pairwise(have))
    with Session(engine) as session:
        figures.consistent = figures.consistent and periksa_konsistensi(session).konsisten


def retry_refused(engine: Engine, figures: Figures, outcomes: list[Outcome]) -> list[Outcome]:
    """Send each refused upload again, one by one, as its operator would after the message."""
    again = []
    for outcome in outcomes:
        if outcome.result is None or not outcome.result.coba_lagi:
            continue
        for attempt in range(1, 6):
            time.sleep(RETRY_PAUSE_S if attempt > 1 else 0)
            upload = outcome.upload
            received = upload.received + dt.timedelta(minutes=attempt)
            start = time.perf_counter()
            result = load_workbook(engine, upload.data, upload.file_name, uploader=upload.uploader, now=received)
            if not result.coba_lagi:
                again.append(Outcome(upload, result, time.perf_counter() - start))
                figures.stored_after_retry += result.status in ("loaded", "unchanged")
                break
    return again


def deadline_uploads(names: list[str], base: bytes, accounts: dict[str, Pelaku], tag: str) -> list[Upload]:
    return [
        Upload(
            nama,
            rewritten(base, {BASE_SATKER: nama, "SATKER": f"{tag}{index}"}),
            f"laporan_{index:03d}.xlsx",
            accounts[nama],
            DEADLINE_NIGHT + dt.timedelta(seconds=index),
        )
        for index, nama in enumerate(names)
    ]


def scenario_polda(url: str, database: str, base: bytes) -> tuple[Figures, Figures]:
    """39 satker at once, then three corrections each (one sent twice) racing."""
    engine = make_engine(url)
    prepare_database(engine)
    accounts = operator_satker(engine)
    names = satker_names(engine)
    first = Figures("39 satker serentak", database)
    outcomes, first.seconds = at_once(engine, deadline_uploads(names, base, accounts, "a"))
    count(engine, first, outcomes, Counter())
    count_retry(engine, first, outcomes)

    racing = Figures(f"koreksi berebut ({KOREKSI_PER_SATKER} koreksi + 1 kiriman ganda per satker)", database)
    corrections = []
    for index, nama in enumerate(names):
        versions = [rewritten(base, {BASE_SATKER: nama, "SATKER": f"k{index}v{k}"}) for k in range(KOREKSI_PER_SATKER)]
        later = DEADLINE_NIGHT + dt.timedelta(hours=1, seconds=index)
        corrections += [
            Upload(nama, data, f"koreksi_{index:03d}_{k}.xlsx", accounts[nama], later)
            for k, data in enumerate([*versions, versions[0]])
        ]
    before = Counter({nama: len(v) for nama, v in stored_versions(engine).items()})
    outcomes, racing.seconds = at_once(engine, corrections)
    count(engine, racing, outcomes, before)
    count_retry(engine, racing, outcomes, before)
    engine.dispose()
    return first, racing


def count_retry(engine: Engine, figures: Figures, outcomes: list[Outcome], before: Counter[str] | None = None) -> None:
    """Send refused uploads again and check the whole scenario once more (nothing lost or doubled)."""
    again = retry_refused(engine, figures, outcomes)
    if not again:
        return
    check = Figures(figures.scenario, figures.database)
    done = [o for o in outcomes if o.result is not None and not o.result.coba_lagi] + again
    count(engine, check, done, before or Counter())
    figures.lost, figures.duplicates, figures.consistent = check.lost, check.duplicates, check.consistent


def scenario_national(url: str, database: str, base: bytes) -> Figures:
    engine = make_engine(url)
    prepare_database(engine)
    tambah_satker(engine, NASIONAL)
    accounts = operator_satker(engine)
    figures = Figures(f"{NASIONAL} satker serentak (nasional)", database)
    outcomes, figures.seconds = at_once(engine, deadline_uploads(satker_names(engine), base, accounts, "n"))
    count(engine, figures, outcomes, Counter())
    count_retry(engine, figures, outcomes)
    engine.dispose()
    return figures


def scenario_restart(base: bytes) -> Figures | None:
    """39 uploads at once while a private PostgreSQL server is stopped and started again."""
    if os.system("ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1") != 0:
        return None
    folder = Path(tempfile.mkdtemp(prefix="humas-pg-keandalan-"))
    started = subprocess.run(["bash", str(SCRIPT), "start", str(folder)], capture_output=True, text=True, check=True)
    try:
        server = started.stdout.strip().split("=", 1)[1]
        with temporary_postgres(server) as url:
            engine = make_engine(url)
            prepare_database(engine)
            accounts = operator_satker(engine)
            figures = Figures("39 satker serentak, server PostgreSQL mati 3 detik di tengahnya", "PostgreSQL")

            def restart() -> None:
                time.sleep(RESTART_AFTER_S)
                subprocess.run(["bash", str(SCRIPT), "jeda", str(folder)], check=True, capture_output=True)
                time.sleep(DOWN_FOR_S)
                subprocess.run(["bash", str(SCRIPT), "lanjut", str(folder)], check=True, capture_output=True)

            uploads = deadline_uploads(satker_names(engine), base, accounts, "r")
            outcomes, figures.seconds = at_once(engine, uploads, during=restart)
            count(engine, figures, outcomes, Counter())
            count_retry(engine, figures, outcomes)
            engine.dispose()
            return figures
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], capture_output=True)


# --- SIGKILL ----------------------------------------------------------------------------------


@dataclass
class Kills:
    database: str
    runs: int = 0
    mid_load: int = 0
    acknowledged: int = 0
    lost: int = 0
    duplicates: int = 0
    inconsistent: int = 0
    reload_failed: int = 0
    seconds: float = 0.0


def _shas(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(Unggahan.sha256).join(Laporan, Laporan.unggahan_id == Unggahan.id)))


def _kumpulkan_yang_tersimpan(process: subprocess.Popen[str], acknowledged: list[str]) -> None:
    """The files ``etl load`` reported stored (lines "✓ NAME: …"), as it prints them."""
    acknowledged.extend(line[2:].split(":", 1)[0] for line in process.stdout or [] if line.startswith("✓ "))


def scenario_kill(url: str, database: str, base: bytes, runs: int, seed: int, folder: Path) -> Kills:
    """``python -m etl load`` killed at random moments; afterwards consistent, nothing lost, and the
    same folder loads again with each file stored once."""
    engine = make_engine(url)
    prepare_database(engine)
    names = satker_names(engine)
    chooser = random.Random(seed)
    kills = Kills(database)
    start = time.perf_counter()
    env = {**os.environ, "HUMAS_DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    per_run = 6
    for run in range(runs):
        files = folder / f"{database}-{run}"
        files.mkdir()
        shas = {}
        for index in range(per_run):
            nama = names[(run * per_run + index) % len(names)]
            data = rewritten(base, {BASE_SATKER: nama, "SATKER": f"bunuh{run}x{index}"})
            (files / f"{index:02d}.xlsx").write_bytes(data)
            shas[f"{index:02d}.xlsx"] = hashlib.sha256(data).hexdigest()
        process = subprocess.Popen(
            [sys.executable, "-m", "etl", "load", str(files)],
            cwd=PROJECT_DIR,
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        acknowledged: list[str] = []
        reader = threading.Thread(target=_kumpulkan_yang_tersimpan, args=(process, acknowledged))
        reader.start()
        after, delay = chooser.randrange(1, per_run), chooser.uniform(0, 0.3)
        while sum(sha in shas.values() for sha in _shas(engine)) < after and process.poll() is None:
            time.sleep(0.005)
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        reader.join()
        stored = _shas(engine)
        kills.runs += 1
        kills.mid_load += len(acknowledged) < per_run
        kills.acknowledged += len(acknowledged)
        kills.lost += sum(shas[name] not in stored for name in acknowledged)
        with Session(engine) as session:
            kills.inconsistent += not periksa_konsistensi(session).konsisten
        again = subprocess.run(
            [sys.executable, "-m", "etl", "load", str(files)], cwd=PROJECT_DIR, env=env, capture_output=True, text=True
        )
        kills.reload_failed += again.returncode != 0
        stored = _shas(engine)
        kills.duplicates += sum(stored.count(sha) - 1 for sha in shas.values() if stored.count(sha) > 1)
        kills.lost += sum(sha not in stored for sha in shas.values())
        with Session(engine) as session:
            kills.inconsistent += not periksa_konsistensi(session).konsisten
    kills.seconds = time.perf_counter() - start
    engine.dispose()
    return kills


# --- Report -----------------------------------------------------------------------------------


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def report(figures: list[Figures], kills: list[Kills], rows: int, runs: int, seed: int) -> str:
    today = dt.date.today().isoformat()
    lines = [
        SECTION,
        "",
        f"Diukur {today} dengan `{COMMAND} --baris {rows} --bunuh {runs} --benih {seed}` (mesin 2 inti).",
        "",
        "Malam batas waktu: setiap unggahan lewat `etl.loader.load_workbook` dengan operator satkernya sebagai "
        "pengunggah (jalur halaman Unggah Laporan), masing-masing di thread sendiri seperti di server aplikasi, "
        f"semuanya dilepas bersamaan. Setiap laporan berisi ±{format_angka(rows)} baris kegiatan di sembilan sheet "
        "(dari templat aplikasi, nama satker dan tautan sendiri). Database baru untuk setiap skenario kecuali "
        "koreksi berebut, yang dikirim ke database skenario 39 satker sesudahnya.",
        "",
        "- **tersimpan**: versi baru disimpan; **tidak berubah**: berkas sama dengan versi aktif; **ditolak, coba "
        "lagi**: database sibuk atau tidak dapat dihubungi, tidak ada yang tertulis, pesan meminta unggah ulang; "
        "**ditolak karena berkas**: harus 0 (semua berkas sah).",
        "- **hilang** (harus 0): unggahan yang dilaporkan tersimpan atau tidak berubah tetapi berkasnya tidak ada "
        "di database, atau yang berakhir dengan pengecualian. **ganda** (harus 0): versi laporan melebihi jumlah "
        "unggahan yang menyimpan versi, atau berkas sama dua kali berturut-turut.",
        "- **konsisten**: `python -m etl periksa` (versi, unggahan, nilai bulanan terhadap baris kegiatan) sesudahnya.",
        "- Unggahan yang ditolak dikirim ulang satu per satu (jeda 2 detik), seperti operator yang membaca pesannya; "
        "kolom terakhir menghitung yang tersimpan setelah itu, dan hilang/ganda/konsisten dihitung lagi sesudahnya.",
        "",
        "| skenario | database | dicoba | tersimpan | tidak berubah | ditolak, coba lagi | ditolak karena berkas | "
        "hilang | ganda | konsisten | waktu | per unggahan p50 / p95 / maks | tersimpan setelah kirim ulang |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for f in figures:
        latency = f"{_s(statistics.median(f.latencies))} / {_s(percentile(f.latencies, 0.95))} / {_s(max(f.latencies))}"
        lines.append(
            f"| {f.scenario} | {f.database} | {f.attempted} | {f.stored} | {f.unchanged} | {f.refused} | "
            f"{f.rejected_file} | **{f.lost}** | **{f.duplicates}** | {'ya' if f.consistent else '**tidak**'} | "
            f"{_s(f.seconds)} | {latency} | {f.stored_after_retry} dari {f.refused} |"
        )
    if any(f.refused and f.scenario.startswith(str(NASIONAL)) for f in figures):
        lines += ["", NATIONAL_NOTE]
    messages = Counter[str]()
    for f in figures:
        messages.update(f.refused_messages)
    if messages:
        lines += ["", "Pesan penolakan yang diterima pengguna:", ""]
        lines += [f"- {count_}×: “{message}”" for message, count_ in messages.most_common()]
    lines += [
        "",
        f"SIGKILL: `python -m etl load FOLDER` (6 laporan, dengan proses pekerjanya) dibunuh sebagai satu grup "
        f"proses {runs} kali per database, setiap kali sesudah sejumlah acak (1–5) berkasnya masuk database dan "
        "jeda acak 0–0,3 detik; sesudahnya database diperiksa, lalu folder yang sama dimuat lagi.",
        "",
        "| database | putaran | mati di tengah muat | berkas dilaporkan tersimpan sebelum mati | hilang | ganda | "
        "pemeriksaan tidak konsisten | muat ulang gagal | waktu |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for k in kills:
        lines.append(
            f"| {k.database} | {k.runs} | {k.mid_load} | {k.acknowledged} | **{k.lost}** | **{k.duplicates}** | "
            f"{k.inconsistent} | {k.reload_failed} | {_s(k.seconds)} |"
        )
    total = sum(f.attempted for f in figures)
    lost = sum(f.lost for f in figures) + sum(k.lost for k in kills)
    duplicates = sum(f.duplicates for f in figures) + sum(k.duplicates for k in kills)
    refused = sum(f.refused for f in figures)
    lines += [
        "",
        f"Jumlah: {format_angka(total)} unggahan serentak dicoba, {format_angka(refused)} ditolak dengan pesan "
        f"untuk mengunggah ulang, **{lost} hilang**, **{duplicates} ganda**.",
        "",
    ]
    return "\n".join(lines)


def short(item: Figures | Kills) -> str:
    """One line of progress while the benchmark runs."""
    if isinstance(item, Kills):
        return f"SIGKILL {item.database}: {item.runs} putaran, hilang {item.lost}, ganda {item.duplicates}"
    return (
        f"{item.scenario} {item.database}: {item.attempted} dicoba, {item.stored} tersimpan, {item.refused} "
        f"ditolak, hilang {item.lost}, ganda {item.duplicates}, {item.seconds:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("HUMAS_TEST_POSTGRES_URL"))
    parser.add_argument("--tulis", type=Path)
    parser.add_argument("--baris", type=int, default=3_000)
    parser.add_argument("--bunuh", type=int, default=8)
    parser.add_argument("--benih", type=int, default=20240605)
    args = parser.parse_args()
    base = base_report(args.baris, args.benih)
    figures: list[Figures] = []
    kills: list[Kills] = []

    def fresh(database: str) -> contextlib.AbstractContextManager[str]:
        return sqlite_database() if database == "SQLite" else temporary_postgres(args.postgres)

    for database in ["SQLite", "PostgreSQL"] if args.postgres else ["SQLite"]:
        with fresh(database) as url:
            figures += scenario_polda(url, database, base)
        with fresh(database) as url:
            figures.append(scenario_national(url, database, base))
        with fresh(database) as url, tempfile.TemporaryDirectory() as folder:
            kills.append(scenario_kill(url, database, base, args.bunuh, args.benih, Path(folder)))
        for item in [*figures[-3:], kills[-1]]:
            print(short(item), flush=True)
    restart = scenario_restart(base)
    if restart is not None:
        figures.append(restart)
        print(short(restart), flush=True)
    figures.sort(
        key=lambda f: (f.scenario.split(" ")[0] != "39", "koreksi" in f.scenario, "dimulai" in f.scenario, f.database)
    )
    text_ = report(figures, kills, args.baris, args.bunuh, args.benih)
    print(text_)
    if args.tulis:
        write_section(args.tulis, SECTION, text_)


if __name__ == "__main__":
    main()
