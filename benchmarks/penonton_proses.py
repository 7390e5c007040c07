"""App servers for a viewer run: K ``streamlit run`` processes, and with K > 1 Caddy in front of
them with sticky sessions; and what those processes cost (RSS, CPU) read from /proc.

    python -m benchmarks.penonton_proses --database URL [--proses 2] [--port 8501]

starts them and keeps them running until Ctrl+C (the recipe of a multi-process deployment, to
try by hand or to measure with ``python -m benchmarks.penonton --alamat``).

Streamlit keeps each session (its widgets, its login, the files its page offers for download)
in the memory of the process that serves its websocket, so every request of a browser must reach
the same process: Caddy's ``lb_policy cookie`` sets a cookie on the first answer and sends that
browser to the same upstream from then on. Caddy passes the ``Host`` header through, so the app's
same-origin check on the websocket holds behind the proxy. Debian 12's Caddy (2.6) sends a browser
without that cookie to a random upstream; from Caddy 2.7 ``lb_policy cookie { fallback least_conn }``
would balance new browsers instead.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from db.engine import PROJECT_DIR
from testdata.server_aplikasi import hentikan, perintah_app, port_bebas, tunggu_sehat

KUKI_LB = "humas_lb"  # Caddy's sticky-session cookie
_PAGE = os.sysconf("SC_PAGE_SIZE")
_TICK = os.sysconf("SC_CLK_TCK")


@contextmanager
def proses_app(
    database_url: str,
    log: Path,
    port: int | None = None,
    env: dict[str, str] | None = None,
    profil: bool = False,
    opsi: list[str] | None = None,
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """One app process on ``port`` (default: a free one); yields it and its base URL once started
    (not yet healthy: the caller times that)."""
    port = port or port_bebas()
    environment = {**os.environ, "HUMAS_DATABASE_URL": database_url, **(env or {})}
    with open(log, "wb") as output:
        command = perintah_app(port, profil, opsi)
        process = subprocess.Popen(command, cwd=PROJECT_DIR, env=environment, stdout=output, stderr=subprocess.STDOUT)
    try:
        yield process, f"http://127.0.0.1:{port}"
    finally:
        hentikan(process)


def caddyfile(port: int, upstreams: list[str]) -> str:
    """A Caddy configuration: plain HTTP on 127.0.0.1:``port``, sticky sessions by cookie."""
    hosts = " ".join(u.removeprefix("http://") for u in upstreams)
    return f"""{{
	admin off
	auto_https off
}}

http://127.0.0.1:{port} {{
	reverse_proxy {hosts} {{
		lb_policy cookie {KUKI_LB}
		health_uri /_stcore/health
		health_interval 5s
	}}
}}
"""


@dataclass
class Layanan:
    """The address viewers open, and the processes whose cost is measured."""

    base: str
    pid_app: list[int]
    pid_proxy: list[int] = field(default_factory=list)
    base_app: list[str] = field(default_factory=list)  # each app process directly, behind the proxy


@contextmanager
def jalankan_layanan(
    database_url: str,
    proses: int,
    folder: Path,
    port: int | None = None,
    profil: bool = False,
    opsi: list[str] | None = None,
) -> Iterator[Layanan]:
    """``proses`` app processes (and Caddy in front when more than one), healthy; stopped after."""
    with ExitStack() as stack:
        apps = [
            stack.enter_context(
                proses_app(
                    database_url, folder / f"app-{i}.log", None if proses > 1 else port, profil=profil, opsi=opsi
                )
            )
            for i in range(proses)
        ]
        for i, (process, base) in enumerate(apps):
            tunggu_sehat(base, process, log=folder / f"app-{i}.log")
        pids = [process.pid for process, _ in apps]
        if proses == 1:
            yield Layanan(apps[0][1], pids, base_app=[apps[0][1]])
            return
        caddy = shutil.which("caddy")
        if caddy is None:
            raise RuntimeError("caddy tidak terpasang: apt-get install caddy")
        port = port or port_bebas()
        config = folder / "Caddyfile"
        config.write_text(caddyfile(port, [base for _, base in apps]), encoding="utf-8")
        env = {
            **os.environ,
            "XDG_DATA_HOME": str(folder / "caddy-data"),
            "XDG_CONFIG_HOME": str(folder / "caddy-config"),
        }
        with open(folder / "caddy.log", "wb") as log:
            proxy = subprocess.Popen(
                [caddy, "run", "--config", str(config), "--adapter", "caddyfile"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        stack.callback(hentikan, proxy)
        base = f"http://127.0.0.1:{port}"
        tunggu_sehat(base, proxy, log=folder / "caddy.log")
        yield Layanan(base, pids, [proxy.pid], [base for _, base in apps])


# --- what the processes cost -----------------------------------------------------------------


def _stat(pid: int) -> list[str]:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().rsplit(")", 1)[1].split()


def pohon(pid: int) -> list[int]:
    """``pid`` and all its descendants (kaleido's Chromium, a load's worker processes)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                children.setdefault(int(_stat(int(entry))[1]), []).append(int(entry))
            except (OSError, IndexError):
                continue  # the process ended while we looked
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def rss_mb(pids: list[int]) -> float:
    """Resident memory of ``pids`` and their descendants, MB (shared pages counted in each)."""
    total = 0
    for pid in {p for root in pids for p in pohon(root)}:
        try:
            total += int(_stat(pid)[21]) * _PAGE
        except (OSError, IndexError):
            continue
    return total / 2**20


def cpu_detik(pids: list[int]) -> float:
    """User + system CPU of ``pids`` so far, including children that ended (cutime, cstime)."""
    total = 0
    for pid in pids:
        fields = _stat(pid)
        total += sum(int(fields[i]) for i in (11, 12, 13, 14))
    return total / _TICK


def cpu_mesin() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    with open("/proc/stat", encoding="ascii") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / _TICK, sum(values) / _TICK


class PencatatMemori:
    """Samples the RSS of the app processes every ``jeda`` seconds while a run lasts, with the
    ``time.perf_counter()`` of each sample so that peaks can be matched with steps."""

    def __init__(self, pids: list[int], jeda: float = 0.2) -> None:
        self.pids, self.jeda = pids, jeda
        self.sampel: list[tuple[float, float]] = [(time.perf_counter(), rss_mb(pids))] if pids else []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.wait(self.jeda):
            self.sampel.append((time.perf_counter(), rss_mb(self.pids)))

    def puncak(self, sejak: float = 0.0) -> float | None:
        """The highest sample taken at or after ``sejak`` (perf_counter), MB."""
        values = [mb for t, mb in self.sampel if t >= sejak]
        return max(values) if values else None

    def __enter__(self) -> PencatatMemori:
        if self.pids:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pids:
            self._stop.set()
            self._thread.join()
            self.sampel.append((time.perf_counter(), rss_mb(self.pids)))


def pid_pendengar(port: int) -> int | None:
    """The process listening on 127.0.0.1:``port`` (for servers this harness did not start)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table, encoding="ascii") as rows:
            for row in list(rows)[1:]:
                columns = row.split()
                if columns[3] == "0A" and int(columns[1].rsplit(":", 1)[1], 16) == port:  # 0A = LISTEN
                    inodes.add(f"socket:[{columns[9]}]")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if any(os.readlink(f"/proc/{entry}/fd/{fd}") in inodes for fd in os.listdir(f"/proc/{entry}/fd")):
                return int(entry)
        except OSError:
            continue
    return None


def tambah_opsi_streamlit(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--opsi-streamlit",
        action="append",
        default=[],
        metavar="OPSI",
        help='opsi tambahan untuk streamlit run, mis. "--server.fileWatcherType none"',
    )


def opsi_streamlit(args: argparse.Namespace) -> list[str]:
    return [part for text in args.opsi_streamlit for part in shlex.split(text)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="URL database (HUMAS_DATABASE_URL) untuk semua proses")
    parser.add_argument("--proses", type=int, default=2, help="jumlah proses aplikasi (bawaan 2)")
    parser.add_argument(
        "--port", type=int, default=8501, help="port yang dibuka pengguna (proxy, atau aplikasi tunggal)"
    )
    tambah_opsi_streamlit(parser)
    args = parser.parse_args()
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="humas-layanan-")))
        layanan = stack.enter_context(
            jalankan_layanan(args.database, args.proses, folder, args.port, opsi=opsi_streamlit(args))
        )
        caddy = f", Caddy PID {layanan.pid_proxy[0]}" if layanan.pid_proxy else ""
        print(f"Siap: {layanan.base} ({args.proses} proses aplikasi, PID {layanan.pid_app}{caddy}); log di {folder}.")
        pids = "".join(f" --pid {p}" for p in layanan.pid_app)
        print(f"Ukur dengan: python -m benchmarks.penonton --alamat {layanan.base}{pids}")
        print("Ctrl+C untuk berhenti.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("Berhenti.")


if __name__ == "__main__":
    main()
