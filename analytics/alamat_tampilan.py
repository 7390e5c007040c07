"""The address names the view: a review page's filters as query parameters, with the command
line's codes, so a copied address opens the same view.

``?polda=jatim&periode=2024-Q3&kategori=tb_news`` (and ``&satker=polres-kediri-kota`` on Profil
Satker). Reading checks every parameter against what this user may see; a parameter that does not
fit (another Polda, an unknown code, a period without data) falls back to the default with a short
notice, never an exception. Pure: the UI passes the parameters and the choices it offers.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from analytics.periods import Rentang, parse_rentang

PARAM_POLDA = "polda"
PARAM_PERIODE = "periode"
PARAM_KATEGORI = "kategori"
PARAM_SATKER = "satker"
PARAM_FILTER = (PARAM_POLDA, PARAM_PERIODE, PARAM_KATEGORI)
"""The parameters of the sidebar filters, in the order they are written."""


def buat_kode(nama: str) -> str:
    """A name as it reads in an address: lower case, words joined by hyphens, no accents.

    >>> buat_kode("Polres Kediri Kota")
    'polres-kediri-kota'
    >>> buat_kode("Jatim")
    'jatim'
    """
    ascii_saja = unicodedata.normalize("NFKD", nama).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_saja.casefold()).strip("-")


@dataclass(frozen=True)
class Tampilan:
    """The filters of a review page: Polda code, period and kategori code."""

    polda: str
    rentang: Rentang
    kategori: str

    @property
    def parameter(self) -> dict[str, str]:
        """The query parameters naming this view.

        >>> Tampilan("jatim", parse_rentang("2024-Q3"), "tb_news").parameter
        {'polda': 'jatim', 'periode': '2024-Q3', 'kategori': 'tb_news'}
        """
        return {PARAM_POLDA: self.polda, PARAM_PERIODE: self.rentang.kode, PARAM_KATEGORI: self.kategori}


@dataclass(frozen=True)
class PilihanTampilan:
    """What the filters offer this user: Polda codes (the first is the default), the months with
    data (newest first; the newest is the default period) and kategori codes with the default."""

    polda: Sequence[str]
    bulan: Sequence[dt.date]
    kategori: Collection[str]
    kategori_bawaan: str

    @property
    def bawaan(self) -> Tampilan:
        return Tampilan(self.polda[0], Rentang(self.bulan[0], self.bulan[0]), self.kategori_bawaan)

    def ada_data(self, rentang: Rentang) -> bool:
        """Whether the period widgets can show ``rentang``: its months (a range's ends) have data,
        or for a quarter or year, some month of that year has."""
        if rentang.jenis in ("triwulan", "tahun"):
            return any(m.year == rentang.awal.year for m in self.bulan)
        return rentang.awal in self.bulan and rentang.akhir in self.bulan


def baca_tampilan(
    parameter: Mapping[str, str], pilihan: PilihanTampilan, sekarang: Tampilan | None = None
) -> tuple[Tampilan, list[str]]:
    """The view the address asks for, and a notice for every parameter that was not used.

    A missing parameter keeps what is shown now (``sekarang``, else the default); one this user may
    not see falls back to the default.

    >>> pilihan = PilihanTampilan(["jatim"], [dt.date(2024, 5, 1)], {"tb_news", "ipse"}, "ipse")
    >>> tampilan, pesan = baca_tampilan({"polda": "jabar", "kategori": "tb_news"}, pilihan)
    >>> tampilan.polda, tampilan.kategori, tampilan.rentang.kode
    ('jatim', 'tb_news', '2024-05')
    >>> pesan
    ["Polda 'jabar' pada alamat tidak tersedia untuk akun Anda; ditampilkan pilihan bawaan."]
    """
    awal = sekarang or pilihan.bawaan
    bawaan = pilihan.bawaan
    pesan: list[str] = []

    polda = awal.polda
    if (kode := parameter.get(PARAM_POLDA)) is not None:
        if buat_kode(kode) in pilihan.polda:
            polda = buat_kode(kode)
        else:
            polda = bawaan.polda
            pesan.append(
                f"Polda {kutipan_alamat(kode)}pada alamat tidak tersedia untuk akun Anda; ditampilkan pilihan bawaan."
            )

    rentang = awal.rentang
    if (teks := parameter.get(PARAM_PERIODE)) is not None:
        try:
            diminta = parse_rentang(teks)
        except ValueError:
            rentang = bawaan.rentang
            pesan.append(
                f"Periode {kutipan_alamat(teks)}pada alamat tidak dikenali; ditampilkan {bawaan.rentang.label}."
            )
        else:
            if pilihan.ada_data(diminta):
                rentang = diminta
            else:
                rentang = bawaan.rentang
                pesan.append(f"Belum ada data untuk {diminta.label}; ditampilkan {bawaan.rentang.label}.")

    kategori = awal.kategori
    if (kode := parameter.get(PARAM_KATEGORI)) is not None:
        if kode in pilihan.kategori:
            kategori = kode
        else:
            kategori = bawaan.kategori
            pesan.append(f"Kategori {kutipan_alamat(kode)}pada alamat tidak dikenal; ditampilkan pilihan bawaan.")
    return Tampilan(polda, rentang, kategori), pesan


def baca_satker(parameter: Mapping[str, str], satker: Mapping[int, str]) -> tuple[int | None, str | None]:
    """The satker (id) the address names among ``satker`` (id → name), or None; with a notice when
    the parameter names none of them.

    >>> baca_satker({"satker": "polres-blitar"}, {1: "Polres Kediri", 2: "Polres Blitar"})
    (2, None)
    >>> baca_satker({"satker": "polres-x"}, {1: "Polres Kediri"})
    (None, "Satker 'polres-x' pada alamat tidak ada di Polda dan periode ini; ditampilkan satker pertama.")
    """
    kode = parameter.get(PARAM_SATKER)
    if kode is None:
        return None, None
    for satker_id, nama in satker.items():
        if buat_kode(nama) == buat_kode(kode):
            return satker_id, None
    pesan = f"Satker {kutipan_alamat(kode)}pada alamat tidak ada di Polda dan periode ini; ditampilkan satker pertama."
    return None, pesan


_KUTIPAN_AMAN = re.compile(r"[A-Za-z0-9_-]{1,40}")


def kutipan_alamat(nilai: str) -> str:
    """A value from the page address, quoted for a notice when it is a plain code ("'jabar' "),
    else nothing: anyone can write an address, and Markdown turns "https://…" or "www.…" into a
    link even when escaped, so only codes are repeated back.

    >>> kutipan_alamat("jabar"), kutipan_alamat("2024-Q3"), kutipan_alamat("www.contoh.id/masuk")
    ("'jabar' ", "'2024-Q3' ", '')
    """
    return f"'{nilai}' " if _KUTIPAN_AMAN.fullmatch(nilai) else ""


def periksa_alamat_publik(teks: str) -> str:
    """The server's public address as an admin types it, checked: ``http(s)://host[:port][/path]``,
    no query or fragment; returned without the trailing slash. Empty means no address.

    >>> periksa_alamat_publik(" https://humas.polda.example/dasbor/ ")
    'https://humas.polda.example/dasbor'
    """
    bersih = teks.strip()
    if not bersih:
        return ""
    bagian = urlsplit(bersih)
    if bagian.scheme not in ("http", "https") or not bagian.hostname:
        raise ValueError(
            f"Alamat '{bersih}' tidak dikenali; tulis lengkap dengan http:// atau https://, "
            "misalnya https://humas.poldajatim.example."
        )
    if bagian.query or bagian.fragment or bagian.username or bagian.password:
        raise ValueError("Alamat publik ditulis tanpa ?…, #… dan tanpa nama pengguna; cukup alamat servernya.")
    return bersih.rstrip("/")


def susun_tautan(alamat_publik: str, url_path: str, parameter: Mapping[str, str]) -> str:
    """The address of a view on the public server: page path (``""`` for the start page) and
    its parameters.

    >>> susun_tautan("https://humas.example", "peringkat", {"polda": "jatim", "periode": "2024-Q3"})
    'https://humas.example/peringkat?polda=jatim&periode=2024-Q3'
    """
    kueri = urlencode(dict(parameter))
    return f"{alamat_publik.rstrip('/')}/{url_path}" + (f"?{kueri}" if kueri else "")


def baris_tautan(tautan: str) -> str:
    """The closing line of what leaves the app (WhatsApp text, deck, PDF); "" without a link.

    >>> baris_tautan("https://humas.example/peringkat?periode=2024-05")
    'Lihat di dasbor: https://humas.example/peringkat?periode=2024-05'
    """
    return f"Lihat di dasbor: {tautan}" if tautan else ""
