"""Links as operators paste them: cleaning a Tautan cell, the identity of the post behind a link,
and the platform a link's host belongs to. Pure functions: no Streamlit, no SQL.

- :func:`bersihkan_tautan` turns a cell's text into one or more http(s) links and says what it
  fixed (invisible characters, a missing ``https://``, several links in one cell, brackets, quotes
  or punctuation around a link); what is not a web address (``javascript:``, ``file:``, plain
  text, a link cut off with "…") is refused with :class:`TautanDitolak`.
- :func:`kanonik` is the identity of a post: two addresses of the same post (share parameters,
  ``m.`` host, ``twitter.com``/``x.com``, ``youtu.be``) get the same key. It is for comparing,
  never for showing: users keep seeing and opening the link as written.
- :func:`platform_dari_host` names the platform of the fixed list that a link's host belongs to.

Per-platform rules and host tables live in :mod:`analytics.tautan_aturan`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import unquote

from analytics.tautan_aturan import InfoHost, info_host, tanpa_ujung

PANJANG_MAKS = 2_000  # the same limit as any text cell (etl.cells.MAX_TEXT)
TAUTAN_PER_SEL_MAKS = 100
BENTUK_DITERIMA = "alamat web lengkap yang diawali https://, misalnya https://www.instagram.com/p/Cx1AbCdEfGh"

# Characters that show nothing: deleted wherever they are (soft hyphen, zero-width space/joiners,
# direction marks, word joiner, BOM, variation selectors, Hangul fillers) and C0/C1 controls that
# are not whitespace. Unicode spaces such as NBSP are whitespace and separate links instead.
_TAK_TERLIHAT = dict.fromkeys(
    [
        *range(0x09),
        0x0E,
        0x0F,
        *range(0x10, 0x1C),
        0x7F,
        *range(0x80, 0x85),
        *range(0x86, 0xA0),
        0xAD,
        0x34F,
        0x61C,
        0x115F,
        0x1160,
        0x17B4,
        0x17B5,
        *range(0x180B, 0x180F),
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2065),
        *range(0x2066, 0x2070),
        0x3164,
        *range(0xFE00, 0xFE10),
        0xFEFF,
        0xFFA0,
        *range(0xFFF9, 0xFFFC),
    ]
)
# The common cell, accepted without further work: ASCII, http(s), a host with a dot, no space, not
# ending in what may be the sentence's or a bracket's rather than the link's (_AKHIR_RAGU); public so
# that a whole sheet of such cells can be checked at once (etl.rules_laporan.plain_sheet).
TAUTAN_BIASA = re.compile(r"https?://[^\s/?#,;]*\.[^\s,;]*[^\s,;.:!)\]>'\"]", re.IGNORECASE)
_AKHIR_RAGU = ".:!)]>'\""  # with "," and ";", the last characters TAUTAN_BIASA refuses
_SKEMA = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# A host written without a scheme ("instagram.com/p/…", "www.tiktok.com/@…"), port optional.
_HOST_TANPA_SKEMA = re.compile(rf"((?:{_LABEL}\.)+([A-Za-z]{{2,24}}))(?::\d{{1,5}})?(?=[/?#]|\Z)")
# Top-level domains for which a scheme-less "name.tld/…" is clearly an address, not a sentence
# ("Kegiatan.Patroli"); "www." or a known platform host counts too.
_TLD_DIKENAL = frozenset(
    [
        "com",
        "net",
        "org",
        "id",
        "info",
        "biz",
        "co",
        "io",
        "me",
        "tv",
        "ly",
        "be",
        "gl",
        "gd",
        "to",
        "cc",
        "us",
        "uk",
        "my",
        "sg",
        "au",
        "in",
        "news",
        "online",
        "site",
        "xyz",
        "app",
        "link",
        "live",
        "media",
        "social",
        "page",
        "blog",
        "asia",
        "web",
        "store",
        "tech",
        "website",
        "top",
        "club",
        "world",
        "today",
        "network",
        "digital",
        "video",
    ]
)
# Several links in one cell: separated by whitespace (also NBSP and line breaks), or by , ; | that
# is followed by the start of another link ("a,https://b", "a,instagram.com/p/…": _awal_tautan_lain).
# Commas inside one link ("?ids=1,2", "/satu,dua.html") stay.
_PEMISAH = re.compile(r"[,;|]+")
_SISA_PEMISAH = ",;|"
# A host without a scheme right after such a separator; it may end at the next one.
_HOST_SETELAH_PEMISAH = re.compile(rf"((?:{_LABEL}\.)+([A-Za-z]{{2,24}}))(?::\d{{1,5}})?(?=[/?#,;|]|\Z)")
# Tokens between links that only separate them: "1." "2)" "-" "dan" "&", and brackets, quotes or
# punctuation alone ("( https://… )", "https://… .").
_BUKAN_TAUTAN = re.compile(r"(?:\d{1,3}[.)]|[-–—•*&+,;|/()\[\]<>\"'“”‘’«».…:!]+|dan|and)", re.IGNORECASE)
# Brackets and quotes around a link ("<https://…>", "“https://…”"): opening → closing.
_APIT = {"<": ">", "(": ")", "[": "]", '"': '"', "'": "'", "“": "”", "‘": "’", "«": "»"}
# A closing one after a link is dropped when nothing inside the link opened it; the quotes that
# open and close alike, when their count is odd.
_PEMBUKA = {")": "(", "]": "[", ">": "<", "”": "“", "’": "‘", "»": "«", '"': '"', "'": "'"}
_TANDA_AKHIR = ".:!"  # sentence punctuation after a link; "," ";" "|" go silently as separators
# A link cut off where it is shown ("…/kapolres-batu-pimp…"): refused, since the rest is unknown.
_TERPOTONG = ("…", "...")
# A label before a link ("Link:", "IG:", "Sumber:"), alone or glued to the link ("IG:https://…").
_LABEL_SEL = re.compile(r"[A-Za-z]{1,20}:")
_LABEL_TEMPEL = re.compile(r"([A-Za-z]{1,20}):(?=https?://|www\.)", re.IGNORECASE)
# Schemes that are not web addresses but are real: refused as such, never taken for a label.
_SKEMA_NYATA = frozenset(
    {"http", "https", "javascript", "vbscript", "data", "file", "mailto", "ftp", "ftps", "sftp", "tel", "sms"}
    | {"blob", "about", "intent", "ws", "wss", "smb", "ssh", "irc", "magnet", "market", "whatsapp"}
)


class TautanDitolak(ValueError):
    """The cell does not hold a usable web address; the message (Indonesian) says why and what
    to write instead. Callers attach the sheet and cell (etl.cells.CellError)."""


class KodePerbaikan(StrEnum):
    """What :func:`bersihkan_tautan` fixed, for counting on the upload page."""

    TAK_TERLIHAT = "tak_terlihat"  # invisible characters removed
    SKEMA = "skema"  # https:// added
    PISAH = "pisah"  # several links in one cell
    TANDA_BACA = "tanda_baca"  # brackets, quotes or sentence punctuation around a link removed


@dataclass(frozen=True, slots=True)
class Perbaikan:
    kode: KodePerbaikan
    pesan: str  # Indonesian, for a warning naming the cell


@dataclass(frozen=True, slots=True)
class TautanBersih:
    """The links of one cell, in the order written, and what was fixed to get them."""

    tautan: tuple[str, ...]
    perbaikan: tuple[Perbaikan, ...] = ()


def _kutip(teks: str) -> str:
    teks = teks.strip()
    return teks if len(teks) <= 60 else teks[:57] + "…"


def bersihkan_tautan(isi: Any) -> TautanBersih:
    """The link(s) of a Tautan cell, cleaned, with what was fixed; raises :class:`TautanDitolak`.

    Surrounding spaces go silently (NBSP and line breaks count as spaces), and so do labels before
    a link ("IG:", "Link:"); invisible characters (zero-width space or joiner, BOM, soft hyphen,
    direction marks), a missing ``https://`` and brackets, quotes or sentence punctuation around a
    link are fixed and reported; several links in one cell are split and reported. A link shown
    cut off ("…/kapolres-pimp…") is refused: only the cell's hyperlink knows the rest of it.

    >>> bersihkan_tautan(" https://www.instagram.com/p/C1x/ ").tautan
    ('https://www.instagram.com/p/C1x/',)
    >>> hasil = bersihkan_tautan("instagram.com/p/C1x\\nhttps://x.com/humas/status/17")
    >>> hasil.tautan, [p.kode.value for p in hasil.perbaikan]
    (('https://instagram.com/p/C1x', 'https://x.com/humas/status/17'), ['skema', 'pisah'])
    >>> try:
    ...     bersihkan_tautan("javascript:alert(1)")
    ... except TautanDitolak as alasan:
    ...     print(str(alasan).split(". ")[0])
    Tautan “javascript:alert(1)” memakai skema “javascript:”, bukan alamat web
    """
    teks = _teks_sel(isi).strip()
    if teks.isascii() and teks.isprintable() and len(teks) <= PANJANG_MAKS and TAUTAN_BIASA.fullmatch(teks):
        return TautanBersih((teks,))
    perbaikan: list[Perbaikan] = []
    if not (teks.isascii() and teks.isprintable()):
        teks = _buang_tak_terlihat(teks, perbaikan)
    if not teks:
        raise TautanDitolak(f"Tautan wajib diisi: {BENTUK_DITERIMA}.")
    dibuang = _Dibuang()
    potongan = _potong(teks, dibuang)
    if not potongan:  # separators only ("-", "|")
        raise TautanDitolak(f"“{_kutip(teks)}” bukan tautan. Isi dengan {BENTUK_DITERIMA}.")
    if len(potongan) > TAUTAN_PER_SEL_MAKS:
        raise TautanDitolak(
            f"Sel berisi {len(potongan)} tautan, batasnya {TAUTAN_PER_SEL_MAKS} per sel. Tulis satu "
            "tautan (https://…) per baris kegiatan."
        )
    tautan: list[str] = []
    tanpa_skema: list[str] = []
    ada_tautan = any(map(_awal_tautan, potongan))
    for bagian in potongan:
        url, ditambah = _satu_tautan(bagian, banyak=len(potongan) > 1, ada_tautan=ada_tautan)
        tautan.append(url)
        if ditambah:
            tanpa_skema.append(bagian)
    perbaikan.extend(dibuang.perbaikan())
    perbaikan.extend(_perbaikan_tautan(tanpa_skema, len(tautan)))
    return TautanBersih(tuple(tautan), tuple(perbaikan))


def _teks_sel(isi: Any) -> str:
    """A cell's value as the user sees it: a whole number from Excel (5.0) as "5"."""
    if isinstance(isi, str):
        return isi
    if isi is None:
        return ""
    if isinstance(isi, float) and isi.is_integer():
        return str(int(isi))
    return str(isi)


def _buang_tak_terlihat(teks: str, perbaikan: list[Perbaikan]) -> str:
    tampak = teks.translate(_TAK_TERLIHAT)
    if tampak != teks:
        perbaikan.append(
            Perbaikan(
                KodePerbaikan.TAK_TERLIHAT,
                "Karakter tak terlihat (spasi lebar nol, BOM, tanda hubung lunak) di tautan dibuang.",
            )
        )
    return tampak.strip()


def _perbaikan_tautan(tanpa_skema: list[str], jumlah: int) -> list[Perbaikan]:
    perbaikan = []
    if tanpa_skema:
        lainnya = len(tanpa_skema) - 1
        contoh = f"“{_kutip(tanpa_skema[0])}”" + (f" dan {lainnya} lainnya" if lainnya else "")
        perbaikan.append(
            Perbaikan(KodePerbaikan.SKEMA, f"Tautan {contoh} tidak diawali https://; “https://” ditambahkan.")
        )
    if jumlah > 1:
        perbaikan.append(
            Perbaikan(
                KodePerbaikan.PISAH,
                f"Sel berisi {jumlah} tautan; masing-masing dihitung "
                "sebagai satu kegiatan dengan tanggal, judul, dan platform yang sama.",
            )
        )
    return perbaikan


@dataclass(slots=True)
class _Dibuang:
    """The brackets, quotes and punctuation taken off the links of one cell, for one warning."""

    apit: list[str] = field(default_factory=list)  # "(…)", "“…”"
    akhir: list[str] = field(default_factory=list)  # ".", ")"

    def perbaikan(self) -> list[Perbaikan]:
        apit, akhir = _daftar_tanda(self.apit, kutip=False), _daftar_tanda(self.akhir)
        if apit and akhir:
            pesan = f"Tanda {apit} yang mengapit tautan dan tanda baca {akhir} di akhirnya dibuang."
        elif apit:
            pesan = f"Tanda {apit} yang mengapit tautan dibuang."
        elif akhir:
            pesan = f"Tanda baca {akhir} di akhir tautan dibuang."
        else:
            return []
        return [Perbaikan(KodePerbaikan.TANDA_BACA, pesan)]


def _daftar_tanda(tanda: list[str], kutip: bool = True) -> str:
    """The marks for a message: “.”, “!” dan “)”; wrappers bare, (…) dan “…”, as some are quotes."""
    daftar = [f"“{satu}”" if kutip else satu for satu in dict.fromkeys(tanda)]
    return " dan ".join(filter(None, [", ".join(daftar[:-1]), *daftar[-1:]]))


def _potong(teks: str, dibuang: _Dibuang) -> list[str]:
    """The pieces of a cell that should each be a link: separators, and a label ("Link:", "IG:")
    right before a link, dropped; brackets, quotes and punctuation around each taken off."""
    potongan: list[str] = []
    for kata in teks.split():
        if kata == ":" and potongan and potongan[-1].isascii() and potongan[-1].isalpha():
            potongan[-1] += ":"  # "URL : https://…"
            continue
        potongan += _pecah(kata, dibuang)
    return [
        bagian
        for indeks, bagian in enumerate(potongan)
        if not (
            _LABEL_SEL.fullmatch(bagian)
            and bagian[:-1].lower() not in _SKEMA_NYATA
            and indeks + 1 < len(potongan)
            and (_awal_tautan(potongan[indeks + 1]) or _skema_nyata(potongan[indeks + 1]))
        )
    ]


def _pecah(kata: str, dibuang: _Dibuang) -> list[str]:
    """One whitespace-separated word as pieces, until taking off the ends splits nothing more
    (each round is shorter, so it ends): cleaning a cleaned link again changes nothing."""
    if _BUKAN_TAUTAN.fullmatch(kata):
        return []
    if _LABEL_SEL.fullmatch(kata):
        return [kata]
    if (label := _LABEL_TEMPEL.match(kata)) and label[1].lower() not in _SKEMA_NYATA:
        kata = kata[label.end() :]
    sendiri = _Dibuang()
    kata = _kupas(kata, sendiri)
    bagian = _pisah(kata)
    if len(bagian) > 1:
        return [satu for potong in bagian for satu in _pecah(potong, dibuang)]
    if not kata or _BUKAN_TAUTAN.fullmatch(kata):
        return []
    dibuang.apit += sendiri.apit
    dibuang.akhir += sendiri.akhir
    return [kata]


def _pisah(kata: str) -> list[str]:
    """A word split at each , ; | that is followed by the start of another link."""
    if not ("," in kata or ";" in kata or "|" in kata):
        return [kata]
    bagian, awal = [], 0
    for pemisah in _PEMISAH.finditer(kata):
        if pemisah.start() > 0 and pemisah.end() < len(kata) and _awal_tautan_lain(kata, pemisah.end()):
            bagian.append(kata[awal : pemisah.start()])
            awal = pemisah.end()
    bagian.append(kata[awal:])
    return bagian


def _awal_tautan_lain(kata: str, posisi: int) -> bool:
    """Whether another link starts at ``posisi``: http(s), www. or a host that is clearly one."""
    if kata[posisi : posisi + 6].lower().startswith(("http:", "https:", "www.")):
        return True
    host = _HOST_SETELAH_PEMISAH.match(kata, posisi)
    return host is not None and _jelas_alamat(host[1], host[2])


def _kupas(teks: str, dibuang: _Dibuang) -> str:
    """The piece without trailing separators (silently), and without brackets or quotes around it
    and sentence punctuation or an unmatched closing bracket after it (noted in ``dibuang``). A
    bracket that closes one opened inside the link stays ("…/wiki/Polri_(Indonesia)")."""
    while True:
        teks = teks.rstrip(_SISA_PEMISAH)
        if len(teks) < 2 or teks.endswith(_TERPOTONG):
            return teks
        awal, akhir = teks[0], teks[-1]
        if _APIT.get(awal) == akhir:
            dibuang.apit.append(f"{awal}…{akhir}")
            teks = teks[1:-1]
        elif akhir in _TANDA_AKHIR or (akhir in _PEMBUKA and _tak_berpasangan(teks, akhir)):
            dibuang.akhir.append(akhir)
            teks = teks[:-1]
        else:
            return teks


def _skema_nyata(teks: str) -> bool:
    """Whether a piece starts with a scheme that is refused as such (``javascript:``)."""
    skema = _SKEMA.match(teks)
    return skema is not None and skema[1].lower() in _SKEMA_NYATA


def _tak_berpasangan(teks: str, penutup: str) -> bool:
    """Whether a closing bracket or quote at the end has nothing in ``teks`` that it closes."""
    pembuka = _PEMBUKA[penutup]
    if pembuka == penutup:
        return teks.count(penutup) % 2 == 1
    return teks.count(pembuka) < teks.count(penutup)


def _awal_tautan(teks: str) -> bool:
    """Whether a piece starts like a link: http(s)://, www., //host or a host that is clearly one."""
    if teks[:8].lower().startswith(("http://", "https://", "www.")):
        return True
    awal = 2 if teks.startswith("//") else 0
    host = _HOST_TANPA_SKEMA.match(teks, awal) or _HOST_SETELAH_PEMISAH.match(teks.rstrip(".…"), awal)
    return host is not None and _jelas_alamat(host[1], host[2])


def _satu_tautan(teks: str, banyak: bool, ada_tautan: bool = False) -> tuple[str, bool]:
    """One piece as an http(s) link, and whether ``https://`` was added; raises when it is none.
    ``ada_tautan``: another piece of the cell is a link, so this one is a note that strayed here."""
    if len(teks) > PANJANG_MAKS:
        raise TautanDitolak(
            f"Tautan terlalu panjang ({len(teks)} karakter, batas {PANJANG_MAKS}). Salin ulang "
            "alamat yang diawali https:// dari peramban."
        )
    if teks.endswith(_TERPOTONG) and _awal_tautan(teks):
        raise TautanDitolak(
            f"Tautan “{_kutip(teks)}” terpotong (diakhiri “{'…' if teks[-1] == '…' else '...'}”), alamat "
            "lengkapnya tidak ada. "
            "Salin alamat lengkapnya (diawali https://) dari peramban, bukan teks yang dipendekkan."
        )
    if (host := _HOST_TANPA_SKEMA.match(teks)) and _jelas_alamat(host[1], host[2]):
        return "https://" + teks, True
    if teks.startswith("//") and (host := _HOST_TANPA_SKEMA.match(teks, 2)) and _jelas_alamat(host[1], host[2]):
        return "https:" + teks, True
    skema = _SKEMA.match(teks)
    # In a cell of several pieces, name the piece: "Bagian “lihat” dari sel ini …".
    subjek = f"Bagian “{_kutip(teks)}” dari sel ini" if banyak else f"Tautan “{_kutip(teks)}”"
    nama = "" if skema is None else skema[1].lower()
    if skema is None or (nama not in _SKEMA_NYATA and not teks.startswith("//", skema.end())):
        # Text such as "Sumber:" or "Ket:patroli" is no scheme: say plainly it is no link.
        subjek = subjek if banyak else f"“{_kutip(teks)}”"
        if ada_tautan:
            raise TautanDitolak(
                f"{subjek} bukan tautan. Kolom Tautan hanya berisi alamat web (https://…); "
                "tulis keterangan di kolom Judul / Uraian."
            )
        raise TautanDitolak(f"{subjek} bukan tautan. Isi dengan {BENTUK_DITERIMA}.")
    if nama not in ("http", "https"):
        raise TautanDitolak(f"{subjek} memakai skema “{nama}:”, bukan alamat web. Isi dengan {BENTUK_DITERIMA}.")
    sisa = teks[skema.end() :]
    host = re.split(r"[/?#]", sisa[2:], maxsplit=1)[0].rpartition("@")[2] if sisa.startswith("//") else ""
    if "." not in host.strip("."):
        raise TautanDitolak(
            f"{subjek} tidak lengkap: nama situsnya tidak ada. Salin ulang alamat "
            "lengkapnya (diawali https://) dari peramban."
        )
    return teks, False


def _jelas_alamat(host: str, tld: str) -> bool:
    """A scheme-less "host/…" is taken as an address only when the host is clearly one."""
    if host[:4].lower() == "www." or tld.lower() in _TLD_DIKENAL:
        return True
    info = info_host(host)
    return info is not None and info.platform is not None


# --- Identity of a post ---------------------------------------------------------------------------


# An http(s) address (or one starting with "//") split into host[:port], path, query, fragment.
_URL = re.compile(r"(?:[Hh][Tt][Tt][Pp][Ss]?:)?//([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.DOTALL)
_Bagian = tuple[InfoHost, str, str | None, str | None]  # host, path, query, fragment


def _urai(teks: str) -> _Bagian | None:
    """The parts of an http(s) address (or a scheme-less "host/…"); None for anything else.

    One regular expression and a cached host lookup rather than urllib: urlsplit raises on some
    strings (brackets), and this runs for every row of every report.
    """
    cocok = _URL.fullmatch(teks)
    if cocok is None:
        host = _HOST_TANPA_SKEMA.match(teks)
        if host is None or not _jelas_alamat(host[1], host[2]):
            return None
        cocok = _URL.fullmatch("//" + teks)
        if cocok is None:
            return None
    info = info_host(cocok[1])
    return None if info is None else (info, cocok[2], cocok[3], cocok[4])


def _urai_terbuka(teks: str) -> _Bagian | None:
    """The parts of the address, of the one inside a redirect wrapper when it is one
    (``l.facebook.com/l.php?u=…``); each unwrapping is shorter, so the loop ends."""
    bagian = _urai(teks)
    while bagian is not None and bagian[0].pembungkus is not None and bagian[2]:
        dalam = _isi_pembungkus(bagian[0].pembungkus, bagian[2])
        if dalam is None:
            break
        bagian = _urai(dalam)
    return bagian


def _isi_pembungkus(nama_param: str, query: str) -> str | None:
    """The address inside a redirect wrapper's parameter, or None."""
    for potong in query.split("&"):
        kunci, _, nilai = potong.partition("=")
        if kunci.lower() == nama_param and nilai:
            dalam = _tampak(unquote(nilai))
            if dalam[:8].lower().startswith(("https://", "http://")):
                return dalam
    return None


def kanonik(url: str) -> str:
    """The identity of the post behind ``url``: the same key for every address of one post.

    https; host in lower case without ``www.``/``m.``/``mobile.``/``web.``; no fragment (except
    ``#/…`` and ``#!…`` routes of single-page sites); tracking parameters removed and the rest
    sorted; no trailing slash; per-platform rules (see :mod:`analytics.tautan_aturan`). Never
    raises: text that is not an http(s) address comes back stripped, as its own key.
    Idempotent: ``kanonik(kanonik(u)) == kanonik(u)``.

    >>> kanonik("https://www.instagram.com/reel/C7xYz12AbCd/?igsh=MWd2c2Z4&utm_source=ig_web_copy_link")
    'https://instagram.com/p/C7xYz12AbCd'
    >>> kanonik("https://mobile.twitter.com/DivHumas_Polri/status/1790000000000000001?s=20&t=abc")
    'https://x.com/i/status/1790000000000000001'
    >>> kanonik("youtu.be/dQw4w9WgXcQ?si=Zx1") == kanonik("https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share")
    True
    >>> kanonik("https://News.Detik.com/berita/d-7351234/judul/?single=1#komentar")
    'https://news.detik.com/berita/d-7351234/judul'
    """
    teks, bagian = _bagian(url)
    return teks if bagian is None else _susun(bagian)


def kanonik_dan_platform(url: str) -> tuple[str, str | None]:
    """:func:`kanonik` and :func:`platform_dari_host` of one link from a single parse: the
    loader needs both for every row.

    >>> kanonik_dan_platform("https://vm.tiktok.com/ZMabc123/")
    ('https://vm.tiktok.com/ZMabc123', 'TikTok')
    """
    teks, bagian = _bagian(url)
    return (teks, None) if bagian is None else (_susun(bagian), bagian[0].platform)


def kanonik_biasa(url: str) -> tuple[str, str | None] | None:
    """:func:`kanonik_dan_platform` of a link in the common form (:data:`TAUTAN_BIASA`, printable
    ASCII), None for any other text: a sheet whose every link is common is read at once
    (etl.rules_laporan.plain_sheet).

    Split with ``str.find`` (C) instead of the two regular expressions that check the form and
    take the address apart, each of which walks the link character by character in Python's
    regular expression engine: the link work of loading a folder took a third longer with them.

    >>> kanonik_biasa("HTTPS://www.TikTok.com/@humas/video/7351234?lang=id#x")
    ('https://tiktok.com/@/video/7351234', 'TikTok')
    >>> kanonik_biasa("https://localhost/x"), kanonik_biasa("www.a.id/x"), kanonik_biasa("https://a.id/x y")
    (None, None, None)
    """
    if not (url.isascii() and url.isprintable()) or " " in url or "," in url or ";" in url or url[-1:] in _AKHIR_RAGU:
        return None
    skema = url[:8].lower()
    if skema == "https://":
        awal = 8
    elif skema[:7] == "http://":
        awal = 7
    else:
        return None
    pagar = url.find("#", awal)
    akhir = len(url) if pagar < 0 else pagar
    tanya = url.find("?", awal, akhir)
    ujung_path = akhir if tanya < 0 else tanya
    garis = url.find("/", awal, ujung_path)
    ujung_host = ujung_path if garis < 0 else garis
    host = url[awal:ujung_host]
    if "." not in host:
        return None
    info = info_host(host)
    if info is None:
        return url, None
    if info.pembungkus is not None:
        return kanonik_dan_platform(url)
    query = None if tanya < 0 else url[tanya + 1 : akhir]
    fragment = None if pagar < 0 else url[pagar + 1 :]
    return _susun((info, url[ujung_host:ujung_path], query, fragment)), info.platform


def _bagian(url: Any) -> tuple[str, _Bagian | None]:
    """The text as compared and its parts; the common cell (ASCII, no space, an http(s)
    address of a site that is no redirect wrapper) costs one regular expression and one cache
    lookup, since this runs for every row of every report."""
    if type(url) is str and url.isascii() and url.isprintable() and " " not in url:
        cocok = _URL.fullmatch(url)
        if cocok is not None:
            info = info_host(cocok[1])
            if info is not None and info.pembungkus is None:
                return url, (info, cocok[2], cocok[3], cocok[4])
    teks = _tampak(url)
    return teks, _urai_terbuka(teks)


def _susun(bagian: _Bagian) -> str:
    """The key of a parsed address."""
    info, path, query, fragment = bagian
    if path and (path[-1] == "/" or path[-1].isspace()):
        path = tanpa_ujung(path, "/")
    host, path, query = info.aturan(info.host, path, query or "")
    hasil = "https://" + host + info.port + path
    if query:
        hasil += "?" + query
    if fragment and fragment[0] in "/!" and (fragment := fragment.rstrip()):
        hasil += "#" + fragment
    return hasil


def _tampak(teks: Any) -> str:
    """The text without surrounding spaces and invisible characters."""
    teks = teks.strip() if isinstance(teks, str) else str(teks).strip()
    if teks.isascii() and teks.isprintable():
        return teks
    return teks.translate(_TAK_TERLIHAT).strip()


def platform_dari_host(url: str) -> str | None:
    """The platform of the fixed list (Instagram, Facebook, X, TikTok, YouTube, Website,
    WhatsApp, Lainnya) a link's host belongs to; None when the host says nothing (an unknown
    site or a shortener such as bit.ly), and then the Platform cell decides.

    >>> platform_dari_host("https://vt.tiktok.com/ZSabc123/"), platform_dari_host("https://mobile.twitter.com/a")
    ('TikTok', 'X')
    >>> platform_dari_host("https://tribratanews.jatim.polri.go.id/x"), platform_dari_host("https://bit.ly/3abc")
    ('Website', None)
    """
    bagian = _bagian(url)[1]
    return None if bagian is None else bagian[0].platform
