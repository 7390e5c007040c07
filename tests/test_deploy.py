"""deploy/ as an admin installs it: the app behind Caddy, and the network defaults of a fresh start.

The app runs with the command of ``deploy/humas@.service`` and Caddy with ``deploy/Caddyfile``,
changed only where a test must (ports, Caddy's data folder, no admin endpoint; the certificate is
the one Caddy's own CA issues, as with ``tls internal`` on a server). Caddy is used when installed
(CI installs it through uji.sh); nothing is installed here.
"""

from __future__ import annotations

import http.client
import json
import os
import shlex
import socket
import ssl
import subprocess
import sys
import threading
import time
import tomllib
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from analytics.alamat_klien import HEADER_ALAMAT_KLIEN, alamat_klien, baca_proxy_tepercaya
from db.engine import PROJECT_DIR, make_engine
from db.schema import prepare_database
from etl.file_safety import BATAS_BAWAAN
from testdata.server_aplikasi import CHROMIUM_ARGS, hentikan, port_bebas
from tests.browser import chromium_path
from tests.deploy import DEPLOY, unit_command, unit_environment
from tests.tools import require_program

CADDYFILE = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
MIB = 1024 * 1024
STREAMLIT_UPLOAD_OVERHEAD = MIB  # Streamlit's own streaming cap is maxUploadSize + 1 MiB of multipart framing


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced; fails when deploy/ no longer holds ``old`` exactly once."""
    assert text.count(old) == 1, f"{old!r} muncul {text.count(old)} kali"
    return text.replace(old, new)


def answers(url: str, context: ssl.SSLContext | None = None) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2, context=context) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def running(command: list[str], log: Path, ready: Callable[[], bool], env: dict[str, str]) -> Iterator[int]:
    """Start ``command`` in the project folder; yield its PID once ``ready()``; stop it by that PID."""
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            if ready():
                break
            if process.poll() is not None:
                pytest.fail(f"{command[0]} berhenti (kode {process.returncode}):\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        else:
            pytest.fail(f"{command[0]} tidak siap dalam 60 detik:\n{log.read_text()[-3000:]}")
        yield process.pid
    finally:
        hentikan(process)


@dataclass(frozen=True)
class Proxy:
    base: str
    tls: ssl.SSLContext  # trusts the CA that issued the proxy's certificate, and nothing else

    def request(
        self, method: str, path: str, body: bytes | Iterator[bytes] | None = None, headers: dict[str, str] | None = None
    ) -> tuple[http.client.HTTPResponse, bytes]:
        """One request over a new connection; a body without a length goes chunked."""
        connection = http.client.HTTPSConnection(self.base.removeprefix("https://"), context=self.tls, timeout=60)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response, response.read()

    def announce(self, path: str, length: int) -> tuple[http.client.HTTPResponse, bytes]:
        """Announce a PUT body of ``length`` bytes and read the answer before sending any of it."""
        connection = http.client.HTTPSConnection(self.base.removeprefix("https://"), context=self.tls, timeout=60)
        connection.putrequest("PUT", path)
        connection.putheader("Content-Length", str(length))
        connection.endheaders()
        response = connection.getresponse()
        return response, response.read()


@contextmanager
def caddy(tmp: Path, upstreams: list[int]) -> Iterator[Proxy]:
    """deploy/Caddyfile in front of ``upstreams`` on a free port, its data (CA) under ``tmp``."""
    program = require_program("caddy", install="apt-get install caddy")
    port, http_port = port_bebas(), port_bebas()
    config = replace_once(
        CADDYFILE, "\tskip_install_trust\n", f"\tskip_install_trust\n\tadmin off\n\thttp_port {http_port}\n"
    )
    config = replace_once(config, "humas.polda.local {", f"127.0.0.1:{port} {{")
    to = " ".join(f"127.0.0.1:{upstream}" for upstream in upstreams)
    config = replace_once(config, "reverse_proxy 127.0.0.1:8501 {", f"reverse_proxy {to} {{")
    (tmp / "Caddyfile").write_text(config, encoding="utf-8")
    env = {**os.environ, "HOME": str(tmp), "XDG_DATA_HOME": str(tmp / "data"), "XDG_CONFIG_HOME": str(tmp / "config")}
    root = tmp / "data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
    base = f"https://127.0.0.1:{port}"

    def ready() -> bool:
        return root.exists() and answers(f"{base}/_stcore/health", ssl.create_default_context(cafile=root))

    command = [program, "run", "--config", str(tmp / "Caddyfile"), "--adapter", "caddyfile"]
    with running(command, tmp / "caddy.log", ready, env):
        yield Proxy(base, ssl.create_default_context(cafile=root))


class Upstream(ThreadingHTTPServer):
    """Stands where an app process would: answers every request with its port, the bytes it read
    and the client-address headers it received."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.complete_bodies: list[int] = []
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _Handler(BaseHTTPRequestHandler):
    server: Upstream

    def do_GET(self) -> None:
        self._answer(0)

    def do_PUT(self) -> None:
        if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
            received = len(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        else:
            received = 0
            while size_line := self.rfile.readline().strip():
                if (size := int(size_line.split(b";")[0], 16)) == 0:
                    break
                received += len(self.rfile.read(size))
                self.rfile.readline()
            else:
                return  # the proxy cut the body off: no complete request, no answer
        self.server.complete_bodies.append(received)
        self._answer(received)

    def _answer(self, received: int) -> None:
        body = json.dumps(
            {
                "port": self.server.server_address[1],
                "bytes": received,
                "headers": [[name, value] for name, value in self.headers.items()],
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads the answers."""


@pytest.fixture
def upstreams() -> Iterator[list[Upstream]]:
    servers = [Upstream(), Upstream()]
    yield servers
    for server in servers:
        server.shutdown()
        server.server_close()


def _header_values(answer: dict, name: str) -> list[str]:
    return [value for key, value in answer["headers"] if key.lower() == name.lower()]


def test_the_proxy_overwrites_the_one_client_address_header(upstreams: list[Upstream], tmp_path: Path) -> None:
    with caddy(tmp_path, [upstreams[0].server_address[1]]) as proxy:
        spoofed = {HEADER_ALAMAT_KLIEN: "203.0.113.66", "X-Real-IP": "203.0.113.77", "Forwarded": "for=203.0.113.88"}
        response, body = proxy.request("GET", "/", headers=spoofed)
    assert response.status == 200
    answer = json.loads(body)
    assert _header_values(answer, HEADER_ALAMAT_KLIEN) == ["127.0.0.1"]  # this test's own address, nothing appended
    assert _header_values(answer, "X-Real-IP") == [] and _header_values(answer, "Forwarded") == []
    env_file = (DEPLOY / "humas.env.contoh").read_text(encoding="utf-8")
    trusted = dict(line.split("=", 1) for line in env_file.splitlines() if line.startswith("HUMAS_PROXY_TEPERCAYA="))
    headers = [(name, value) for name, value in answer["headers"]]
    assert alamat_klien("127.0.0.1", headers, baca_proxy_tepercaya(trusted)) == "127.0.0.1"


def test_several_app_processes_keep_each_browser_on_its_own(upstreams: list[Upstream], tmp_path: Path) -> None:
    ports = [server.server_address[1] for server in upstreams]
    with caddy(tmp_path, ports) as proxy:
        first, body = proxy.request("GET", "/")
        cookie = first.getheader("Set-Cookie").split(";")[0]
        assert cookie.startswith("humas_proses=")
        pinned = {json.loads(proxy.request("GET", "/", headers={"Cookie": cookie})[1])["port"] for _ in range(20)}
        spread = {json.loads(proxy.request("GET", "/")[1])["port"] for _ in range(40)}
    assert pinned == {json.loads(body)["port"]}
    assert spread == set(ports)  # without the cookie a new browser may land on either process


def test_the_proxy_refuses_bodies_larger_than_streamlit_takes(upstreams: list[Upstream], tmp_path: Path) -> None:
    limit = _proxy_limit()
    with caddy(tmp_path, [upstreams[0].server_address[1]]) as proxy:
        accepted, body = proxy.request("PUT", "/_stcore/upload_file/s/f", body=bytes(limit))
        refused, message = proxy.announce("/_stcore/upload_file/s/f", limit + 1)
        chunks = (bytes(MIB) for _ in range(limit // MIB + 2))  # no Content-Length: cut off while streaming
        try:
            streamed = proxy.request("PUT", "/_stcore/upload_file/s/f", body=chunks)[0].status
        except (OSError, http.client.HTTPException):
            streamed = None  # the proxy closed the connection while the body was still being sent
    assert accepted.status == 200 and json.loads(body)["bytes"] == limit
    assert refused.status == 413 and "terlalu besar" in message.decode()
    assert streamed != 200
    assert max(upstreams[0].complete_bodies) == limit  # nothing larger ever reached the app


def _proxy_limit() -> int:
    """``request_body { max_size NMiB }`` of deploy/Caddyfile, in bytes; the Content-Length rule agrees."""
    size = next(line.split()[1] for line in CADDYFILE.splitlines() if line.strip().startswith("max_size"))
    assert size.endswith("MiB")
    limit = int(size.removesuffix("MiB")) * MIB
    assert f"int({{http.request.header.Content-Length}}) > {limit}`" in CADDYFILE
    return limit


def test_upload_limits_grow_from_the_app_to_streamlit_to_the_proxy() -> None:
    """Every file the app accepts passes Streamlit, and all Streamlit takes passes the proxy, so a
    user always gets the app's own message; the proxy only stops what nobody would accept."""
    config = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    streamlit_limit = config["server"]["maxUploadSize"] * MIB
    assert BATAS_BAWAAN.max_bytes < streamlit_limit
    assert _proxy_limit() == streamlit_limit + STREAMLIT_UPLOAD_OVERHEAD


@pytest.fixture
def database(tmp_path: Path) -> str:
    """A SQLite database with the reference data: enough for the login form."""
    url = f"sqlite:///{tmp_path / 'humas.sqlite'}"
    engine = make_engine(url)
    prepare_database(engine)
    engine.dispose()
    return url


@pytest.fixture
def page() -> Iterator[Page]:
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        # Chromium does not know the test CA; the Python checks above verify the certificate.
        context = browser.new_context(ignore_https_errors=True, locale="id-ID")
        yield context.new_page()
        browser.close()


@pytest.mark.browser
def test_the_app_works_through_the_proxy(database: str, page: Page, tmp_path: Path) -> None:
    port = port_bebas()
    env = {**os.environ, **unit_environment("humas@.service"), "HUMAS_DATABASE_URL": database}
    app = unit_command("humas@.service", port)
    with running(app, tmp_path / "app.log", lambda: answers(f"http://127.0.0.1:{port}/_stcore/health"), env):
        assert _listening(port) == {"127.0.0.1"}
        with caddy(tmp_path, [port]) as proxy:
            health, text = proxy.request("GET", "/_stcore/health")
            sockets: list[str] = []
            page.on("websocket", lambda ws: sockets.append(ws.url))
            document = page.goto(proxy.base)
            expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=60_000)
            expect(page.get_by_role("button", name="Masuk")).to_be_visible()
    assert health.status == 200 and text == b"ok"
    for headers in ({k.lower(): v for k, v in health.getheaders()}, document.headers if document else {}):
        assert headers["x-frame-options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
    assert f"wss://127.0.0.1:{proxy.base.rsplit(':', 1)[1]}/_stcore/stream" in sockets


def _listening(port: int) -> set[str]:
    """The addresses on which some process listens on TCP ``port`` (Linux /proc/net)."""
    found = set()
    for table, width in (("tcp", 4), ("tcp6", 16)):
        for line in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                raw = bytes.fromhex(address)
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, width, 4))  # each 32-bit word is little-endian
                found.add(socket.inet_ntop(socket.AF_INET if width == 4 else socket.AF_INET6, words))
    return found


def _jalankan_sh_command(port: int, script: Path | None = None) -> list[str]:
    """The line of jalankan.sh that starts the app, run by bash with this test's Python (and
    ``script`` instead of aplikasi.py)."""
    line = (PROJECT_DIR / "jalankan.sh").read_text(encoding="utf-8").rstrip().splitlines()[-1]
    line = replace_once(line, " .venv/bin/streamlit ", f" {shlex.quote(sys.executable)} -m streamlit ")
    if script is not None:
        line = replace_once(line, " aplikasi.py ", f" {shlex.quote(str(script))} ")
    return ["bash", "-c", line, "jalankan.sh", "--server.port", str(port), "--server.headless", "true"]


def _lan_address() -> str | None:
    """This machine's address on its network, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent; only picks the outgoing interface
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def _reachable(address: str, port: int) -> bool:
    try:
        socket.create_connection((address, port), timeout=2).close()
        return True
    except OSError:
        return False


@pytest.mark.browser
@pytest.mark.parametrize(("alamat", "expected"), [(None, {"127.0.0.1"}), ("0.0.0.0", {"0.0.0.0"})])
def test_jalankan_sh_listens_on_this_computer_unless_opened(
    alamat: str | None, expected: set[str], database: str, tmp_path: Path
) -> None:
    port = port_bebas()
    env = {key: value for key, value in os.environ.items() if key != "HUMAS_ALAMAT"}
    env |= {"HUMAS_DATABASE_URL": database} | ({"HUMAS_ALAMAT": alamat} if alamat else {})
    health = f"http://127.0.0.1:{port}/_stcore/health"
    with running(_jalankan_sh_command(port), tmp_path / "app.log", lambda: answers(health), env):
        listening = _listening(port)
        lan = _lan_address()
        from_lan = lan is not None and _reachable(lan, port)
    assert listening == expected
    if lan is not None:
        assert from_lan == (alamat is not None), lan


@pytest.mark.browser
def test_an_error_shows_users_no_exception_traceback_or_server_path(page: Page, tmp_path: Path) -> None:
    script = tmp_path / "rusak.py"
    script.write_text('raise RuntimeError(f"rahasia {__file__}")\n', encoding="utf-8")
    port = port_bebas()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
    ]
    health = f"http://127.0.0.1:{port}/_stcore/health"
    with running(command, tmp_path / "app.log", lambda: answers(health), dict(os.environ)):
        page.goto(f"http://127.0.0.1:{port}")
        shown = page.get_by_test_id("stException")
        expect(shown).to_be_visible(timeout=60_000)
        text = page.get_by_test_id("stMain").inner_text()
    for secret in ("rahasia", "RuntimeError", "Traceback", str(tmp_path), "rusak.py"):
        assert secret not in text
    assert "rahasia" in (tmp_path / "app.log").read_text()  # the admin still finds it in the server log


PEER_PROBE = """import streamlit as st

st.text(f"peer={st.context.ip_address!r} xff={st.context.headers.get_all('X-Forwarded-For')!r}")
"""


@pytest.mark.browser
@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("humas@.service", "peer=None xff=['192.0.2.7']"),
        ("jalankan.sh", "peer=None xff=['192.0.2.7']"),
        # Streamlit started without that setting: why both set it
        ("streamlit run", "peer='192.0.2.7' xff=['192.0.2.7']"),
    ],
)
def test_streamlit_reports_the_real_peer_not_a_header_the_browser_sent(
    start: str, expected: str, page: Page, tmp_path: Path
) -> None:
    """Streamlit shows a loopback peer as ``None``; its server believes ``X-Forwarded-For`` from
    127.0.0.1 unless ``FORWARDED_ALLOW_IPS`` is empty. Started as deploy/ and jalankan.sh start it,
    a browser on this computer that claims another address is still seen as itself."""
    script = tmp_path / "peer.py"
    script.write_text(PEER_PROBE, encoding="utf-8")
    port = port_bebas()
    env = {key: value for key, value in os.environ.items() if key != "FORWARDED_ALLOW_IPS"}
    if start == "humas@.service":
        command = [part.replace("aplikasi.py", str(script)) for part in unit_command(start, port)]
        env |= unit_environment(start)
    elif start == "jalankan.sh":
        command = _jalankan_sh_command(port, script)
    else:
        command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
        command += ["--server.headless", "true"]
    health = f"http://127.0.0.1:{port}/_stcore/health"
    with running(command, tmp_path / "app.log", lambda: answers(health), env):
        page.set_extra_http_headers({HEADER_ALAMAT_KLIEN: "192.0.2.7"})
        page.goto(f"http://127.0.0.1:{port}")
        expect(page.get_by_text("peer=")).to_have_text(expected, timeout=60_000)
