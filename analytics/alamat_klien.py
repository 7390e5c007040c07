"""The real address of the browser behind the reverse proxy of ``deploy/``.

Anything keyed on the client's address (sample accounts refused from another computer, login
throttling, the audit log) must use the address of the computer that opened the page. Behind the
proxy every connection comes from the proxy, which writes the client's address into one header,
``X-Forwarded-For``, overwriting whatever the client sent (``deploy/Caddyfile``). That header is
believed only when the connection really comes from a proxy the admin named in
``HUMAS_PROXY_TEPERCAYA``: any client can send the header itself.

Pure: no Streamlit, no database; the caller passes the peer address and the request headers. The
peer must be the real TCP peer: Streamlit's server (uvicorn) replaces a 127.0.0.1 peer with
``X-Forwarded-For`` unless ``FORWARDED_ALLOW_IPS`` is empty, as ``deploy/humas@.service`` and
``jalankan.sh`` set it.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Collection, Iterable, Mapping
from typing import Protocol

PENGATURAN_PROXY_TEPERCAYA = "HUMAS_PROXY_TEPERCAYA"
HEADER_ALAMAT_KLIEN = "X-Forwarded-For"

Alamat = ipaddress.IPv4Address | ipaddress.IPv6Address
Jaringan = ipaddress.IPv4Network | ipaddress.IPv6Network


class _HeaderBerulang(Protocol):
    """Headers that keep every instance of a repeated name (``http.client.HTTPMessage``,
    ``st.context.headers``)."""

    def get_all(self, name: str) -> list[str] | None: ...


Header = Mapping[str, str] | Iterable[tuple[str, str]] | _HeaderBerulang


def baca_proxy_tepercaya(lingkungan: Mapping[str, str] | None = None) -> frozenset[Jaringan]:
    """The proxies whose ``X-Forwarded-For`` is believed, from ``HUMAS_PROXY_TEPERCAYA``.

    Addresses or networks separated by commas or spaces; empty or unset means no proxy is trusted
    (the app is reached directly). A wrong entry is an error naming it, never silently dropped: an
    admin who typed the proxy's address wrong must find out before every client looks like the proxy.

    >>> sorted(str(n) for n in baca_proxy_tepercaya({"HUMAS_PROXY_TEPERCAYA": "127.0.0.1, ::1 10.8.0.0/24"}))
    ['10.8.0.0/24', '127.0.0.1/32', '::1/128']
    >>> baca_proxy_tepercaya({})
    frozenset()
    """
    nilai = (os.environ if lingkungan is None else lingkungan).get(PENGATURAN_PROXY_TEPERCAYA, "")
    jaringan: set[Jaringan] = set()
    for entri in nilai.replace(",", " ").split():
        try:
            jaringan.add(ipaddress.ip_network(entri, strict=False))
        except ValueError:
            raise ValueError(
                f"{PENGATURAN_PROXY_TEPERCAYA}: “{entri}” bukan alamat IP atau jaringan. Tulis alamat proxy, "
                "dipisah koma, mis. 127.0.0.1,::1 atau 10.8.0.0/24; kosongkan bila aplikasi dibuka tanpa proxy."
            ) from None
    return frozenset(jaringan)


def alamat_klien(peer: str | None, header: Header, proxy_tepercaya: Collection[Jaringan]) -> str | None:
    """The client's address: the peer itself, unless the peer is a trusted proxy.

    From a trusted proxy the ``X-Forwarded-For`` entries are read from the right (the entry the
    nearest proxy wrote) and the first address that is not itself a trusted proxy is the client.
    ``None`` means unknown, and must be treated as a remote computer, never as the local one: a
    peer that is not an address, or a trusted proxy that sent no readable header. Never raises.

    >>> lokal = baca_proxy_tepercaya({"HUMAS_PROXY_TEPERCAYA": "127.0.0.1"})
    >>> alamat_klien("192.0.2.7", {"X-Forwarded-For": "127.0.0.1"}, lokal)
    '192.0.2.7'
    >>> alamat_klien("127.0.0.1", {"X-Forwarded-For": "192.0.2.7"}, lokal)
    '192.0.2.7'
    >>> alamat_klien("127.0.0.1", {}, lokal) is None
    True
    """
    alamat_peer = _alamat(peer)
    if alamat_peer is None or not _tepercaya(alamat_peer, proxy_tepercaya):
        return None if alamat_peer is None else str(alamat_peer)
    entri = [bagian for nilai in _nilai_header(header) for bagian in nilai.split(",")]
    if not entri:
        return None
    for teks in reversed(entri):
        alamat = _alamat(teks)
        if alamat is None:
            return None  # the chain is broken here: what lies left of it cannot be placed
        if not _tepercaya(alamat, proxy_tepercaya):
            return str(alamat)
    return str(_alamat(entri[0]))  # every hop is a trusted proxy: the client runs on one of them


def _nilai_header(header: Header) -> list[str]:
    """Every value of ``X-Forwarded-For`` in the order received; names in any case."""
    nama = HEADER_ALAMAT_KLIEN.lower()
    try:
        if hasattr(header, "get_all"):
            return [str(v) for v in header.get_all(HEADER_ALAMAT_KLIEN) or []]
        pasangan = header.items() if isinstance(header, Mapping) else header
        return [str(v) for k, v in pasangan if isinstance(k, str) and k.strip().lower() == nama]
    except (TypeError, ValueError):  # not headers at all: nothing from them can be believed
        return []


def _alamat(teks: object) -> Alamat | None:
    """An address from a peer or header entry (``192.0.2.7``, ``192.0.2.7:5123``, ``2001:db8::7``,
    ``[2001:db8::7]:5123``, ``"[2001:db8::7]"``); IPv4 carried in IPv6 as IPv4; else ``None``."""
    if not isinstance(teks, str):
        return None
    teks = teks.strip().strip('"').strip()
    if teks.startswith("["):
        teks, tutup, port = teks[1:].partition("]")
        if not tutup or not _port(port):
            return None
    elif teks.count(":") == 1:  # IPv4 with a port; IPv6 has at least two colons
        teks, _, port = teks.partition(":")
        if not _port(":" + port):
            return None
    try:
        alamat = ipaddress.ip_address(teks)
    except ValueError:
        return None
    if isinstance(alamat, ipaddress.IPv6Address) and alamat.ipv4_mapped is not None:
        return alamat.ipv4_mapped
    return alamat


def _port(teks: str) -> bool:
    """Nothing, or ``:`` and a port number, after an address."""
    return teks == "" or (teks[:1] == ":" and teks[1:].isascii() and teks[1:].isdigit() and len(teks) <= 6)


def _tepercaya(alamat: Alamat, proxy_tepercaya: Collection[Jaringan]) -> bool:
    return any(alamat in jaringan for jaringan in proxy_tepercaya)
