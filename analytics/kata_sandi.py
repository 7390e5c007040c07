"""Password rules as NIST SP 800-63B puts them: long enough, not guessable, no composition rules.

A password needs at least ``PANJANG_MIN`` characters and must not be easy to guess: zxcvbn (a
maintained estimator with lists of common passwords, words, names, keyboard patterns, dates,
repeats and sequences, also reversed) must rate it at least ``SKOR_MIN`` of 4, counting the words of
this context (the user's name, the satker and Polda names, the institution's words) as known. And
what is left after removing those context words must still be ``SISA_MIN`` letters or digits, so
``Kediri Kota 1`` or ``polri12345`` is refused even where zxcvbn would let it pass. No rule asks for
digits, capitals or symbols: a passphrase of a few random words is the advice.

Pure: the caller (db/akun.py) passes the context words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zxcvbn import zxcvbn

from analytics.izin import IsianSalah

PANJANG_MIN = 10
PANJANG_MAKS = 128
SKOR_MIN = 3
SISA_MIN = 6
KATA_INSTANSI = ("polri", "polda", "polres", "polresta", "polrestabes", "humas", "bidhumas", "kepolisian", "tribrata")
SARAN = "Pakai frasa sandi: tiga atau empat kata acak yang mudah Anda ingat, mis. “kopi hujan sepeda jendela”."
_KATA = re.compile(r"[a-z0-9]+")


def kata_konteks(username: str, nama: str, nama_tempat: Iterable[str]) -> list[str]:
    """The words a guesser would try first for this user: the user name and its parts, the
    person's name, the satker and Polda names and the institution's words (each 3+ characters).

    >>> kata_konteks("op.batu", "Budi", ["Polres Batu"])[:4]
    ['op.batu', 'batu', 'budi', 'polres']
    """
    kata = [username.strip().lower()]
    for teks in [username, nama, *nama_tempat, *KATA_INSTANSI]:
        kata += [k for k in _KATA.findall(teks.lower()) if len(k) >= 3]
    return list(dict.fromkeys(k for k in kata if k))


def periksa_kata_sandi(kata_sandi: str, konteks: list[str]) -> None:
    """Refuse a password that is too short or easy to guess, saying why and what works.

    >>> periksa_kata_sandi("kopi hujan sepeda jendela", ["humas"])
    >>> try:
    ...     periksa_kata_sandi("polri12345", ["polri"])
    ... except IsianSalah as alasan:
    ...     print(str(alasan)[:28])
    Kata sandi memuat “polri”, y
    """
    if len(kata_sandi) < PANJANG_MIN:
        raise IsianSalah(f"Kata sandi minimal {PANJANG_MIN} karakter (ini {len(kata_sandi)}). {SARAN}")
    if len(kata_sandi) > PANJANG_MAKS:
        raise IsianSalah(f"Kata sandi paling panjang {PANJANG_MAKS} karakter.")
    huruf = "".join(_KATA.findall(kata_sandi.lower()))
    dipakai = {k: _letak(huruf, _bersih(k)) for k in sorted(konteks, key=len, reverse=True) if _bersih(k)}
    dipakai = {k: letak for k, letak in dipakai.items() if letak >= 0}
    sisa = huruf
    for k in dipakai:
        sisa = sisa.replace(_bersih(k), "").replace(_bersih(k)[::-1], "")
    if dipakai and len(sisa) < SISA_MIN:
        disebut = ", ".join(f"“{k}”" for k in sorted(dipakai, key=dipakai.__getitem__))
        raise IsianSalah(
            f"Kata sandi memuat {disebut}, yang mudah ditebak dari nama pengguna, nama Anda, nama satker "
            f"atau Polda, atau nama instansi. {SARAN}"
        )
    if zxcvbn(kata_sandi[:PANJANG_MAKS], user_inputs=konteks)["score"] < SKOR_MIN:
        raise IsianSalah(
            "Kata sandi terlalu mudah ditebak: kata sandi umum, kata dari kamus, pola papan ketik (qwerty), tanggal, "
            f"huruf yang berulang, atau urutan (12345). {SARAN}"
        )


def _letak(huruf: str, kata: str) -> int:
    """Where ``kata`` (or it reversed) first occurs in ``huruf``; -1 when it does not."""
    letak = [i for i in (huruf.find(kata), huruf.find(kata[::-1])) if i >= 0]
    return min(letak, default=-1)


def _bersih(kata: str) -> str:
    return "".join(_KATA.findall(kata.lower()))
