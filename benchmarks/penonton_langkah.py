"""The walk every viewer takes, whichever client drives it, and what each step measured.

A viewer opens the app, logs in through the form (the first page after login is Beranda), opens
Peringkat, picks another kategori in the sidebar, opens Tren, then Profil Satker — what a
pimpinan does on deadline day. Each step is timed from the click to the moment the run it started
has finished and the page's title is drawn, with a think time between steps.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any, Protocol


class GagalLangkah(Exception):
    """A step that did not reach its page: the message says what was seen instead."""


@dataclass(frozen=True)
class Konteks:
    """What the browser tells the server about itself (a leader's laptop in WIB)."""

    zona: str = "Asia/Jakarta"
    selisih_menit: int = -420  # JavaScript's getTimezoneOffset() for UTC+7
    bahasa: str = "id-ID"


@dataclass(frozen=True)
class JejakKlik:
    """A rerun request as the server receives it: the page and every widget value, so that the
    websocket client's requests can be compared with a real browser's."""

    halaman: str
    widget: tuple[tuple[str, str], ...]

    @staticmethod
    def dari_client_state(client_state: Any) -> JejakKlik:
        widget = []
        for state in client_state.widget_states.widgets:
            jenis = state.WhichOneof("value")
            value = getattr(state, jenis) if jenis else None
            if jenis == "string_array_value":
                value = list(value.data)
            widget.append((state.id, f"{jenis}={value!r}"))
        return JejakKlik(client_state.page_script_hash, tuple(sorted(widget)))


class Sesi(Protocol):
    """One viewer; every action returns the seconds from the click to the page being ready."""

    jejak: list[JejakKlik]
    detik_jalan: float | None  # of the last step: from the click until the run's end arrived
    detik_skrip: float | None  # of the last step: the server's run time (browser.gatherUsageStats on)

    async def buka(self, judul: str, timeout: float) -> float: ...
    async def masuk(self, username: str, kata_sandi: str, judul: str, timeout: float) -> float: ...
    async def buka_halaman(self, menu: str, judul: str, timeout: float) -> float: ...
    async def opsi(self, label: str) -> tuple[list[str], str]: ...
    async def pilih(self, label: str, opsi: str, judul: str, timeout: float) -> float: ...
    async def tutup(self) -> None: ...


LANGKAH = ("Buka aplikasi", "Masuk → Beranda", "Peringkat", "Ganti kategori", "Tren", "Profil Satker")


@dataclass
class HasilLangkah:
    langkah: str
    detik: float | None  # None when the step failed or was not reached
    galat: str = ""
    detik_jalan: float | None = None  # until the run's end arrived (the browser then draws it)
    detik_skrip: float | None = None  # run time reported by the server (page_profile)
    mulai: float = 0.0  # perf_counter at the click


@dataclass
class HasilSesi:
    indeks: int
    langkah: list[HasilLangkah] = field(default_factory=list)
    jejak: list[JejakKlik] = field(default_factory=list)

    @property
    def gagal(self) -> bool:
        return any(h.detik is None for h in self.langkah)


def jejak_sesuai(websocket: list[JejakKlik], peramban: list[JejakKlik]) -> bool:
    """Whether a browser's rerun requests agree with the websocket client's: the same pages in the
    same order, and every widget value the browser sent also sent, the same, by the client (a
    browser clicked right after a page is ready may not have registered every widget yet)."""
    return [j.halaman for j in websocket] == [j.halaman for j in peramban] and all(
        set(b.widget) <= set(w.widget) for w, b in zip(websocket, peramban, strict=True)
    )


def kategori_lain(opsi: list[str], sekarang: str, indeks: int) -> str:
    """The kategori session ``indeks`` switches to: spread over the ten kategori (Juara Umum left
    out, since Tren then only says to pick a kategori), never the current one.

    >>> kategori_lain(["Juara Umum (gabungan 10 kategori)", "A", "B", "C"], "A", 5)
    'C'
    """
    pilihan = [o for o in opsi if o != sekarang and not o.startswith("Juara Umum")]
    return pilihan[indeks % len(pilihan)]


async def jalani(
    sesi: Sesi, indeks: int, akun: tuple[str, str], jeda: float, timeout: float, putaran: int = 1
) -> HasilSesi:
    """Walk the review pages once (or ``putaran`` times after one login); stop at the first
    failed step, the rest of the walk is reported as not reached."""
    acak = random.Random(indeks)
    hasil = HasilSesi(indeks)
    urutan = [LANGKAH[0], LANGKAH[1], *(LANGKAH[2:] * putaran)]
    try:
        for nomor, langkah in enumerate(urutan):
            if nomor:
                await asyncio.sleep(jeda * acak.uniform(0.5, 1.5))
            mulai = time.perf_counter()
            try:
                detik = await _satu_langkah(sesi, langkah, indeks, akun, timeout)
            except GagalLangkah as error:
                hasil.langkah.append(HasilLangkah(langkah, None, str(error), mulai))
                hasil.langkah += [HasilLangkah(sisa, None, "tidak dijalankan") for sisa in urutan[nomor + 1 :]]
                break
            hasil.langkah.append(
                HasilLangkah(langkah, detik, detik_jalan=sesi.detik_jalan, detik_skrip=sesi.detik_skrip, mulai=mulai)
            )
    finally:
        try:
            await sesi.tutup()
        except GagalLangkah as error:
            hasil.langkah.append(HasilLangkah("Tutup sesi", None, str(error)))
        hasil.jejak = list(sesi.jejak)
    return hasil


async def _satu_langkah(sesi: Sesi, langkah: str, indeks: int, akun: tuple[str, str], timeout: float) -> float:
    try:
        if langkah == "Buka aplikasi":
            return await sesi.buka("Masuk", timeout)
        if langkah == "Masuk → Beranda":
            return await sesi.masuk(*akun, "Beranda", timeout)
        if langkah == "Ganti kategori":
            opsi, sekarang = await sesi.opsi("Kategori")
            baru = kategori_lain(opsi, sekarang, indeks)
            return await sesi.pilih("Kategori", baru, f"Peringkat — {baru}", timeout)
        judul = "Peringkat — " if langkah == "Peringkat" else langkah
        return await sesi.buka_halaman(langkah, judul, timeout)
    except (TimeoutError, OSError) as error:  # a server that stopped answering is a failed step too
        raise GagalLangkah(f"{type(error).__name__}: {error}") from error
