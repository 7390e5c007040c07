"""The real client address: the forwarded header counts only from a trusted proxy."""

from __future__ import annotations

import doctest
import http.client
import io

import pytest

import analytics.alamat_klien
from analytics.alamat_klien import PENGATURAN_PROXY_TEPERCAYA, alamat_klien, baca_proxy_tepercaya

LOKAL = baca_proxy_tepercaya({PENGATURAN_PROXY_TEPERCAYA: "127.0.0.1,::1"})
LAN = baca_proxy_tepercaya({PENGATURAN_PROXY_TEPERCAYA: "10.8.0.5, 10.8.1.0/24"})
TIDAK_ADA: frozenset = frozenset()


def xff(*values: str) -> list[tuple[str, str]]:
    return [("X-Forwarded-For", value) for value in values]


@pytest.mark.parametrize(
    ("peer", "header", "tepercaya", "expected"),
    [
        # a client connecting directly: its own address, whatever it claims
        ("192.0.2.7", xff("127.0.0.1"), LOKAL, "192.0.2.7"),
        ("192.0.2.7", xff("10.0.0.1, 127.0.0.1"), LOKAL, "192.0.2.7"),
        ("127.0.0.1", xff("192.0.2.7"), TIDAK_ADA, "127.0.0.1"),  # no proxy trusted (the default)
        ("10.8.0.9", xff("127.0.0.1"), LAN, "10.8.0.9"),  # beside the proxy, not the proxy
        # through the proxy: the address it wrote
        ("127.0.0.1", xff("192.0.2.7"), LOKAL, "192.0.2.7"),
        ("127.0.0.1", xff(" 192.0.2.7 "), LOKAL, "192.0.2.7"),
        ("127.0.0.1", xff("192.0.2.7:51234"), LOKAL, "192.0.2.7"),
        ("127.0.0.1", xff("127.0.0.1"), LOKAL, "127.0.0.1"),  # a browser on the server itself, through the proxy
        ("10.8.0.5", xff("192.0.2.7"), LAN, "192.0.2.7"),
        ("10.8.1.44", xff("192.0.2.7"), LAN, "192.0.2.7"),
        # IPv6 peers and clients
        ("::1", xff("2001:db8::7"), LOKAL, "2001:db8::7"),
        ("::1", xff("[2001:DB8:0::7]:443"), LOKAL, "2001:db8::7"),
        ("::1", xff('"[2001:db8::7]"'), LOKAL, "2001:db8::7"),
        ("2001:db8::7", xff("192.0.2.9"), LOKAL, "2001:db8::7"),
        ("::ffff:127.0.0.1", xff("192.0.2.7"), LOKAL, "192.0.2.7"),  # IPv4 on a dual-stack socket
        ("127.0.0.1", xff("::ffff:192.0.2.7"), LOKAL, "192.0.2.7"),
        ("fe80::1%eth0", xff("192.0.2.7"), LOKAL, "fe80::1%eth0"),
        # several values: read from the right, past trusted proxies only
        ("127.0.0.1", xff("203.0.113.66, 192.0.2.7"), LOKAL, "192.0.2.7"),  # client's claim, then the real address
        ("127.0.0.1", xff("203.0.113.66", "192.0.2.7"), LOKAL, "192.0.2.7"),  # the same as two header lines
        ("10.8.0.5", xff("203.0.113.66, 192.0.2.7, 10.8.1.44"), LAN, "192.0.2.7"),  # two proxies in a row
        ("10.8.0.5", xff("10.8.1.3, 10.8.1.44"), LAN, "10.8.1.3"),  # every hop a proxy: the first is the client
        # garbage: never an exception, never the proxy's (local) address
        ("127.0.0.1", [], LOKAL, None),
        ("127.0.0.1", xff(""), LOKAL, None),
        ("127.0.0.1", xff("unknown"), LOKAL, None),
        ("127.0.0.1", xff("192.0.2.7, bukan-alamat"), LOKAL, None),
        ("127.0.0.1", xff("<script>, 999.1.1.1"), LOKAL, None),
        ("127.0.0.1", xff("1.2.3.4.5"), LOKAL, None),
        ("127.0.0.1", xff("[2001:db8::7"), LOKAL, None),
        ("127.0.0.1", xff("[2001:db8::7]x"), LOKAL, None),
        ("127.0.0.1", xff("192.0.2.7:port"), LOKAL, None),
        ("127.0.0.1", xff("192.0.2.7:"), LOKAL, None),
        ("127.0.0.1", xff(",,,"), LOKAL, None),
        ("127.0.0.1", xff("192.0.2.7" + ",1" * 10_000), LOKAL, None),
        ("127.0.0.1", [("X-Real-IP", "192.0.2.7"), ("Forwarded", "for=192.0.2.7")], LOKAL, None),
        ("127.0.0.1", [("X-Forwarded-For",)], LOKAL, None),  # not header pairs
        ("127.0.0.1", 42, LOKAL, None),
        ("", xff("192.0.2.7"), LOKAL, None),
        (None, xff("192.0.2.7"), LOKAL, None),
        ("proxy.polda.local", xff("192.0.2.7"), LOKAL, None),
    ],
)
def test_alamat_klien(peer: str | None, header: object, tepercaya: frozenset, expected: str | None) -> None:
    assert alamat_klien(peer, header, tepercaya) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "header",
    [
        {"x-forwarded-for": "192.0.2.7"},  # a plain mapping, name in any case
        {"X-FORWARDED-FOR": "192.0.2.7"},
        http.client.parse_headers(io.BytesIO(b"X-Forwarded-For: 203.0.113.66\r\nX-Forwarded-For: 192.0.2.7\r\n\r\n")),
    ],
)
def test_header_as_a_mapping_or_a_message_with_repeated_lines(header: object) -> None:
    assert alamat_klien("127.0.0.1", header, LOKAL) == "192.0.2.7"  # type: ignore[arg-type]


def test_streamlit_headers_give_every_repeated_line() -> None:
    """``st.context.headers`` answers ``[name]`` with the first line only (the client's own claim, when
    a proxy adds a line): every line must be read."""
    from streamlit.runtime.context import StreamlitHeaders

    header = StreamlitHeaders(xff("203.0.113.66", "192.0.2.7"))
    assert header["X-Forwarded-For"] == "203.0.113.66"
    assert alamat_klien("127.0.0.1", header, LOKAL) == "192.0.2.7"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", set()),
        ("   ", set()),
        ("127.0.0.1", {"127.0.0.1/32"}),
        ("127.0.0.1,::1", {"127.0.0.1/32", "::1/128"}),
        (" 10.8.0.5 ,, 10.8.1.7/24\t::1 ", {"10.8.0.5/32", "10.8.1.0/24", "::1/128"}),
    ],
)
def test_baca_proxy_tepercaya(value: str, expected: set[str]) -> None:
    assert {str(n) for n in baca_proxy_tepercaya({PENGATURAN_PROXY_TEPERCAYA: value})} == expected


def test_no_proxy_is_trusted_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PENGATURAN_PROXY_TEPERCAYA, raising=False)
    assert baca_proxy_tepercaya() == frozenset()
    monkeypatch.setenv(PENGATURAN_PROXY_TEPERCAYA, "::1")
    assert {str(n) for n in baca_proxy_tepercaya()} == {"::1/128"}


@pytest.mark.parametrize(
    ("value", "wrong"),
    [
        ("localhost", "localhost"),
        ("127.0.0.1;::1", "127.0.0.1;::1"),
        ("10.8.0.0/33", "10.8.0.0/33"),
        ("::1, semua", "semua"),
    ],
)
def test_a_wrong_trusted_proxy_is_an_error_naming_it(value: str, wrong: str) -> None:
    with pytest.raises(ValueError, match=PENGATURAN_PROXY_TEPERCAYA) as error:
        baca_proxy_tepercaya({PENGATURAN_PROXY_TEPERCAYA: value})
    assert f"“{wrong}”" in str(error.value)


def test_docstring_examples() -> None:
    result = doctest.testmod(analytics.alamat_klien)
    assert result.attempted > 0 and result.failed == 0
