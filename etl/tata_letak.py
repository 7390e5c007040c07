"""Where things are on a category sheet as operators leave it (pure).

The template puts the header in row 1 (``No``, ``Tanggal``, ``Judul / Uraian``, ``Platform``,
``Tautan``) and data from row 2. Operators add a title above the header ("LAPORAN LINK
AMPLIFIKASI POLRES … MEI 2024"), rename or reorder columns ("Link", "Tgl", "Uraian"), add columns
of their own ("Akun", "Keterangan"), and close the table with a JUMLAH/TOTAL row and a signature
block. :func:`cari_tata_letak` finds the header and the columns; :func:`baris_diabaikan` finds the
total rows and what follows them. Both say what they ignored as warnings with sheet and cell;
what cannot be found is an error naming the cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from etl import perbaikan
from etl.cells import header_key, is_blank, shown
from etl.problems import Masalah, cell_ref, error, warning
from etl.workbook_format import ACTIVITY_HEADER

BARIS_JUDUL_MAKS = 12  # the header may sit under up to 11 title or blank rows
BIDANG = ("no", "tanggal", "judul", "platform", "tautan")  # template order; ACTIVITY_HEADER names them
BIDANG_DATA = BIDANG[1:]  # what the validator reads, in template order
WAJIB = ("tanggal", "tautan")
NAMA_BIDANG = dict(zip(BIDANG, ACTIVITY_HEADER, strict=True))

# Header names (compared without case, spaces and punctuation), exact or as a start.
_NAMA = {
    "no": {"no", "nomor", "nourut", "nomorurut", "nmr"},
    "tanggal": {"tanggal", "tgl", "haritanggal", "haritgl", "hritgl", "date"},
    "judul": {
        "juduluraian",
        "judul",
        "uraian",
        "keterangan",
        "ket",
        "narasi",
        "kegiatan",
        "uraiankegiatan",
        "judulkegiatan",
        "deskripsi",
        "caption",
        "topik",
        "hashtag",
        "tagar",
        "isi",
    },
    "platform": {"platform", "media", "mediasosial", "medsos", "sosmed", "jenismedia", "jenisplatform", "aplikasi"},
    "tautan": {
        "tautan",
        "link",
        "url",
        "tautanlink",
        "linktautan",
        "alamat",
        "alamattautan",
        "alamatlink",
        "bukti",
        "buktilink",
        "buktitautan",
    },
}
_AWALAN = {
    "tautan": ("link", "tautan", "url"),
    "tanggal": ("tanggal", "tgl"),
    "judul": ("judul", "uraian", "keterangan", "narasi", "deskripsi"),
    "platform": ("platform", "mediasosial", "medsos", "sosmed"),
}
_CONTOH = {
    "tanggal": "“Tanggal” (juga diterima: Tgl, Hari/Tanggal)",
    "tautan": "“Tautan” (juga diterima: Link, URL, Tautan/Link)",
}
# A total row's label: JUMLAH, TOTAL, Jumlah Total, Grand Total, Sub Total, Jml, "Jumlah Link" …
_LABEL_JUMLAH = re.compile(r"(?:grand|sub)?(?:jumlah|total|jml)[a-z0-9]{0,40}")


def _kunci(teks: Any) -> str:
    return re.sub(r"[\W_]+", "", str(teks)).casefold() if isinstance(teks, str) else ""


def bidang_judul(teks: Any) -> str | None:
    """The field a header cell names, or None.

    >>> bidang_judul("Judul / Uraian"), bidang_judul("LINK POSTINGAN"), bidang_judul("Hari/Tanggal")
    ('judul', 'tautan', 'tanggal')
    >>> bidang_judul("Akun") is None
    True
    """
    kunci = _kunci(teks)
    if not kunci:
        return "no" if isinstance(teks, str) and teks.strip() == "#" else None
    for bidang, nama in _NAMA.items():
        if kunci in nama:
            return bidang
    for bidang, awalan in _AWALAN.items():
        if kunci.startswith(awalan):
            return bidang
    return None


@dataclass(frozen=True)
class TataLetak:
    """The header row (1-based), the column (1-based) of each field found, and what was ignored
    or is missing (``masalah``: warnings, and errors when a required column is missing)."""

    sheet: str
    baris_judul: int
    kolom: Mapping[str, int]
    masalah: tuple[Masalah, ...] = ()
    baku: bool = False  # exactly the template: header in row 1, five columns in order, nothing else
    _indeks: tuple[int | None, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_indeks", tuple(self.kolom[b] - 1 if b in self.kolom else None for b in BIDANG_DATA))

    @property
    def ada_kesalahan(self) -> bool:
        return any(masalah.tingkat == "error" for masalah in self.masalah)

    def sel(self, bidang: str, baris: int) -> str:
        """The cell of ``bidang`` in row ``baris``, e.g. ``E14`` (the header cell's column)."""
        return cell_ref(self.kolom[bidang], baris)

    def ambil(self, baris: list[Any]) -> list[Any]:
        """Tanggal, Judul / Uraian, Platform, Tautan of one row, in template order; ``""`` for a
        missing column or a short row."""
        panjang = len(baris)
        return [baris[i] if i is not None and i < panjang else "" for i in self._indeks]

    def baris_data(self, rows: list[list[Any]]) -> Iterator[tuple[int, list[Any]]]:
        """(row number, :meth:`ambil`) for every row under the header."""
        for nomor in range(self.baris_judul, len(rows)):
            yield nomor + 1, self.ambil(rows[nomor])


_BAKU = tuple(header_key(nama) for nama in ACTIVITY_HEADER)


def cari_tata_letak(sheet: str, rows: list[list[Any]]) -> TataLetak:
    """Find the header row in the first rows of a category sheet and the column of each field.

    Warns about title rows above the header and extra columns (both ignored); an error names
    the header row's cell when Tanggal or Tautan is missing or given twice, or A1 when no header
    is found at all.

    >>> tata = cari_tata_letak("IPSE", [["LAPORAN IPSE POLRES X"], [], ["Link", "Tgl", "Akun", "No"]])
    >>> tata.baris_judul, dict(tata.kolom)
    (3, {'tautan': 1, 'tanggal': 2, 'no': 4})
    >>> [m.message for m in tata.masalah]  # doctest: +NORMALIZE_WHITESPACE
    ['Baris 1–2 di atas judul kolom (baris 3) diabaikan: “LAPORAN IPSE POLRES X”.',
     'Kolom “Akun” bukan kolom templat dan diabaikan.']
    """
    if rows and tuple(map(header_key, rows[0][:5])) == _BAKU and all(map(is_blank, rows[0][5:])):
        return TataLetak(sheet, 1, dict(zip(BIDANG, range(1, 6), strict=True)), baku=True)
    calon = [(indeks, [bidang_judul(sel) for sel in baris]) for indeks, baris in enumerate(rows[:BARIS_JUDUL_MAKS])]
    lengkap = [(indeks, bidang) for indeks, bidang in calon if all(w in bidang for w in WAJIB)]
    if lengkap:
        indeks, bidang = lengkap[0]
    else:
        terbaik = max(calon, key=lambda c: len({b for b in c[1] if b}), default=None)
        if terbaik is None or len({b for b in terbaik[1] if b}) < 2:
            return TataLetak(sheet, 1, {}, (error(sheet, "A1", _pesan_tanpa_judul()),))
        indeks, bidang = terbaik
    return _tata_letak(sheet, rows, indeks, bidang)


def _tata_letak(sheet: str, rows: list[list[Any]], indeks: int, bidang: list[str | None]) -> TataLetak:
    judul = rows[indeks]
    nomor = indeks + 1
    masalah: list[Masalah] = []
    atas = [i + 1 for i in range(indeks) if any(not is_blank(sel) for sel in rows[i])]
    if atas:
        contoh = next(shown(sel) for sel in rows[atas[0] - 1] if not is_blank(sel))
        rentang = f"{atas[0]}" if atas[0] == nomor - 1 else f"1–{nomor - 1}"
        masalah.append(
            warning(
                sheet,
                f"A{atas[0]}",
                f"Baris {rentang} di atas judul kolom (baris {nomor}) diabaikan: “{contoh}”.",
                perbaikan.JUDUL_ATAS,
            )
        )
    kolom: dict[str, int] = {}
    ganda: dict[str, list[int]] = {}
    for posisi, (sel, nama) in enumerate(zip(judul, bidang, strict=True), start=1):
        if nama is None:
            if not is_blank(sel):
                masalah.append(
                    warning(
                        sheet,
                        cell_ref(posisi, nomor),
                        f"Kolom “{shown(sel)}” bukan kolom templat dan diabaikan.",
                        perbaikan.KOLOM_LAIN,
                    )
                )
        elif nama in kolom:
            ganda.setdefault(nama, [kolom[nama]]).append(posisi)
        else:
            kolom[nama] = posisi
    masalah.extend(_masalah_ganda(sheet, judul, nomor, ganda))
    for nama in WAJIB:
        if nama not in kolom:
            pesan = (
                f"Kolom {NAMA_BIDANG[nama]} tidak ditemukan di baris judul kolom (baris {nomor}). Beri judul "
                f"{_CONTOH[nama]} pada kolom itu."
            )
            masalah.append(error(sheet, _sel_kosong(judul, bidang, nomor), pesan))
    return TataLetak(sheet, nomor, kolom, tuple(masalah))


def _masalah_ganda(sheet: str, judul: list[Any], nomor: int, ganda: dict[str, list[int]]) -> list[Masalah]:
    """A required column twice is an error (either could be the evidence); an optional one, a warning."""
    masalah: list[Masalah] = []
    for nama, posisi in ganda.items():
        sel = ", ".join(cell_ref(p, nomor) for p in posisi)
        if nama in WAJIB:
            masalah.append(
                error(
                    sheet,
                    cell_ref(posisi[1], nomor),
                    f"Ada {len(posisi)} kolom {NAMA_BIDANG[nama]} "
                    f"({sel}); sisakan satu agar jelas mana yang dihitung, atau beri judul lain pada "
                    "kolom tambahan.",
                )
            )
        else:
            for p in posisi[1:]:
                masalah.append(
                    warning(
                        sheet,
                        cell_ref(p, nomor),
                        f"Kolom “{shown(judul[p - 1])}” juga berarti "
                        f"{NAMA_BIDANG[nama]}; yang dipakai kolom {cell_ref(posisi[0], nomor)}, "
                        "kolom ini diabaikan.",
                        perbaikan.KOLOM_LAIN,
                    )
                )
    return masalah


def _sel_kosong(judul: list[Any], bidang: list[str | None], nomor: int) -> str:
    """Where a missing column's header most likely is: the first header cell not recognised,
    else the first cell after the header."""
    for posisi, (sel, nama) in enumerate(zip(judul, bidang, strict=True), start=1):
        if nama is None and not is_blank(sel):
            return cell_ref(posisi, nomor)
    terakhir = max((p for p, sel in enumerate(judul, start=1) if not is_blank(sel)), default=0)
    return cell_ref(terakhir + 1, nomor)


def _pesan_tanpa_judul() -> str:
    daftar = ", ".join(f"“{nama}”" for nama in ACTIVITY_HEADER)
    return (
        f"Judul kolom tidak ditemukan di {BARIS_JUDUL_MAKS} baris pertama. Tulis judul kolom {daftar} dalam "
        "satu baris di atas data (atau salin isian ke templat baru dari aplikasi)."
    )


# Text that contains an address: a scheme, "www.", or a host followed by a path or ending in a
# common top-level domain. Not a dotted academic title under a signature ("S.I.K., M.Si", "M.Hum").
_MIRIP_TAUTAN = re.compile(
    r"https?:|www\.|[a-z0-9-]\.[a-z]{2,}/|[a-z0-9-]\.(?:com|net|org|id|co|info|tv|ly|be)\b(?!\.)", re.IGNORECASE
)
# Text in the Tanggal column that reads like a date ("5 Mei 2024", "05/05/24"): digits with a
# letter or a separator; a bare count ("25") is none.
_MIRIP_TANGGAL = re.compile(r"\d.*[^\W\d_/.-]|[^\W\d_].*\d|\d[/.-]\d")

AdaHyperlink = Callable[[str], bool]
"""Whether a cell (its reference, "E7") carries a hyperlink: asked only for a row that would
otherwise be skipped, because reading the hyperlinks means reading the sheet's relationships."""


def _tanpa_hyperlink(sel: str) -> bool:
    return False


def _bukan_tautan(nilai: Any) -> bool:
    """Not a link: empty, a number, or text with no address in it ("25", "-", "AKBP Budi, S.H.")."""
    return not isinstance(nilai, str) or _MIRIP_TAUTAN.search(nilai) is None


def _mirip_tanggal(nilai: Any) -> bool:
    return isinstance(nilai, dt.date) or (isinstance(nilai, str) and _MIRIP_TANGGAL.search(nilai) is not None)


_NOMOR = re.compile(r"\(?(\d{1,2})\)?\.?")


def _nomor_kolom(baris: list[Any]) -> bool:
    """The row of column numbers government forms put under the header: "(1) (2) (3) (4) (5)"."""
    isi = [sel for sel in baris if not is_blank(sel)]
    if len(isi) < 3:
        return False
    nomor = []
    for sel in isi:
        if isinstance(sel, (int, float)) and not isinstance(sel, bool) and float(sel).is_integer():
            nomor.append(int(sel))
        elif isinstance(sel, str) and (cocok := _NOMOR.fullmatch(sel.strip())):
            nomor.append(int(cocok[1]))
        else:
            return False
    return nomor == list(range(nomor[0], nomor[0] + len(nomor)))


def _label_jumlah(baris: list[Any]) -> int | None:
    """The 1-based column of a JUMLAH/TOTAL label in the row, or None."""
    for posisi, sel in enumerate(baris, start=1):
        if isinstance(sel, str) and len(sel.split()) <= 4 and _LABEL_JUMLAH.fullmatch(_kunci(sel)):
            return posisi
    return None


def baris_diabaikan(
    tata: TataLetak, rows: list[list[Any]], ada_hyperlink: AdaHyperlink = _tanpa_hyperlink
) -> tuple[frozenset[int], list[Masalah]]:
    """Row numbers to skip under the header, each with a warning: total rows (a cell saying
    JUMLAH, TOTAL, Jumlah Total, Grand Total … and no link, no hyperlink in the Tautan cell, nothing
    like a date) and, after the last one, the signature block: rows without a link whose date, if
    any, stands alone ("Mengetahui", "KAPOLRES …", "Batu, 31 Mei 2024").

    Counts never come from a total row: they are the number of valid rows. A title that merely
    starts with "Jumlah" ("Jumlah Pengunjung Meningkat") on a row with a date or a hyperlink is data.

    >>> rows = [["No", "Tanggal", "Judul / Uraian", "Platform", "Tautan"],
    ...         [1, dt.date(2024, 5, 2), "Patroli", "", "https://a.id/1"],
    ...         ["JUMLAH", "", "", "", 1],
    ...         ["", "", "", "Mengetahui,", ""], ["", "", "", "AKBP Budi, S.H.", ""]]
    >>> baris, masalah = baris_diabaikan(cari_tata_letak("TB News", rows), rows)
    >>> sorted(baris), [(m.cell, m.message) for m in masalah]  # doctest: +NORMALIZE_WHITESPACE
    ([3, 4, 5], [('A3', 'Baris 3 (“JUMLAH”) dianggap baris jumlah dan diabaikan; jumlah kegiatan dihitung
    dari baris data.'), ('D4', 'Baris 4–5 di bawah baris jumlah (tanpa tanggal dan tautan, misalnya
    “Mengetahui,”) diabaikan.')])
    """
    if "tautan" not in tata.kolom:
        return frozenset(), []
    tautan = tata.kolom["tautan"] - 1
    tanggal = tata.kolom.get("tanggal", 0) - 1
    abaikan: set[int] = set()
    masalah: list[Masalah] = []
    if tata.baris_judul < len(rows) and _nomor_kolom(rows[tata.baris_judul]):
        nomor = tata.baris_judul + 1
        abaikan.add(nomor)
        pesan = f"Baris {nomor} hanya berisi nomor kolom (1, 2, 3, …) dan diabaikan."
        masalah.append(warning(tata.sheet, cell_ref(1, nomor), pesan, perbaikan.NOMOR_KOLOM))
    jumlah_terakhir = 0
    for indeks in range(tata.baris_judul, len(rows)):
        baris = rows[indeks]
        if tautan < len(baris) and not _bukan_tautan(baris[tautan]):
            continue
        posisi = _label_jumlah(baris)
        if posisi is None:
            continue
        if 0 <= tanggal < len(baris) and tanggal != posisi - 1 and _mirip_tanggal(baris[tanggal]):
            continue
        nomor = indeks + 1
        if ada_hyperlink(cell_ref(tautan + 1, nomor)):
            continue
        abaikan.add(nomor)
        jumlah_terakhir = nomor
        pesan = (
            f"Baris {nomor} (“{shown(baris[posisi - 1])}”) dianggap baris jumlah dan diabaikan; jumlah "
            "kegiatan dihitung dari baris data."
        )
        masalah.append(warning(tata.sheet, cell_ref(posisi, nomor), pesan, perbaikan.BARIS_JUMLAH))
    if jumlah_terakhir:
        masalah += _penutup(tata, rows, jumlah_terakhir, tanggal, tautan, abaikan, ada_hyperlink)
    return frozenset(abaikan), masalah


def _data_bertanggal(baris: list[Any], tanggal: int, tata: TataLetak) -> bool:
    """A date cell (Excel date or date-like text) with a title or a platform beside it."""
    if not (0 <= tanggal < len(baris)) or not _mirip_tanggal(baris[tanggal]):
        return False
    lain = [tata.kolom[b] - 1 for b in ("judul", "platform") if b in tata.kolom]
    return any(p < len(baris) and not is_blank(baris[p]) for p in lain)


def _penutup(
    tata: TataLetak,
    rows: list[list[Any]],
    sesudah: int,
    tanggal: int,
    tautan: int,
    abaikan: set[int],
    ada_hyperlink: AdaHyperlink,
) -> list[Masalah]:
    """Rows after the last total row that have text but no link and no date with other data
    beside it: a signature line may carry a date ("Batu, 31 Mei 2024"), a data row has a title
    or a platform next to its date."""
    penutup = []
    for indeks in range(sesudah, len(rows)):
        baris = rows[indeks]
        if all(is_blank(sel) for sel in baris):
            continue
        ada_tautan = tautan < len(baris) and not _bukan_tautan(baris[tautan])
        if ada_tautan or _data_bertanggal(baris, tanggal, tata) or ada_hyperlink(cell_ref(tautan + 1, indeks + 1)):
            return []  # data goes on after the total row: nothing here is a closing block
        penutup.append(indeks + 1)
    if not penutup:
        return []
    abaikan.update(penutup)
    pertama = rows[penutup[0] - 1]
    posisi = next(p for p, sel in enumerate(pertama, start=1) if not is_blank(sel))
    rentang = f"{penutup[0]}" if len(penutup) == 1 else f"{penutup[0]}–{penutup[-1]}"
    return [
        warning(
            tata.sheet,
            cell_ref(posisi, penutup[0]),
            f"Baris {rentang} di bawah baris jumlah (tanpa tanggal "
            f"dan tautan, misalnya “{shown(pertama[posisi - 1])}”) diabaikan.",
            perbaikan.PENUTUP,
        )
    ]


SelGabungan = tuple[tuple[int, int], tuple[int, int]]
"""A merged range as the reader gives it: (first row, first column), (last row, last column), from 0."""

_BIDANG_GABUNGAN = ("tanggal", "judul", "platform")


def isi_sel_gabungan(
    tata: TataLetak, rows: list[list[Any]], gabungan: Sequence[SelGabungan]
) -> tuple[list[list[Any]], list[Masalah]]:
    """The rows with the blank cells of a merged range down the Tanggal, Judul or Platform column
    given the range's value, each range with a warning: Excel shows that value on every row of the
    range, and operators merge one date over the activities of that day. The reader gives it only
    to the first row. Links are never copied: each activity needs its own.

    >>> rows = [["No", "Tanggal", "Judul / Uraian", "Platform", "Tautan"],
    ...         [1, dt.date(2024, 5, 3), "Patroli", "X", "https://x.com/a/status/1"],
    ...         [2, "", "Patroli", "X", "https://x.com/a/status/2"]]
    >>> diisi, masalah = isi_sel_gabungan(cari_tata_letak("TB News", rows), rows, [((1, 1), (2, 1))])
    >>> diisi[2][1], [(m.cell, m.message) for m in masalah]  # doctest: +NORMALIZE_WHITESPACE
    (datetime.date(2024, 5, 3), [('B2', 'Sel B2:B3 digabung; Tanggal “03/05/2024” dipakai untuk baris 2–3.')])
    """
    kolom = {tata.kolom[b] - 1: b for b in _BIDANG_GABUNGAN if b in tata.kolom}
    hasil = rows
    masalah: list[Masalah] = []
    for (atas, kiri), (bawah, kanan) in gabungan:
        if kiri != kanan or kiri not in kolom or bawah <= atas or atas < tata.baris_judul or atas >= len(rows):
            continue
        if kiri >= len(rows[atas]) or is_blank(nilai := rows[atas][kiri]):
            continue
        bawahnya = range(atas + 1, min(bawah + 1, len(rows)))
        kosong = [i for i in bawahnya if kiri < len(rows[i]) and is_blank(rows[i][kiri])]
        if not kosong:
            continue
        hasil = list(hasil) if hasil is rows else hasil
        for indeks in kosong:
            hasil[indeks] = [*hasil[indeks][:kiri], nilai, *hasil[indeks][kiri + 1 :]]
        pertama, terakhir = cell_ref(kiri + 1, atas + 1), cell_ref(kiri + 1, bawah + 1)
        pesan = (
            f"Sel {pertama}:{terakhir} digabung; {NAMA_BIDANG[kolom[kiri]]} “{shown(nilai)}” dipakai untuk "
            f"baris {atas + 1}–{bawah + 1}."
        )
        masalah.append(warning(tata.sheet, pertama, pesan, perbaikan.SEL_GABUNGAN))
    return hasil, masalah
