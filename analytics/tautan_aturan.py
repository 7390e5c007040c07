"""Host tables and per-platform rules behind :func:`analytics.tautan.kanonik` and
:func:`analytics.tautan.platform_dari_host`.

A rule takes the host (canonical), path and query of an address and returns the canonical
host, path and query. Post identifiers are matched with strict character classes, so that a
key read back gives itself again (``kanonik`` is idempotent). When in doubt a rule keeps a
parameter: two addresses wrongly taken as one post lose an activity from the count and raise a
false "same link" flag, two keys for one post only miss a duplicate.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

Aturan = Callable[[str, str, str], tuple[str, str, str]]

# Leading labels that name the same site ("www.", "m.", "mobile.", "web."), dropped while the rest
# still has a dot ("m.me" stays).
_AWALAN = frozenset({"www", "m", "mobile", "web"})
# Other names of one host.
_HOST_SAMA = {
    "twitter.com": "x.com",
    "fxtwitter.com": "x.com",
    "vxtwitter.com": "x.com",
    "fixupx.com": "x.com",
    "fixvx.com": "x.com",
    "nitter.net": "x.com",
    "fb.com": "facebook.com",
    "mbasic.facebook.com": "facebook.com",
    "touch.facebook.com": "facebook.com",
    "business.facebook.com": "facebook.com",
    "instagr.am": "instagram.com",
    "youtube-nocookie.com": "youtube.com",
    "threads.net": "threads.com",
}
# Redirect wrappers: host → the parameter holding the real address.
PEMBUNGKUS = {"l.facebook.com": "u", "lm.facebook.com": "u", "l.instagram.com": "u"}

# Parameters that only say who shared, from where, or with which app; removed on every site.
_PELACAK = frozenset(
    [
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igsh",
        "igshid",
        "mibextid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "ref",
        "ref_src",
        "ref_url",
    ]
)
_PELACAK_AWALAN = ("utm_",)


def host_baku(host: str) -> str:
    """A lower-case host without www./m./mobile./web., other names of one host unified.

    >>> host_baku("mobile.twitter.com"), host_baku("www.m.facebook.com"), host_baku("m.me")
    ('x.com', 'facebook.com', 'm.me')
    """
    while True:
        label, _, sisa = host.partition(".")
        if label not in _AWALAN or "." not in sisa:
            break
        host = sisa
    return _HOST_SAMA.get(host, host)


def _saring(query: str, buang: frozenset[str] = frozenset(), awalan: tuple[str, ...] = ()) -> str:
    """The query without tracking parameters, the rest sorted by name (stable for repeats)."""
    if not query:
        return ""
    tetap = []
    for potong in query.split("&"):
        potong = potong.strip()
        if not potong:
            continue
        kunci = potong.partition("=")[0].lower()
        if kunci in _PELACAK or kunci in buang or kunci.startswith(_PELACAK_AWALAN + awalan):
            continue
        tetap.append(potong)
    tetap.sort(key=lambda potong: potong.partition("=")[0])
    return "&".join(tetap)


def _param(query: str, nama: str) -> str | None:
    """The first value of parameter ``nama`` (exact name), raw."""
    for potong in query.split("&"):
        kunci, sama, nilai = potong.strip().partition("=")
        if sama and kunci == nama:
            return nilai
    return None


_SATU_SEGMEN = re.compile(r"/[^/]+/?")


def _aturan_umum(host: str, path: str, query: str) -> tuple[str, str, str]:
    return host, path, _saring(query)


def _aturan_berita(host: str, path: str, query: str) -> tuple[str, str, str]:
    """News portals: the article is the path; every query (?page=all, ?single=1, ?tag_from=…) goes."""
    return host, path, ""


_X_STATUS = re.compile(r"/(?:[^/]+/status(?:es)?|i/web/status)/(\d{1,25})(?:/|\Z)")
_X_PARAM = frozenset({"s", "t", "src", "lang"})


def _aturan_x(host: str, path: str, query: str) -> tuple[str, str, str]:
    """A post is its status id (the username may change case or name); profiles and hashtags
    are case-insensitive on X; ``s``/``t`` are share markers."""
    if status := _X_STATUS.match(path):
        return host, f"/i/status/{status[1]}", ""
    if _SATU_SEGMEN.fullmatch(path) or path[:9].lower() == "/hashtag/":
        path = path.lower()
    return host, path, _saring(query, _X_PARAM)


_YT_ID = r"(?!videoseries)[A-Za-z0-9_-]{11}"  # video ids are 11 characters
_YT_VIDEO = re.compile(rf"/(?:shorts|live|embed|v|e)/({_YT_ID})(?:/|\Z)")
_YT_ID_SAJA = re.compile(_YT_ID)
_YT_PENDEK = re.compile(rf"/({_YT_ID})(?:/|\Z)")
_YT_PARAM = frozenset({"si", "feature", "pp", "ab_channel", "t", "app", "embeds_referring_euri", "source_ve_path"})


def _aturan_youtube(host: str, path: str, query: str) -> tuple[str, str, str]:
    """watch?v=, /shorts/, /live/, /embed/ are one video: ``/watch?v=ID`` with only v kept."""
    if path in ("/watch", "/watch/"):
        video = _param(query, "v")
        if video is not None and _YT_ID_SAJA.fullmatch(video):
            return host, "/watch", "v=" + video
    elif video_path := _YT_VIDEO.match(path):
        return host, "/watch", "v=" + video_path[1]
    return host, path, _saring(query, _YT_PARAM)


def _aturan_youtu_be(host: str, path: str, query: str) -> tuple[str, str, str]:
    """youtu.be/ID is youtube.com/watch?v=ID."""
    if video := _YT_PENDEK.match(path):
        return "youtube.com", "/watch", "v=" + video[1]
    return host, path, _saring(query, _YT_PARAM)


# Shortcodes are case-sensitive; "/reels/audio/ID" is an audio page, not a post.
_IG_POS = re.compile(r"/(?:[A-Za-z0-9._]{1,30}/)?(?:p|reels?|tv)/((?!audio(?:/|\Z))[A-Za-z0-9_-]{5,60})(?:/|\Z)")
_IG_PARAM = frozenset({"img_index", "hl", "ig_rid", "ig_mid"})


def _aturan_instagram(host: str, path: str, query: str) -> tuple[str, str, str]:
    """/p/, /reel/, /reels/, /tv/ and USER/p/ of one shortcode are one post; usernames are
    case-insensitive."""
    if pos := _IG_POS.match(path):
        return host, f"/p/{pos[1]}", ""
    if _SATU_SEGMEN.fullmatch(path) or path[:14].lower() == "/explore/tags/":
        path = path.lower()
    return host, path, _saring(query, _IG_PARAM)


_TT_POS = re.compile(r"/(?:@[^/]*/(video|photo)|v|embed(?:/v2)?|share/video)/(\d{5,25})(?:\.html)?(?:/|\Z)")
_TT_PROFIL = re.compile(r"/@[^/]+/?")
_TT_PARAM = frozenset(
    [
        "is_from_webapp",
        "sender_device",
        "sender_web_id",
        "web_id",
        "_r",
        "_t",
        "_d",
        "u_code",
        "share_app_id",
        "share_item_id",
        "share_link_id",
        "timestamp",
        "user_id",
        "sec_user_id",
        "sec_uid",
        "social_share_type",
        "tt_from",
        "source",
        "checksum",
        "lang",
        "language",
        "is_copy_url",
        "refer",
        "referer_url",
        "referer_video_id",
        "enter_from",
        "enter_method",
        "preview_pb",
        "region",
        "share_iid",
        "sharer_language",
        "mid",
        "app",
        "_svg",
    ]
)


def _aturan_tiktok(host: str, path: str, query: str) -> tuple[str, str, str]:
    """A video (or photo post) is its numeric id, whoever's username is in front; the short links
    vm./vt.tiktok.com and /t/… cannot be resolved without asking TikTok, so they stay as written."""
    if pos := _TT_POS.match(path):
        return host, f"/@/{pos[1] or 'video'}/{pos[2]}", ""
    if _TT_PROFIL.fullmatch(path):
        path = path.lower()
    return host, path, _saring(query, _TT_PARAM)


_FB_POS = re.compile(r"/(?:groups/[^/]+/|[^/]+/)?(?:posts|permalink)/([A-Za-z0-9]{5,100})(?:/|\Z)")
_FB_VIDEO = re.compile(r"/(?:reel|[^/]+/videos(?:/[^/]+)*?)/(\d{5,25})(?:/|\Z)")
_FB_FOTO = re.compile(r"/[^/]+/photos/(?:[^/]+/)*?(\d{5,25})(?:/|\Z)")
_FB_ID_POS = re.compile(r"[A-Za-z0-9]{5,100}")
_FB_ID = re.compile(r"\d{5,25}")
_FB_PARAM = frozenset(
    [
        "rdid",
        "share_url",
        "sfnsn",
        "sfns",
        "_rdr",
        "refsrc",
        "hc_ref",
        "fref",
        "notif_id",
        "notif_t",
        "paipv",
        "eav",
        "app",
        "locale",
        "_fb_noscript",
        "comment_tracking",
        "privacy_mutation_token",
        "acontext",
    ]
)
_FB_AWALAN = ("__cft__", "__tn__", "__xts__")


def _aturan_facebook(host: str, path: str, query: str) -> tuple[str, str, str]:
    """Where the id is in the address: a post (story_fbid, permalink, posts/ID, group posts) is
    ``/posts/ID``, a video or reel ``/watch?v=ID``, a photo ``/photo?fbid=ID``. The post id is
    Facebook's object id, unique on its own, so the owner (page name or number) is left out. Share
    links (/share/…, fb.watch) stay as written."""
    inti = path.rstrip("/")
    if inti in ("/story.php", "/permalink.php"):
        pos = _param(query, "story_fbid")
        if pos is not None and _FB_ID_POS.fullmatch(pos):
            return host, f"/posts/{pos}", ""
    elif inti in ("/watch", "/watch/live", "/video.php"):
        video = _param(query, "v")
        if video is not None and _FB_ID.fullmatch(video):
            return host, "/watch", "v=" + video
    elif inti in ("/photo", "/photo.php"):
        foto = _param(query, "fbid")
        if foto is not None and _FB_ID.fullmatch(foto):
            return host, "/photo", "fbid=" + foto
    elif pos_path := _FB_POS.match(path):
        return host, f"/posts/{pos_path[1]}", ""
    elif video_path := _FB_VIDEO.match(path):
        return host, "/watch", "v=" + video_path[1]
    elif foto_path := _FB_FOTO.match(path):
        return host, "/photo", "fbid=" + foto_path[1]
    return host, path, _saring(query, _FB_PARAM, _FB_AWALAN)


# Registrable domains → (platform, rule). A host matches its own entry or a parent's
# (news.detik.com → detik.com); the longest match wins.
_PORTAL_BERITA = [
    "detik.com",
    "kompas.com",
    "kompas.id",
    "kompas.tv",
    "tribunnews.com",
    "liputan6.com",
    "cnnindonesia.com",
    "cnbcindonesia.com",
    "okezone.com",
    "sindonews.com",
    "tempo.co",
    "antaranews.com",
    "suara.com",
    "merdeka.com",
    "jawapos.com",
    "kumparan.com",
    "idntimes.com",
    "viva.co.id",
    "republika.co.id",
    "beritasatu.com",
    "inews.id",
    "jpnn.com",
    "medcom.id",
    "metrotvnews.com",
    "tvonenews.com",
    "rri.co.id",
    "timesindonesia.co.id",
    "beritajatim.com",
    "suarasurabaya.net",
    "jatimtimes.com",
    "radarsurabaya.jawapos.com",
    "surya.co.id",
    "memorandum.co.id",
    "kabarjatim.com",
    "jatimnow.com",
    "ngopibareng.id",
    "detik.id",
    "grid.id",
    "bisnis.com",
    "katadata.co.id",
    "tirto.id",
]
_SITUS = ["go.id", "polri.go.id", "ac.id", "sch.id", "or.id", "desa.id", "blogspot.com", "wordpress.com", "medium.com"]
_LAINNYA = [
    "threads.com",
    "t.me",
    "telegram.me",
    "telegram.org",
    "snackvideo.com",
    "sck.io",
    "line.me",
    "kwai.com",
    "likee.video",
    "linkedin.com",
    "lnkd.in",
    "pinterest.com",
    "pin.it",
    "spotify.com",
    "reddit.com",
    "vimeo.com",
    "dailymotion.com",
    "vidio.com",
    "soundcloud.com",
    "twitch.tv",
]
_DOMAIN: dict[str, tuple[str, Aturan]] = {
    "instagram.com": ("Instagram", _aturan_instagram),
    "ig.me": ("Instagram", _aturan_umum),
    "facebook.com": ("Facebook", _aturan_facebook),
    "fb.watch": ("Facebook", _aturan_umum),
    "fb.me": ("Facebook", _aturan_umum),
    "m.me": ("Facebook", _aturan_umum),
    "x.com": ("X", _aturan_x),
    "t.co": ("X", _aturan_umum),
    "tiktok.com": ("TikTok", _aturan_tiktok),
    "youtube.com": ("YouTube", _aturan_youtube),
    "youtu.be": ("YouTube", _aturan_youtu_be),
    "whatsapp.com": ("WhatsApp", _aturan_umum),
    "wa.me": ("WhatsApp", _aturan_umum),
    **{domain: ("Website", _aturan_berita) for domain in _PORTAL_BERITA},
    **{domain: ("Website", _aturan_umum) for domain in _SITUS},
    **{domain: ("Lainnya", _aturan_umum) for domain in _LAINNYA},
}


def _cari(host: str) -> tuple[str, Aturan] | None:
    while True:
        ketemu = _DOMAIN.get(host)
        if ketemu is not None:
            return ketemu
        _, titik, host = host.partition(".")
        if not titik:
            return None


class InfoHost(NamedTuple):
    """What the host part of an address says: canonical host, port (":8443", "" for the
    default), platform (None when the host says nothing), the rule for path and query, and the
    parameter holding the real address when the host is a redirect wrapper."""

    host: str
    port: str
    platform: str | None
    aturan: Aturan
    pembungkus: str | None


@lru_cache(maxsize=4096)
def info_host(netloc: str) -> InfoHost | None:
    """The :class:`InfoHost` of an address's ``host[:port]`` part (user info dropped); None when
    it is no web host (no dot). Cached: a month of reports has a few hundred distinct hosts.

    >>> info_host("User@WWW.Instagram.com:443").host, info_host("example.id:8443").port, info_host("localhost")
    ('instagram.com', ':8443', None)
    """
    host = netloc.rpartition("@")[2].rstrip(":.")  # "a.id:443:", "a.id:443.": the port is 443
    nama, titik_dua, port = host.rpartition(":")
    if titik_dua and (not port or (port.isascii() and port.isdigit())):
        host = nama
    else:
        port = ""
    host = host_baku(tanpa_ujung(host.lower().lstrip(), "."))
    if "." not in host:
        return None
    ketemu = _cari(host)
    platform, aturan = ketemu if ketemu else (None, _aturan_umum)
    return InfoHost(host, "" if port in ("", "80", "443") else ":" + port, platform, aturan, PEMBUNGKUS.get(host))


def tanpa_ujung(teks: str, tanda: str) -> str:
    """``teks`` without trailing ``tanda`` characters and whitespace, in any mix."""
    while teks and (teks[-1] in tanda or teks[-1].isspace()):
        teks = teks.rstrip(tanda).rstrip()
    return teks


def domain_dikenal() -> dict[str, str]:
    """Every known domain and its platform (for documentation and tests)."""
    return {domain: platform for domain, (platform, _) in _DOMAIN.items()}
