"""The address of the browser of this run, for the login, throttling and the audit log.

Streamlit gives the TCP peer of the websocket (``st.context.ip_address``, None for a loopback
peer) and the request headers; :func:`analytics.alamat_klien.alamat_klien` believes the forwarded
header only from a proxy named in ``HUMAS_PROXY_TEPERCAYA``. The setting is read on every run (a
short string, microseconds): no cache to go stale, and tests can change it.
"""

from __future__ import annotations

import streamlit as st

from analytics.alamat_klien import Jaringan, alamat_klien, baca_proxy_tepercaya, is_alamat_lokal, is_pemasangan_lokal


def proxy_tepercaya() -> frozenset[Jaringan]:
    """The trusted proxies; a wrong setting stops the app with the message naming it (every
    client would otherwise look like the proxy, or the proxy like every client)."""
    try:
        return baca_proxy_tepercaya()
    except ValueError as error:
        st.error(str(error))
        st.stop()
        raise


def alamat_klien_sekarang() -> str | None:
    """The client's address for this run; None when it cannot be known (treated as remote).

    Streamlit reports a loopback peer as None; outside a browser session (AppTest, whose peer
    is a stand-in object) there is no peer, and the run counts as coming from the server itself."""
    peer = st.context.ip_address
    return alamat_klien(peer if isinstance(peer, str) else "127.0.0.1", st.context.headers, proxy_tepercaya())


def boleh_sebut_akun_contoh() -> bool:
    """The login page names the sample accounts only on a local-only install, to a browser on
    the server itself."""
    lokal = is_pemasangan_lokal(st.get_option("server.address"), proxy_tepercaya())
    return lokal and is_alamat_lokal(alamat_klien_sekarang())
