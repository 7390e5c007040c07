"""Platform cells (etl.platform_alias): nicknames from the alias table, and the link's host
deciding when the cell is empty, contradicts it, or is unknown."""

from __future__ import annotations

import csv
import doctest
from typing import Any

import pytest

import etl.platform_alias
from analytics.tautan import platform_dari_host
from etl.cells import CellError
from etl.platform_alias import ALIAS_CSV, DAFTAR, KodePlatform, TabelPlatform, baca_alias_csv, kunci_alias
from etl.workbook_format import PLATFORMS

TABEL = TabelPlatform(baca_alias_csv())
ALIAS, DARI_HOST, BERBEDA, TIDAK_DIKENAL = (
    KodePlatform.ALIAS,
    KodePlatform.DARI_HOST,
    KodePlatform.HOST_BERBEDA,
    KodePlatform.ALIAS_TIDAK_DIKENAL,
)
IG, YT, TT = "https://www.instagram.com/p/C7xYz12AbCd/", "https://youtu.be/dQw4w9WgXcQ", "https://vt.tiktok.com/ZSa/"


def test_the_shipped_table_is_valid_and_holds_the_documented_nicknames() -> None:
    with open(ALIAS_CSV, encoding="utf-8", newline="") as berkas:
        baris = list(csv.DictReader(berkas))
    assert list(baris[0]) == ["alias", "platform", "catatan"]
    assert {b["platform"] for b in baris} <= set(PLATFORMS)
    kunci = [kunci_alias(b["alias"]) for b in baris]
    assert len(set(kunci)) == len(kunci), "an alias written twice"
    assert not set(kunci) & {kunci_alias(nama) for nama in PLATFORMS}, "a platform name needs no alias"
    dokumen = {
        "IG": "Instagram",
        "Insta": "Instagram",
        "Instagram Story": "Instagram",
        "FB": "Facebook",
        "Fb Page": "Facebook",
        "YT": "YouTube",
        "Youtube Shorts": "YouTube",
        "Tik Tok": "TikTok",
        "Tiktok": "TikTok",
        "Twitter": "X",
        "Twitter/X": "X",
        "X (Twitter)": "X",
        "WA": "WhatsApp",
        "WA Group": "WhatsApp",
        "Whatsapp": "WhatsApp",
        "Web": "Website",
        "Website": "Website",
        "Portal": "Website",
        "Berita Online": "Website",
        "Media Online": "Website",
        "Threads": "Lainnya",
        "Snack Video": "Lainnya",
    }
    for alias, platform in dokumen.items():
        assert TABEL.tentukan(alias, None).platform == platform, alias


@pytest.mark.parametrize("nama", PLATFORMS)
def test_the_platform_names_are_known_in_any_case_even_without_a_table(nama: str) -> None:
    for ditulis in (nama, nama.upper(), nama.lower(), f"  {nama} "):
        assert TabelPlatform({}).tentukan(ditulis, None) == TABEL.tentukan(ditulis, None)
        assert TABEL.tentukan(ditulis, None).platform == nama
        assert TABEL.tentukan(ditulis, None).kode is None


# (cell, link, platform, how it was decided)
DITENTUKAN: list[tuple[Any, str | None, str | None, KodePlatform | None]] = [
    ("Instagram", IG, "Instagram", None),
    ("instagram", None, "Instagram", None),
    ("IG", IG, "Instagram", ALIAS),
    ("ig", None, "Instagram", ALIAS),
    (" I.G. ", IG, "Instagram", ALIAS),
    ("insta", IG, "Instagram", ALIAS),
    ("IG Story", "https://www.instagram.com/stories/humas/1/", "Instagram", ALIAS),
    # Without case, spaces and punctuation these are the names themselves: nothing to report.
    ("TIK TOK", TT, "TikTok", None),
    ("Tik-Tok", None, "TikTok", None),
    ("You Tube", YT, "YouTube", None),
    ("whats app", None, "WhatsApp", None),
    ("Twitter", "https://twitter.com/a/status/1", "X", ALIAS),
    ("twitter / x", "https://x.com/a/status/1", "X", ALIAS),
    ("X (Twitter)", None, "X", ALIAS),
    ("x/twitter", None, "X", ALIAS),
    ("yt shorts", "https://www.youtube.com/shorts/dQw4w9WgXcQ", "YouTube", ALIAS),
    ("WA Group", "https://chat.whatsapp.com/AbC", "WhatsApp", ALIAS),
    ("Berita Online", "https://news.detik.com/berita/d-1/x", "Website", ALIAS),
    ("portal", "https://tribratanews.jatim.polri.go.id/?p=1", "Website", ALIAS),
    ("Threads", "https://www.threads.net/@humas/post/C8", "Lainnya", ALIAS),
    # Empty cell: the host decides; an unknown host leaves the platform empty (allowed).
    ("", IG, "Instagram", DARI_HOST),
    (None, "https://m.facebook.com/story.php?story_fbid=1&id=2", "Facebook", DARI_HOST),
    ("  ", "https://news.detik.com/x", "Website", DARI_HOST),
    ("", "https://bit.ly/3abc", None, None),
    ("", "https://example.id/x", None, None),
    ("", None, None, None),
    # The cell contradicts the host: the host decides.
    ("Facebook", YT, "YouTube", BERBEDA),
    ("FB", IG, "Instagram", BERBEDA),
    ("Website", TT, "TikTok", BERBEDA),
    ("Lainnya", "https://x.com/a/status/1", "X", BERBEDA),
    ("Instagram", "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.instagram.com%2Fp%2FC1", "Instagram", None),
    # A shortener or an unknown site says nothing: the cell decides.
    ("Instagram", "https://bit.ly/3abc", "Instagram", None),
    ("IG", "https://example.id/x", "Instagram", ALIAS),
    # Unknown nickname, known host: the host decides.
    ("Medsos", IG, "Instagram", TIDAK_DIKENAL),
    ("Reels", "https://www.facebook.com/reel/1234567890", "Facebook", TIDAK_DIKENAL),
    (12, TT, "TikTok", TIDAK_DIKENAL),
]


@pytest.mark.parametrize(("isi", "url", "platform", "kode"), DITENTUKAN)
def test_tentukan(isi: Any, url: str | None, platform: str | None, kode: KodePlatform | None) -> None:
    hasil = TABEL.tentukan(isi, url)
    assert (hasil.platform, hasil.kode) == (platform, kode)
    assert bool(hasil.pesan) == (kode is not None)
    assert TABEL.tentukan_dari_host(isi, platform_dari_host(url) if url else None) == hasil


def test_the_warnings_name_what_was_written_and_what_was_used() -> None:
    assert TABEL.tentukan("IG", IG).pesan == "Platform “IG” dibaca sebagai Instagram."
    assert TABEL.tentukan("", IG).pesan == "Platform kosong; diisi Instagram sesuai alamat tautan."
    assert TABEL.tentukan("FB", IG).pesan == "Platform “FB” tidak sesuai alamat tautan (Instagram); dipakai Instagram."
    assert TABEL.tentukan("Medsos", IG).pesan == (
        "Platform “Medsos” tidak dikenal; dipakai Instagram sesuai alamat tautan."
    )


@pytest.mark.parametrize(
    ("isi", "url"), [("Medsos", "https://example.id/x"), ("Medsos", None), ("Meta", "https://bit.ly/x"), ("-", None)]
)
def test_an_unknown_name_with_a_host_that_says_nothing_is_refused_naming_the_list(isi: str, url: str | None) -> None:
    with pytest.raises(CellError) as ditolak:
        TABEL.tentukan(isi, url)
    assert str(ditolak.value) == (
        f"Platform “{isi}” tidak dikenal. Pilih salah satu: {DAFTAR}; atau kosongkan bila "
        "alamat tautannya sudah menunjukkan platformnya."
    )


def test_an_admin_extended_table_is_used() -> None:
    tambahan = [("Medsos Polri", "Lainnya"), ("Sosmed IG", "Instagram")]
    tabel = TabelPlatform.dari_baris([*baca_alias_csv().items(), *tambahan])
    assert tabel.tentukan("medsos-polri", None).platform == "Lainnya"
    assert tabel.tentukan("SOSMED IG", "https://example.id/x").platform == "Instagram"


@pytest.mark.parametrize(
    ("alias", "pesan"),
    [
        ({"IG": "Instagramm"}, "Alias “IG” menunjuk platform “Instagramm” yang tidak ada di daftar"),
        (
            {"Insta": "Instagram", "insta!": "YouTube"},
            "Alias “insta!” menunjuk YouTube, padahal “insta!” sudah berarti Instagram",
        ),
        ({"Facebook": "Instagram"}, "sudah berarti Facebook"),
        ({"--": "Lainnya"}, "kosong setelah tanda baca"),
    ],
)
def test_a_table_that_contradicts_itself_is_refused(alias: dict[str, str], pesan: str) -> None:
    with pytest.raises(ValueError, match=pesan.replace("(", r"\(")):
        TabelPlatform(alias)


def test_kunci_alias_ignores_case_spaces_punctuation_and_accents() -> None:
    assert kunci_alias("Tík Tók") == kunci_alias("TIK-TOK") == kunci_alias("tik_tok") == "tiktok"


def test_docstring_examples() -> None:
    hasil = doctest.testmod(etl.platform_alias)
    assert hasil.attempted > 0 and hasil.failed == 0


def test_repeated_cells_give_the_same_answer_and_the_same_refusal() -> None:
    tabel = TabelPlatform(baca_alias_csv())
    for _ in range(3):
        assert tabel.tentukan_dari_host("IG", "Instagram") == TABEL.tentukan("IG", IG)
        assert tabel.tentukan_dari_host("IG", "YouTube").kode is BERBEDA
        with pytest.raises(CellError, match="Platform “Medsos” tidak dikenal"):
            tabel.tentukan_dari_host("Medsos", None)
