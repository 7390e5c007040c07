"""Running untrusted work (reading an uploaded workbook, annotating it) in a child process with
limits, so that a reader crash, a memory blow-up or an endless loop ends that child, never the
server or the command that asked.

The spreadsheet readers are native code: python-calamine aborts the whole process (SIGABRT, not
an exception) when an allocation fails, and openpyxl may take minutes and gigabytes on a large
file. :func:`jalankan_terisolasi` runs a function in a fresh child with an address-space limit
(``RLIMIT_AS``), a CPU-time limit (``RLIMIT_CPU``) and a wall-clock timeout, and turns every way
the child can end badly into :class:`ProsesGagal` with the cause. Children come from a
forkserver started once with the reading modules preloaded: a fork of a small, single-threaded
process is cheap and safe, where forking the multi-threaded Streamlit server is not.
:func:`batasi_proses` puts the same limits on a process that is already a worker (the folder
load's process pool).
"""

from __future__ import annotations

import io
import multiprocessing
import os
import resource
import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.connection import Connection
from typing import Any, Literal, TypeVar

T = TypeVar("T")

ENV_BATAS_MEMORI = "HUMAS_BATAS_MEMORI_MB"
MB = 1024 * 1024
_PRELOAD = ["etl.loader", "etl.annotate", "etl.batch"]

Sebab = Literal["memori", "waktu", "mati"]


@dataclass(frozen=True)
class BatasProses:
    """What one piece of isolated work may use: address space above what the process holds when
    it starts (bytes), CPU seconds, and wall-clock seconds (the parent's wait)."""

    memori_byte: int = 2048 * MB
    cpu_detik: int = 120
    waktu_detik: float = 300.0


def batas_baca() -> BatasProses:
    """The limits for reading and validating one workbook; ``HUMAS_BATAS_MEMORI_MB`` lowers or
    raises the memory (for a small server, or to try the limit)."""
    batas = BatasProses()
    nilai = os.environ.get(ENV_BATAS_MEMORI, "").strip()
    return replace(batas, memori_byte=int(nilai) * MB) if nilai.isdigit() and int(nilai) > 0 else batas


class ProsesGagal(Exception):
    """The isolated work ended without a result: ``sebab`` says how (memory, time, or a crash)."""

    def __init__(self, sebab: Sebab, rincian: str) -> None:
        super().__init__(f"{sebab}: {rincian}")
        self.sebab: Sebab = sebab
        self.rincian = rincian


class GalatAnak(RuntimeError):
    """The isolated function raised: a bug, not a hostile file; carries the child's traceback."""


def batasi_proses(batas: BatasProses) -> None:
    """Limit this process: address space to what it holds now plus ``batas.memori_byte``, CPU to
    ``batas.cpu_detik`` more seconds (SIGXCPU ends it), and no core files (an aborting reader
    would otherwise write one the size of the data). Only soft limits are set, so that a pool
    worker calling it again before each file renews both budgets."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    _turunkan(resource.RLIMIT_AS, _ukuran_virtual() + batas.memori_byte)
    dipakai = resource.getrusage(resource.RUSAGE_SELF)
    _turunkan(resource.RLIMIT_CPU, int(dipakai.ru_utime + dipakai.ru_stime) + 1 + batas.cpu_detik)


def _turunkan(jenis: int, lunak: int) -> None:
    """Set a soft limit, never above the hard limit in force (which an unprivileged process cannot raise)."""
    _, keras = resource.getrlimit(jenis)
    resource.setrlimit(jenis, (lunak if keras == resource.RLIM_INFINITY else min(lunak, keras), keras))


def _ukuran_virtual() -> int:
    """This process's address space now (VmSize), in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("VmSize tidak ditemukan di /proc/self/status")


def _konteks() -> multiprocessing.context.ForkServerContext:
    konteks = multiprocessing.get_context("forkserver")
    konteks.set_forkserver_preload(_PRELOAD)
    return konteks


class _PopenTanpaMain(popen_forkserver.Popen):
    """The forkserver's launch without re-running the main module in the child.

    multiprocessing re-executes ``__main__`` from its path in every new child. Under Streamlit
    ``__main__`` is the app script itself (dashboard.py: the child would run the whole app), under
    the ``streamlit`` launcher it imports Streamlit (2–3 s per upload). The isolated function is a
    module-level function of a preloaded module, so the child needs nothing from ``__main__``.
    This is popen_forkserver.Popen._launch (Python 3.11–3.13) with the main module left out of the
    preparation data."""

    def _launch(self, process_obj: Any) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_path", None)
        prep_data.pop("init_main_from_name", None)
        buf = io.BytesIO()
        multiprocessing.context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            multiprocessing.context.set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        _parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Anak(multiprocessing.context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj: Any) -> _PopenTanpaMain:
        return _PopenTanpaMain(process_obj)


def jalankan_terisolasi(
    fungsi: Callable[..., T], *args: Any, batas: BatasProses | None = None, fork_langsung: bool = False
) -> T:
    """``fungsi(*args)`` in a child process under ``batas``; its result, or :class:`ProsesGagal`
    when the child ran out of memory, time or died, or :class:`GalatAnak` when it raised.

    ``fungsi`` and ``args`` travel by pickle: a module-level function and plain values.
    ``fork_langsung`` forks this process instead of asking the forkserver: for a command line
    process, which has no server threads to copy, the child is ready at once, where starting the
    forkserver for a single file cost 0.6–0.7 s.
    """
    batas = batas or batas_baca()
    anak: multiprocessing.process.BaseProcess
    if fork_langsung:
        fork = multiprocessing.get_context("fork")
        terima, kirim = fork.Pipe(duplex=False)
        anak = fork.Process(target=_anak, args=(kirim, fungsi, args, batas), daemon=True)
    else:
        terima, kirim = _konteks().Pipe(duplex=False)
        anak = _Anak(target=_anak, args=(kirim, fungsi, args, batas), daemon=True)
    anak.start()
    kirim.close()
    try:
        hasil = _tunggu(terima, anak, batas)
    finally:
        terima.close()
        if anak.is_alive():
            anak.kill()
        anak.join()
    if hasil is None:
        raise _dari_kode_keluar(anak.exitcode)
    status, nilai = hasil
    if status == "ok":
        return nilai  # type: ignore[no-any-return]
    if status == "memori":
        raise ProsesGagal("memori", nilai)
    raise GalatAnak(nilai)


def _tunggu(terima: Connection, anak: multiprocessing.process.BaseProcess, batas: BatasProses) -> Any:
    """The child's message, None when it died without one; kills it after the wall-clock limit."""
    if not terima.poll(batas.waktu_detik):
        anak.kill()
        anak.join()
        raise ProsesGagal("waktu", f"lebih dari {batas.waktu_detik:g} detik")
    try:
        return terima.recv()
    except EOFError:
        return None


def _dari_kode_keluar(kode: int | None) -> ProsesGagal:
    """How a child that sent nothing ended: SIGXCPU is the CPU limit; SIGABRT is how native code
    (Rust) ends when an allocation fails under the address-space limit, SIGKILL the kernel's
    out-of-memory killer; anything else is a crash."""
    if kode is not None and kode < 0:
        nama = signal.Signals(-kode).name
        if -kode == signal.SIGXCPU:
            return ProsesGagal("waktu", nama)
        if -kode in (signal.SIGABRT, signal.SIGKILL):
            return ProsesGagal("memori", nama)
        return ProsesGagal("mati", nama)
    return ProsesGagal("mati", f"kode keluar {kode}")


def _anak(kirim: Connection, fungsi: Callable[..., Any], args: tuple[Any, ...], batas: BatasProses) -> None:
    """The child: limit itself, run, send back ("ok", result), ("memori", detail) or ("galat", traceback)."""
    batasi_proses(batas)
    try:
        pesan: tuple[str, Any] = ("ok", fungsi(*args))
    except MemoryError:
        pesan = ("memori", "MemoryError")
    except BaseException:  # a bug in the isolated function: the parent raises it as GalatAnak
        pesan = ("galat", traceback.format_exc())
    try:
        kirim.send(pesan)
    except MemoryError:
        kirim.send(("memori", "MemoryError saat mengirim hasil"))
    finally:
        kirim.close()
