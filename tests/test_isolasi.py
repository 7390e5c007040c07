"""Reading in isolation (etl.isolasi): a child that runs out of memory, time or dies becomes a
rejection of that file, never a dead server or a lost folder; real children, real limits, real
workbooks (one that is legal in extent but needs more memory than a lowered limit allows)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analytics.nama import SatkerDirectory
from db.engine import PROJECT_DIR
from etl.isolasi import MB, BatasProses, GalatAnak, ProsesGagal, jalankan_terisolasi
from etl.loader import Reference, validate_terisolasi
from testdata.workbooks import activity, laporan, rewritten

KECIL = BatasProses(memori_byte=64 * MB, cpu_detik=2, waktu_detik=20)
GOOD = laporan({"TB News": [activity(2, "https://a.id/1"), activity(3, "https://a.id/2")]})
# Legal extent (BL46000: 64 columns × 46,000 rows, under the 3 million cells), but the reader
# materialises ~3 million cells: more than a lowered memory limit allows.
HUNGRY = laporan(edit=lambda book: book["TB News"].__setitem__("BL46000", "x"))
REFERENCE = Reference(SatkerDirectory({}), [])
TODAY = dt.date(2024, 6, 3)


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * MB))


def kill_self(signal_number: int) -> None:
    os.kill(os.getpid(), signal_number)


def spin() -> None:
    while True:
        pass


def fail() -> None:
    raise ValueError("bukan berkasnya")


def test_the_result_comes_back_from_the_child() -> None:
    assert jalankan_terisolasi(allocate, 8, batas=KECIL) == 8 * MB


@pytest.mark.parametrize(
    ("fungsi", "args", "sebab"),
    [
        (allocate, (512,), "memori"),  # MemoryError under RLIMIT_AS
        (kill_self, (signal.SIGABRT,), "memori"),  # how Rust ends when an allocation fails
        (kill_self, (signal.SIGSEGV,), "mati"),
        (spin, (), "waktu"),  # SIGXCPU after the CPU seconds
    ],
)
def test_every_bad_end_of_the_child_is_a_failure_with_its_cause(fungsi: object, args: tuple, sebab: str) -> None:
    with pytest.raises(ProsesGagal) as gagal:
        jalankan_terisolasi(fungsi, *args, batas=KECIL)  # type: ignore[arg-type]
    assert gagal.value.sebab == sebab


def test_the_wall_clock_limit_kills_a_child_that_waits() -> None:
    start = time.monotonic()
    with pytest.raises(ProsesGagal) as gagal:
        jalankan_terisolasi(time.sleep, 60, batas=BatasProses(waktu_detik=1))
    assert gagal.value.sebab == "waktu" and time.monotonic() - start < 30


def test_an_exception_in_the_child_is_a_bug_not_a_rejection() -> None:
    with pytest.raises(GalatAnak, match="bukan berkasnya"):
        jalankan_terisolasi(fail, batas=KECIL)


def test_a_reader_out_of_memory_rejects_the_file_and_a_normal_file_still_reads() -> None:
    batas = BatasProses(memori_byte=40 * MB)
    (problem,) = validate_terisolasi(REFERENCE, HUNGRY, "laporan_mei.xlsx", None, TODAY, batas_proses=batas).problems
    assert "Berkas laporan_mei.xlsx tidak dapat diperiksa: membacanya memerlukan lebih dari 40 MB memori" in (
        problem.message
    )
    validated = validate_terisolasi(REFERENCE, GOOD, "laporan_mei.xlsx", None, TODAY, batas_proses=batas)
    assert validated.kind == "laporan_bulanan" and validated.payload is not None


def _etl_load(folder: Path, database: Path, memori_mb: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HUMAS_DATABASE_URL": f"sqlite:///{database}", "HUMAS_BATAS_MEMORI_MB": str(memori_mb)}
    return subprocess.run(
        [sys.executable, "-m", "etl", "load", "--json", str(folder)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def test_a_folder_loads_its_good_files_beside_a_far_reaching_and_a_reader_crashing_one(tmp_path: Path) -> None:
    """The hungry file aborts its pool worker (SIGABRT under the lowered limit): the pool is given up,
    the files whose results had not come back are loaded one by one in isolation."""
    folder = tmp_path / "laporan"
    folder.mkdir()
    satker = ["Polres Kediri Kota", "Polres Blitar", "Polres Malang", "Polres Batu"]
    for number, name in enumerate(satker, start=1):
        (folder / f"{number}_baik.xlsx").write_bytes(rewritten(GOOD, {"Polres Kediri Kota": name}))
    (folder / "2_lapar.xlsx").write_bytes(rewritten(HUNGRY, {"Polres Kediri Kota": "Polres Tulungagung"}))
    (folder / "3_jauh.xlsx").write_bytes(laporan(edit=lambda book: book["IPSE"].__setitem__("XFD100000", "x")))
    database = tmp_path / "muat.sqlite"

    ran = _etl_load(folder, database, memori_mb=60)
    assert ran.returncode == 1, ran.stderr
    assert "Traceback" not in ran.stderr and "dimuat ulang satu per satu" in ran.stderr
    results = {item["file"]: item for item in json.loads(ran.stdout)}
    assert {name: item["status"] for name, item in results.items()} == {
        "1_baik.xlsx": "loaded",
        "2_baik.xlsx": "loaded",
        "2_lapar.xlsx": "rejected",
        "3_baik.xlsx": "loaded",
        "3_jauh.xlsx": "rejected",
        "4_baik.xlsx": "loaded",
    }
    assert "membacanya memerlukan lebih dari 60 MB memori" in results["2_lapar.xlsx"]["errors"][0]["message"]
    assert "sampai sel XFD100000" in results["3_jauh.xlsx"]["errors"][0]["message"]

    again = _etl_load(folder, database, memori_mb=60)  # idempotent: nothing stored twice
    statuses = {item["file"]: item["status"] for item in json.loads(again.stdout)}
    assert [statuses[f"{number}_baik.xlsx"] for number in range(1, 5)] == ["unchanged"] * 4


def test_a_single_file_on_the_command_line_is_read_in_isolation_too(tmp_path: Path) -> None:
    """Alone, a file gets the same limits as in a folder: a reader that would take all memory (or a
    file that slips past the extent check) ends as a rejection, not as a dead command."""
    path = tmp_path / "lapar.xlsx"
    path.write_bytes(HUNGRY)
    ran = _etl_load(path, tmp_path / "muat.sqlite", memori_mb=60)
    assert ran.returncode == 1, ran.stderr
    assert "Traceback" not in ran.stderr
    (item,) = json.loads(ran.stdout)
    assert item["status"] == "rejected"
    assert "membacanya memerlukan lebih dari 60 MB memori" in item["errors"][0]["message"]
