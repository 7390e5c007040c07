"""Links as operators paste them (analytics.tautan): cleaning a cell, the identity of a post, and
the platform of a host. Tables of real-looking addresses, then properties over any string."""

from __future__ import annotations

import doctest
import string

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import analytics.tautan
import analytics.tautan_aturan
from analytics.tautan import (
    PANJANG_MAKS,
    TAUTAN_BIASA,
    TAUTAN_PER_SEL_MAKS,
    KodePerbaikan,
    TautanBersih,
    TautanDitolak,
    bersihkan_tautan,
    kanonik,
    kanonik_biasa,
    kanonik_dan_platform,
    platform_dari_host,
)
from analytics.tautan_aturan import domain_dikenal
from etl.cells import MAX_TEXT
from etl.workbook_format import PLATFORMS

SKEMA, PISAH, TAK_TERLIHAT = KodePerbaikan.SKEMA, KodePerbaikan.PISAH, KodePerbaikan.TAK_TERLIHAT

# (cell text, links, fixes reported)
DIBERSIHKAN = [
    ("https://www.instagram.com/p/C7xYz12AbCd/", ["https://www.instagram.com/p/C7xYz12AbCd/"], []),
    ("  https://x.com/humas/status/17 \n", ["https://x.com/humas/status/17"], []),
    ("HTTP://TRIBRATANEWS.POLRI.GO.ID/berita", ["HTTP://TRIBRATANEWS.POLRI.GO.ID/berita"], []),
    ("\u00a0https://a.id/x\u00a0", ["https://a.id/x"], []),  # NBSP around: plain whitespace
    ("https://a.id/x\u200b", ["https://a.id/x"], [TAK_TERLIHAT]),
    ("\ufeffhttps://a.id/x", ["https://a.id/x"], [TAK_TERLIHAT]),
    ("https://a.id/ber\u00adita/\u2060satu", ["https://a.id/berita/satu"], [TAK_TERLIHAT]),
    ("https://a.id/\x01x", ["https://a.id/x"], [TAK_TERLIHAT]),
    ("instagram.com/p/C7xYz12AbCd", ["https://instagram.com/p/C7xYz12AbCd"], [SKEMA]),
    (
        "www.tiktok.com/@humas.polres/video/7361234567890123456",
        ["https://www.tiktok.com/@humas.polres/video/7361234567890123456"],
        [SKEMA],
    ),
    ("Instagram.com/p/C7x", ["https://Instagram.com/p/C7x"], [SKEMA]),
    ("s.id/LaporanHumas", ["https://s.id/LaporanHumas"], [SKEMA]),
    ("bit.ly/3abcDEF", ["https://bit.ly/3abcDEF"], [SKEMA]),
    ("polreskedirikota.jatim.polri.go.id", ["https://polreskedirikota.jatim.polri.go.id"], [SKEMA]),
    ("youtu.be/dQw4w9WgXcQ", ["https://youtu.be/dQw4w9WgXcQ"], [SKEMA]),
    ("//a.id/x", ["https://a.id/x"], [SKEMA]),
    ("https://a.id/1\nhttps://a.id/2", ["https://a.id/1", "https://a.id/2"], [PISAH]),
    ("https://a.id/1\r\n\r\nhttps://a.id/2\n", ["https://a.id/1", "https://a.id/2"], [PISAH]),
    ("https://a.id/1 https://a.id/2 https://a.id/3", ["https://a.id/1", "https://a.id/2", "https://a.id/3"], [PISAH]),
    ("https://a.id/1, https://a.id/2", ["https://a.id/1", "https://a.id/2"], [PISAH]),
    ("https://a.id/1,https://a.id/2", ["https://a.id/1", "https://a.id/2"], [PISAH]),
    ("https://a.id/1;https://a.id/2;", ["https://a.id/1", "https://a.id/2"], [PISAH]),
    ("https://a.id/1 | www.b.id/2", ["https://a.id/1", "https://www.b.id/2"], [SKEMA, PISAH]),
    ("1. https://a.id/1\n2. https://a.id/2", ["https://a.id/1", "https://a.id/2"], [PISAH]),
    ("https://a.id/1 dan https://a.id/2", ["https://a.id/1", "https://a.id/2"], [PISAH]),
    ("https://a.id/1\u00a0https://a.id/2", ["https://a.id/1", "https://a.id/2"], [PISAH]),
    ("https://a.id/1,", ["https://a.id/1"], []),
    # Commas and semicolons inside one link stay.
    ("https://www.google.com/maps/@-7.25,112.75,15z", ["https://www.google.com/maps/@-7.25,112.75,15z"], []),
    ("https://a.id/x?pilih=1,2;3", ["https://a.id/x?pilih=1,2;3"], []),
    # A link that carries another address in its query is one link.
    (
        "https://www.facebook.com/sharer.php?u=https://a.id/1",
        ["https://www.facebook.com/sharer.php?u=https://a.id/1"],
        [],
    ),
]


@pytest.mark.parametrize(("isi", "tautan", "kode"), DIBERSIHKAN)
def test_bersihkan_tautan(isi: str, tautan: list[str], kode: list[KodePerbaikan]) -> None:
    hasil = bersihkan_tautan(isi)
    assert list(hasil.tautan) == tautan
    assert [p.kode for p in hasil.perbaikan] == kode
    assert all(p.pesan for p in hasil.perbaikan)


def test_the_fix_messages_say_what_was_done() -> None:
    (skema, pisah) = bersihkan_tautan("instagram.com/p/A1 www.b.id/2\nhttps://c.id").perbaikan
    assert skema.pesan == "Tautan “instagram.com/p/A1” dan 1 lainnya tidak diawali https://; “https://” ditambahkan."
    assert pisah.pesan.startswith("Sel berisi 3 tautan; masing-masing dihitung sebagai satu kegiatan")


# (cell value, part of the message)
DITOLAK = [
    ("", "Tautan wajib diisi"),
    (None, "Tautan wajib diisi"),
    ("  \u200b ", "Tautan wajib diisi"),
    ("javascript:alert(1)", "memakai skema “javascript:”"),
    ("JavaScript:alert(document.cookie)", "memakai skema “javascript:”"),
    ("data:text/html;base64,PHNjcmlwdD4=", "memakai skema “data:”"),
    ("file:///C:/Users/humas/laporan.docx", "memakai skema “file:”"),
    ("ftp://a.id/berkas", "memakai skema “ftp:”"),
    ("mailto:humas@polri.go.id", "memakai skema “mailto:”"),
    ("intent://instagram.com/p/x#Intent;end", "memakai skema “intent:”"),
    ("Link", "“Link” bukan tautan"),
    ("-", "“-” bukan tautan"),
    ("klik disini", "Bagian “klik” dari sel ini bukan tautan"),
    ("Kegiatan.Patroli", "“Kegiatan.Patroli” bukan tautan"),
    ("humas@polri.go.id", "bukan tautan"),
    (12345, "“12345” bukan tautan"),
    ("https://localhost/x", "nama situsnya tidak ada"),
    ("https:instagram.com/p/x", "nama situsnya tidak ada"),
    ("https://a.id/1 lihat postingan", "Bagian “lihat” dari sel ini bukan tautan"),
    ("https://a.id/1\njavascript:x", "Bagian “javascript:x” dari sel ini memakai skema “javascript:”"),
    ("https://a.id/" + "x" * PANJANG_MAKS, "terlalu panjang"),
    (" ".join(f"https://a.id/{n}" for n in range(TAUTAN_PER_SEL_MAKS + 1)), f"batasnya {TAUTAN_PER_SEL_MAKS} per sel"),
]


@pytest.mark.parametrize(("isi", "pesan"), DITOLAK)
def test_bersihkan_tautan_refuses_what_is_not_a_web_address(isi: object, pesan: str) -> None:
    with pytest.raises(TautanDitolak, match=pesan.replace("(", r"\(").replace(")", r"\)")) as ditolak:
        bersihkan_tautan(isi)
    assert "https://" in str(ditolak.value)  # every refusal names the accepted form or says to copy it again
    assert isinstance(ditolak.value, ValueError)


def test_the_limit_is_the_text_limit_of_a_cell() -> None:
    assert PANJANG_MAKS == MAX_TEXT
    assert bersihkan_tautan("https://a.id/" + "x" * (PANJANG_MAKS - 13)).tautan[0].endswith("x")


# (address as pasted, its key)
KANONIK = [
    # Instagram: by shortcode, whatever the form and the share parameters.
    (
        "https://www.instagram.com/p/C7xYz12AbCd/?igsh=MWd2c2Z4NnBj&utm_source=ig_web_copy_link",
        "https://instagram.com/p/C7xYz12AbCd",
    ),
    ("https://instagram.com/reel/C7xYz12AbCd?igshid=NTc4MTIwNjQ2YQ==", "https://instagram.com/p/C7xYz12AbCd"),
    ("https://www.instagram.com/reels/C7xYz12AbCd/", "https://instagram.com/p/C7xYz12AbCd"),
    ("https://www.instagram.com/tv/C7xYz12AbCd", "https://instagram.com/p/C7xYz12AbCd"),
    ("https://www.instagram.com/humaspoldajatim/p/C7xYz12AbCd/?img_index=2", "https://instagram.com/p/C7xYz12AbCd"),
    ("https://m.instagram.com/p/C7xYz12AbCd/c/18000000000000000/", "https://instagram.com/p/C7xYz12AbCd"),
    ("instagr.am/p/C7xYz12AbCd", "https://instagram.com/p/C7xYz12AbCd"),
    ("https://www.instagram.com/Humas.PolresKediriKota/?hl=id", "https://instagram.com/humas.polreskedirikota"),
    ("https://www.instagram.com/reels/audio/1234567890/", "https://instagram.com/reels/audio/1234567890"),
    (
        "https://www.instagram.com/stories/humaspolri/3312345678901234567/?igsh=abc",
        "https://instagram.com/stories/humaspolri/3312345678901234567",
    ),
    (
        "https://l.instagram.com/?u=https%3A%2F%2Fnews.detik.com%2Fberita%2Fd-1%3Fsingle%3D1&e=AT0",
        "https://news.detik.com/berita/d-1",
    ),
    # X / Twitter: by status id.
    (
        "https://twitter.com/DivHumas_Polri/status/1790000000000000001?s=20&t=aBcD",
        "https://x.com/i/status/1790000000000000001",
    ),
    (
        "https://mobile.twitter.com/divhumas_polri/status/1790000000000000001",
        "https://x.com/i/status/1790000000000000001",
    ),
    ("https://x.com/DivHumas_Polri/status/1790000000000000001/photo/1", "https://x.com/i/status/1790000000000000001"),
    ("https://x.com/i/web/status/1790000000000000001", "https://x.com/i/status/1790000000000000001"),
    ("https://fxtwitter.com/humas/status/1790000000000000001", "https://x.com/i/status/1790000000000000001"),
    ("https://www.twitter.com/DivHumas_Polri", "https://x.com/divhumas_polri"),
    ("https://x.com/hashtag/PolriPresisi?src=hashtag_click", "https://x.com/hashtag/polripresisi"),
    ("https://x.com/search?q=Polri&src=typed_query&f=live", "https://x.com/search?f=live&q=Polri"),
    # YouTube: watch?v=ID, only v kept.
    ("https://youtu.be/dQw4w9WgXcQ?si=ZxYw1234", "https://youtube.com/watch?v=dQw4w9WgXcQ"),
    ("https://www.youtube.com/shorts/dQw4w9WgXcQ?feature=share", "https://youtube.com/watch?v=dQw4w9WgXcQ"),
    ("https://www.youtube.com/live/dQw4w9WgXcQ?si=abc", "https://youtube.com/watch?v=dQw4w9WgXcQ"),
    ("https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=youtu.be", "https://youtube.com/watch?v=dQw4w9WgXcQ"),
    (
        "https://www.youtube.com/watch?app=desktop&v=dQw4w9WgXcQ&list=PL1&index=2&t=30s&pp=ygU",
        "https://youtube.com/watch?v=dQw4w9WgXcQ",
    ),
    ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://youtube.com/watch?v=dQw4w9WgXcQ"),
    ("https://www.youtube.com/@HumasPolri/videos?si=x", "https://youtube.com/@HumasPolri/videos"),
    ("https://www.youtube.com/embed/videoseries?list=PL123", "https://youtube.com/embed/videoseries?list=PL123"),
    ("https://www.youtube.com/playlist?list=PL123&si=abc", "https://youtube.com/playlist?list=PL123"),
    # TikTok: by video id; short links stay as they are.
    (
        "https://www.tiktok.com/@humas.polres/video/7361234567890123456?is_from_webapp=1&sender_device=pc&web_id=72",
        "https://tiktok.com/@/video/7361234567890123456",
    ),
    ("https://m.tiktok.com/v/7361234567890123456.html?_r=1", "https://tiktok.com/@/video/7361234567890123456"),
    ("https://www.tiktok.com/embed/v2/7361234567890123456", "https://tiktok.com/@/video/7361234567890123456"),
    (
        "https://www.tiktok.com/@humas.polres/photo/7361234567890123999",
        "https://tiktok.com/@/photo/7361234567890123999",
    ),
    ("https://vt.tiktok.com/ZSabc123/", "https://vt.tiktok.com/ZSabc123"),
    ("https://vm.tiktok.com/ZMabc123/?_r=1", "https://vm.tiktok.com/ZMabc123"),
    ("https://www.tiktok.com/t/ZTRabc123/", "https://tiktok.com/t/ZTRabc123"),
    ("https://www.tiktok.com/@Humas.Polres?lang=id-ID", "https://tiktok.com/@humas.polres"),
    # Facebook: where the id is in the address.
    (
        "https://web.facebook.com/story.php?story_fbid=pfbid02abcDEF123&id=100064&mibextid=Nif5oz",
        "https://facebook.com/posts/pfbid02abcDEF123",
    ),
    (
        "https://m.facebook.com/permalink.php?story_fbid=123456789012&id=100064123",
        "https://facebook.com/posts/123456789012",
    ),
    (
        "https://www.facebook.com/humaspolri/posts/123456789012/?__cft__[0]=AZX&__tn__=%2CO-R",
        "https://facebook.com/posts/123456789012",
    ),
    ("https://www.facebook.com/100064123/posts/123456789012", "https://facebook.com/posts/123456789012"),
    ("https://www.facebook.com/groups/1234567/permalink/987654321/", "https://facebook.com/posts/987654321"),
    (
        "https://www.facebook.com/groups/humasjatim/posts/987654321/?comment_id=1",
        "https://facebook.com/posts/987654321",
    ),
    ("https://www.facebook.com/watch/?v=1234567890&ref=sharing", "https://facebook.com/watch?v=1234567890"),
    (
        "https://www.facebook.com/reel/1234567890?s=yWDuG2&fs=e&mibextid=Nif5oz",
        "https://facebook.com/watch?v=1234567890",
    ),
    ("https://www.facebook.com/humaspolri/videos/judul-video/1234567890/", "https://facebook.com/watch?v=1234567890"),
    (
        "https://www.facebook.com/humaspolri/videos/vb.100064/1234567890/?type=3",
        "https://facebook.com/watch?v=1234567890",
    ),
    ("https://fb.com/video.php?v=1234567890", "https://facebook.com/watch?v=1234567890"),
    ("https://www.facebook.com/photo/?fbid=5556667778&set=a.111", "https://facebook.com/photo?fbid=5556667778"),
    ("https://www.facebook.com/humaspolri/photos/a.111222/5556667778/", "https://facebook.com/photo?fbid=5556667778"),
    ("https://fb.watch/abcDEF12/?mibextid=2JQ9oc", "https://fb.watch/abcDEF12"),
    ("https://www.facebook.com/share/p/1AbCdEfG/?mibextid=WC7FNe", "https://facebook.com/share/p/1AbCdEfG"),
    (
        "https://www.facebook.com/profile.php?id=100064123&mibextid=ZbWKwL",
        "https://facebook.com/profile.php?id=100064123",
    ),
    (
        "https://l.facebook.com/l.php?u=https%3A%2F%2Fjatim.tribunnews.com%2F2024%2F05%2F06%2Fjudul%3Fpage%3Dall&h=AT0",
        "https://jatim.tribunnews.com/2024/05/06/judul",
    ),
    # News portals: the path is the article, the query goes.
    (
        "https://news.detik.com/berita/d-7351234/judul-berita?single=1&tag_from=wp_nhl",
        "https://news.detik.com/berita/d-7351234/judul-berita",
    ),
    ("https://jatim.tribunnews.com/2024/05/06/judul?page=all", "https://jatim.tribunnews.com/2024/05/06/judul"),
    (
        "https://regional.kompas.com/read/2024/05/06/1234/judul?page=all#page2",
        "https://regional.kompas.com/read/2024/05/06/1234/judul",
    ),
    (
        "https://www.antaranews.com/berita/4100000/judul?utm_source=antaranews&utm_medium=desktop",
        "https://antaranews.com/berita/4100000/judul",
    ),
    # Other sites: tracking parameters go, the rest is kept and sorted.
    (
        "https://tribratanews.jatim.polri.go.id/?p=12345&utm_source=whatsapp",
        "https://tribratanews.jatim.polri.go.id?p=12345",
    ),
    (
        "https://polreskedirikota.example.id/berita?id=5&b=2&a=1&fbclid=IwAR0abc",
        "https://polreskedirikota.example.id/berita?a=1&b=2&id=5",
    ),
    ("http://Humas.Example.ID:80/Berita/Satu/", "https://humas.example.id/Berita/Satu"),
    ("https://humas.example.id:8443/x", "https://humas.example.id:8443/x"),
    ("https://humas.example.id/x#bagian-2", "https://humas.example.id/x"),
    ("https://app.example.id/#/berita/12", "https://app.example.id#/berita/12"),
    ("https://app.example.id/#!/berita/12", "https://app.example.id#!/berita/12"),
    ("https://user:sandi@example.id/x", "https://example.id/x"),
    ("https://example.id/x?s=1&t=2&si=3", "https://example.id/x?s=1&si=3&t=2"),  # not share markers here
    ("https://example.id/x?a=2&a=1", "https://example.id/x?a=2&a=1"),  # repeated parameters keep their order
    ("https://wa.me/6281234567890?text=Halo", "https://wa.me/6281234567890?text=Halo"),
    ("https://chat.whatsapp.com/AbCdEfGh12", "https://chat.whatsapp.com/AbCdEfGh12"),
    ("https://www.threads.net/@humas/post/C8abc?xmt=1", "https://threads.com/@humas/post/C8abc?xmt=1"),
    ("https://m.me/humaspolri", "https://m.me/humaspolri"),
    # Invisible characters and spaces around do not change the key.
    ("\u200bhttps://www.instagram.com/p/C7xYz12AbCd/\ufeff ", "https://instagram.com/p/C7xYz12AbCd"),
    # Not an http(s) address: its own key, stripped.
    ("  javascript:alert(1) ", "javascript:alert(1)"),
    ("Link", "Link"),
    ("https://localhost/x", "https://localhost/x"),
    ("", ""),
]


@pytest.mark.parametrize(("url", "kunci"), KANONIK)
def test_kanonik(url: str, kunci: str) -> None:
    assert kanonik(url) == kunci
    assert kanonik(kunci) == kunci


# Different posts that must keep different keys.
BERBEDA = [
    ("https://instagram.com/p/C7xYz12AbCd", "https://instagram.com/p/C7xyz12abcd"),  # shortcodes are case-sensitive
    ("https://x.com/a/status/1790000000000000001", "https://x.com/a/status/1790000000000000002"),
    ("https://youtube.com/watch?v=dQw4w9WgXcQ", "https://youtube.com/watch?v=dQw4w9WgXcR"),
    ("https://www.tiktok.com/@a/video/7361234567890123456", "https://www.tiktok.com/@a/photo/7361234567890123456"),
    ("https://vt.tiktok.com/ZSabc123/", "https://vt.tiktok.com/ZSabc124/"),
    ("https://www.facebook.com/watch/?v=1234567890", "https://www.facebook.com/photo/?fbid=1234567890"),
    ("https://tribratanews.jatim.polri.go.id/?p=12345", "https://tribratanews.jatim.polri.go.id/?p=12346"),
    ("https://example.id/berita?id=5", "https://example.id/berita?id=6"),
    ("https://example.id/Berita", "https://example.id/berita"),  # paths of unknown sites keep their case
    ("https://example.id/x", "https://example.id:8443/x"),
    ("https://app.example.id/#/berita/12", "https://app.example.id/#/berita/13"),
    ("https://news.detik.com/berita/d-1/a", "https://news.detik.com/berita/d-2/a"),
    ("https://detik.com/x", "https://kompas.com/x"),
]


@pytest.mark.parametrize(("satu", "lain"), BERBEDA)
def test_different_posts_keep_different_keys(satu: str, lain: str) -> None:
    assert kanonik(satu) != kanonik(lain)


PLATFORM = [
    ("https://www.instagram.com/p/x", "Instagram"),
    ("instagram.com/p/x", "Instagram"),
    ("https://instagr.am/p/x", "Instagram"),
    ("https://web.facebook.com/x", "Facebook"),
    ("https://fb.watch/abc", "Facebook"),
    ("https://mobile.twitter.com/a", "X"),
    ("https://x.com/a", "X"),
    ("https://t.co/abc", "X"),
    ("https://vt.tiktok.com/ZSabc/", "TikTok"),
    ("https://www.tiktok.com/@a/video/1", "TikTok"),
    ("https://youtu.be/dQw4w9WgXcQ", "YouTube"),
    ("https://m.youtube.com/watch?v=1", "YouTube"),
    ("https://wa.me/628", "WhatsApp"),
    ("https://chat.whatsapp.com/Ab", "WhatsApp"),
    ("https://whatsapp.com/channel/0029Va", "WhatsApp"),
    ("https://news.detik.com/berita/d-1", "Website"),
    ("https://tribratanews.jatim.polri.go.id/x", "Website"),
    ("https://jatimprov.go.id/berita", "Website"),
    ("https://www.threads.net/@humas", "Lainnya"),
    ("https://t.me/humaspolri", "Lainnya"),
    ("https://www.snackvideo.com/@humas/video/1", "Lainnya"),
    ("https://l.facebook.com/l.php?u=https%3A%2F%2Fnews.detik.com%2Fx", "Website"),  # the address inside decides
    ("https://bit.ly/3abc", None),
    ("https://example.id/x", None),
    ("javascript:alert(1)", None),
    ("Link", None),
    ("notinstagram.com/p/x", None),
]


@pytest.mark.parametrize(("url", "platform"), PLATFORM)
def test_platform_dari_host(url: str, platform: str | None) -> None:
    assert platform_dari_host(url) == platform
    assert kanonik_dan_platform(url) == (kanonik(url), platform)


def test_every_platform_of_the_host_table_is_in_the_fixed_list() -> None:
    assert set(domain_dikenal().values()) == set(PLATFORMS)


# --- Properties ---------------------------------------------------------------------------------

_POTONGAN = st.text(alphabet=string.ascii_letters + string.digits + "/?#&=%@:.;,_-+~ \u00a0\u200b\ufeffé", max_size=40)
_HOST = st.sampled_from(
    [
        "instagram.com",
        "www.instagram.com",
        "m.facebook.com",
        "facebook.com",
        "x.com",
        "mobile.twitter.com",
        "youtu.be",
        "www.youtube.com",
        "vt.tiktok.com",
        "www.tiktok.com",
        "news.detik.com",
        "example.id",
        "EXAMPLE.ID.",
        "l.facebook.com",
        "a",
        "",
        "[::1]",
        "user@b.id:443",
        "WWW.M.X.COM",
        "b.id:80",
    ]
)
_ALAMAT = st.builds(
    lambda skema, host, sisa: skema + host + sisa,
    st.sampled_from(["https://", "http://", "HTTPS://", "//", "", "ftp://", " "]),
    _HOST,
    _POTONGAN,
)


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.text(), _ALAMAT))
def test_kanonik_never_raises_and_is_idempotent(teks: str) -> None:
    kunci = kanonik(teks)
    assert kanonik(kunci) == kunci
    assert kanonik_dan_platform(teks) == (kunci, platform_dari_host(teks))
    assert kanonik(" " + teks) == kunci  # a leading space takes the general path: it agrees with the fast one


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(), _ALAMAT))
def test_a_common_link_is_keyed_as_any_link_and_anything_else_is_left_to_the_general_path(teks: str) -> None:
    biasa = kanonik_biasa(teks)
    if teks.isascii() and teks.isprintable() and TAUTAN_BIASA.fullmatch(teks):
        assert biasa == kanonik_dan_platform(teks)
    else:
        assert biasa is None


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _ALAMAT))
def test_cleaned_links_are_links_that_need_no_further_cleaning(teks: str) -> None:
    try:
        hasil = bersihkan_tautan(teks)
    except TautanDitolak as ditolak:
        assert str(ditolak)
        return
    assert hasil.tautan
    for tautan in hasil.tautan:
        assert tautan.lower().startswith(("https://", "http://"))
        assert bersihkan_tautan(tautan) == type(hasil)((tautan,))


_KODE_IG = st.text(alphabet=string.ascii_letters + string.digits + "_-", min_size=11, max_size=11)
_ID = st.integers(10**17, 10**19 - 1).map(str)
_YT = st.text(alphabet=string.ascii_letters + string.digits + "_-", min_size=11, max_size=11).filter(
    lambda kode: kode != "videoseries"
)
_SHARE = st.sampled_from(
    [
        "",
        "?igsh=MWd2c2Z4",
        "?utm_source=ig_web_copy_link&utm_medium=x",
        "?s=20&t=abc",
        "?si=Zx1",
        "?fbclid=IwAR0",
        "?feature=share",
        "?is_from_webapp=1&sender_device=pc",
        "#x",
    ]
)
_AWAL = st.sampled_from(["https://", "http://", "", "https://www.", "https://m.", "HTTPS://WWW."])


def _versi_pos(jenis: str, kode: str, pengguna: str, bentuk: int) -> str:
    """One of the addresses of one post."""
    if jenis == "instagram":
        return [
            f"instagram.com/p/{kode}/",
            f"instagram.com/reel/{kode}",
            f"instagram.com/{pengguna}/p/{kode}",
            f"instagram.com/tv/{kode}/",
        ][bentuk % 4]
    if jenis == "x":
        return [
            f"twitter.com/{pengguna}/status/{kode}",
            f"x.com/{pengguna.upper()}/status/{kode}/",
            f"mobile.twitter.com/i/web/status/{kode}",
            f"x.com/{pengguna}/status/{kode}/photo/1",
        ][bentuk % 4]
    if jenis == "youtube":
        return [
            f"youtu.be/{kode}",
            f"youtube.com/watch?v={kode}",
            f"youtube.com/shorts/{kode}",
            f"youtube.com/watch?feature=share&v={kode}",
        ][bentuk % 4]
    if jenis == "tiktok":
        return [
            f"tiktok.com/@{pengguna}/video/{kode}",
            f"tiktok.com/@{pengguna}/video/{kode}/",
            f"tiktok.com/v/{kode}.html",
            f"tiktok.com/embed/v2/{kode}",
        ][bentuk % 4]
    return [
        f"facebook.com/{pengguna}/posts/{kode}",
        f"facebook.com/story.php?story_fbid={kode}&id=1000",
        f"facebook.com/permalink.php?id=1000&story_fbid={kode}",
        f"facebook.com/groups/g/posts/{kode}/",
    ][bentuk % 4]


def _pos(jenis: str) -> st.SearchStrategy[str]:
    return {"instagram": _KODE_IG, "x": _ID, "youtube": _YT, "tiktok": _ID, "facebook": _ID}[jenis]


@settings(max_examples=300, deadline=None)
@given(st.data(), st.sampled_from(["instagram", "x", "youtube", "tiktok", "facebook"]))
def test_variants_of_one_post_share_a_key_and_other_posts_do_not(data: st.DataObject, jenis: str) -> None:
    kode, lain = data.draw(_pos(jenis)), data.draw(_pos(jenis))
    pengguna = data.draw(st.from_regex(r"[a-z][a-z0-9_.]{2,12}", fullmatch=True))
    satu, dua = data.draw(st.integers(0, 3)), data.draw(st.integers(0, 3))

    def alamat(kode: str, bentuk: int) -> str:
        teks = data.draw(_AWAL) + _versi_pos(jenis, kode, pengguna, bentuk)
        share = data.draw(_SHARE)
        return teks + (share.replace("?", "&", 1) if "?" in teks and share.startswith("?") else share)

    pertama, kedua = alamat(kode, satu), alamat(kode, dua)
    assert kanonik(pertama) == kanonik(kedua), (pertama, kedua)
    assume(lain != kode)
    assert kanonik(alamat(lain, dua)) != kanonik(pertama)


@pytest.mark.parametrize("modul", [analytics.tautan, analytics.tautan_aturan])
def test_docstring_examples(modul: object) -> None:
    hasil = doctest.testmod(modul)
    assert hasil.attempted > 0 and hasil.failed == 0


# --- What operators paste around links ------------------------------------------------------------

TANDA_BACA = KodePerbaikan.TANDA_BACA


@pytest.mark.parametrize(
    ("isi", "tautan"),
    [
        (
            "https://www.instagram.com/p/C1aaaaaaaa1,instagram.com/p/C1aaaaaaaa2",
            ["https://www.instagram.com/p/C1aaaaaaaa1", "https://instagram.com/p/C1aaaaaaaa2"],
        ),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ,youtu.be/aaaaaaaaaa9",
            ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://youtu.be/aaaaaaaaaa9"],
        ),
        ("https://a.id/1;www.b.id/2", ["https://a.id/1", "https://www.b.id/2"]),
    ],
)
def test_a_comma_before_an_address_without_https_separates_two_links(isi: str, tautan: list[str]) -> None:
    hasil = bersihkan_tautan(isi)
    assert list(hasil.tautan) == tautan
    assert [p.kode for p in hasil.perbaikan] == [SKEMA, PISAH]
    assert hasil.perbaikan[1].pesan.startswith("Sel berisi 2 tautan")


@pytest.mark.parametrize(
    "isi",
    [
        "https://a.id/api?ids=1,2,3",
        "https://a.id/berita/satu,dua.html",
        "https://a.id/cari?q=polri,humas.polri",
        "https://www.google.com/maps/@-7.25,112.75,15z",
    ],
)
def test_commas_inside_one_link_do_not_separate_it(isi: str) -> None:
    assert bersihkan_tautan(isi) == TautanBersih((isi,))


@pytest.mark.parametrize(
    ("isi", "tautan", "tanda"),
    [
        ("https://x.com/humas/status/1790000000000000001.", "https://x.com/humas/status/1790000000000000001", "."),
        ("https://tribratanews.polri.go.id/berita/123)", "https://tribratanews.polri.go.id/berita/123", ")"),
        ("https://a.id/berita/1!", "https://a.id/berita/1", "!"),
        ("https://a.id/berita/1:", "https://a.id/berita/1", ":"),
        ("https://a.id/berita/1]", "https://a.id/berita/1", "]"),
        ("https://a.id/berita/1>", "https://a.id/berita/1", ">"),
        ("https://a.id/berita/1”", "https://a.id/berita/1", "”"),
        ('https://a.id/berita/1"', "https://a.id/berita/1", '"'),
        ("https://a.id/berita/1.,", "https://a.id/berita/1", "."),
    ],
)
def test_punctuation_after_a_link_is_dropped_with_a_warning(isi: str, tautan: str, tanda: str) -> None:
    hasil = bersihkan_tautan(isi)
    assert hasil.tautan == (tautan,)
    assert [(p.kode, p.pesan) for p in hasil.perbaikan] == [
        (TANDA_BACA, f"Tanda baca “{tanda}” di akhir tautan dibuang.")
    ]


def test_a_link_with_a_full_stop_after_it_is_the_same_post_as_without() -> None:
    (tautan,) = bersihkan_tautan("https://x.com/humas/status/1790000000000000001.").tautan
    assert kanonik(tautan) == kanonik("https://x.com/humas/status/1790000000000000001")
    assert kanonik(tautan) == "https://x.com/i/status/1790000000000000001"


@pytest.mark.parametrize(
    "isi",
    [
        "https://en.wikipedia.org/wiki/Polri_(Indonesia)",
        "https://a.id/berita/[1]",
        "https://a.id/cari?q=a+b?",
    ],
)
def test_a_bracket_closing_one_opened_inside_the_link_stays(isi: str) -> None:
    assert bersihkan_tautan(isi) == TautanBersih((isi,))


def test_a_bracket_around_a_link_that_ends_in_a_bracket_keeps_the_inner_one() -> None:
    hasil = bersihkan_tautan("(https://en.wikipedia.org/wiki/Polri_(Indonesia)).")
    assert hasil.tautan == ("https://en.wikipedia.org/wiki/Polri_(Indonesia)",)
    assert [p.pesan for p in hasil.perbaikan] == [
        "Tanda (…) yang mengapit tautan dan tanda baca “.” di akhirnya dibuang."
    ]


@pytest.mark.parametrize(
    "tanda",
    ["https://x.com/humas/status/1.", "https://a.id/1)", "https://a.id/1!", "https://a.id/1:", "https://a.id/1'"],
)
def test_a_link_ending_in_punctuation_is_not_taken_as_a_common_link(tanda: str) -> None:
    assert TAUTAN_BIASA.fullmatch(tanda) is None
    assert kanonik_biasa(tanda) is None


@pytest.mark.parametrize(
    ("isi", "apit"),
    [
        ("<https://a.id/berita/1>", "<…>"),
        ("(https://a.id/berita/1)", "(…)"),
        ('"https://a.id/berita/1"', '"…"'),
        ("“https://a.id/berita/1”", "“…”"),
        ("'https://a.id/berita/1'", "'…'"),
        ("[https://a.id/berita/1]", "[…]"),
    ],
)
def test_a_link_in_brackets_or_quotes_is_taken_out_of_them_with_a_warning(isi: str, apit: str) -> None:
    hasil = bersihkan_tautan(isi)
    assert hasil.tautan == ("https://a.id/berita/1",)
    assert [(p.kode, p.pesan) for p in hasil.perbaikan] == [(TANDA_BACA, f"Tanda {apit} yang mengapit tautan dibuang.")]


@pytest.mark.parametrize(
    ("isi", "tautan"),
    [
        ("Link: https://x.com/humas/status/17", ["https://x.com/humas/status/17"]),
        ("Tautan: https://a.id/1", ["https://a.id/1"]),
        ("URL : https://a.id/1", ["https://a.id/1"]),
        (
            "IG: https://www.instagram.com/p/C1x/\nFB: https://www.facebook.com/humas/posts/1",
            ["https://www.instagram.com/p/C1x/", "https://www.facebook.com/humas/posts/1"],
        ),
        ("Sumber: instagram.com/p/C1x", ["https://instagram.com/p/C1x"]),
        ("IG:https://www.instagram.com/p/C1x/", ["https://www.instagram.com/p/C1x/"]),
    ],
)
def test_a_label_before_a_link_is_ignored(isi: str, tautan: list[str]) -> None:
    assert list(bersihkan_tautan(isi).tautan) == tautan


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        ("https://www.instagram.com/p/ABC/\nSumber: akun resmi", "Bagian “Sumber:” dari sel ini bukan tautan"),
        ("IG:", "“IG:” bukan tautan"),
        ("Keterangan: patroli", "Bagian “Keterangan:” dari sel ini bukan tautan"),
        ("Ket:patroli", "“Ket:patroli” bukan tautan"),
    ],
)
def test_text_that_is_no_link_is_called_so_and_never_a_scheme(isi: str, pesan: str) -> None:
    with pytest.raises(TautanDitolak) as ditolak:
        bersihkan_tautan(isi)
    assert pesan in str(ditolak.value)
    assert "skema" not in str(ditolak.value)
    assert "https://" in str(ditolak.value)


def test_text_after_a_link_is_refused_saying_where_it_belongs() -> None:
    with pytest.raises(TautanDitolak, match="tulis keterangan di kolom Judul / Uraian"):
        bersihkan_tautan("https://www.instagram.com/p/ABC/\nSumber: akun resmi")


@pytest.mark.parametrize(
    ("isi", "skema"),
    [
        ("Link: javascript:alert(1)", "javascript"),
        ("javascript: https://a.id/1", "javascript"),
        ("https://a.id/1 mailto:humas@polri.go.id", "mailto"),
        ("data: https://a.id/1", "data"),
    ],
)
def test_a_real_scheme_is_never_taken_for_a_label(isi: str, skema: str) -> None:
    with pytest.raises(TautanDitolak, match=f"memakai skema “{skema}:”"):
        bersihkan_tautan(isi)


@pytest.mark.parametrize(("isi", "tampil"), [(5.0, "5"), (12345.0, "12345"), (2.5, "2.5"), (7, "7")])
def test_a_number_is_quoted_as_the_user_typed_it(isi: float, tampil: str) -> None:
    with pytest.raises(TautanDitolak, match=f"^“{tampil}” bukan tautan"):
        bersihkan_tautan(isi)


@pytest.mark.parametrize(
    "isi",
    [
        "https://tribratanews.batu.jatim.polri.go.id/berita/kapolres-batu-pimp…",
        "https://tribratanews.batu.jatim.polri.go.id/berita/kapolres-batu-pimp...",
        "tribratanews.batu.jatim.polri.go.id/berita/kapolres…",
        "https://a.id/1 https://x.com/humas/status/17900…",
    ],
)
def test_a_visibly_cut_off_link_is_refused_saying_to_copy_the_full_address(isi: str) -> None:
    with pytest.raises(TautanDitolak, match="terpotong") as ditolak:
        bersihkan_tautan(isi)
    assert "Salin alamat lengkapnya" in str(ditolak.value)
