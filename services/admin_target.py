"""The tables of the Target dan Kelompok admin page: stored targets, groups, satker types and the
agenda, as rows with Indonesian columns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from analytics.agenda import JENIS_ACARA
from analytics.angka import format_angka
from analytics.kategori import KECEPATAN
from analytics.periods import month_label
from db.agenda import AcaraTersimpan
from db.kelompok import InfoKelompok
from db.master import InfoSatker
from db.queries import KategoriInfo
from db.target import TargetTersimpan

LABEL_LINGKUP = {"semua": "Semua satker", "tipe": "Satu tipe satker", "satker": "Satu satker"}


def format_target(item: TargetTersimpan, kategori: Mapping[str, str], satker: Mapping[int, str]) -> str:
    """One target in words, for a list to pick from: 'TB News · Polresta · mulai Mei 2024 · 30'."""
    t = item.target
    untuk = {"semua": "semua satker", "tipe": t.tipe, "satker": satker.get(t.satker_id or 0, "?")}[t.lingkup]
    nilai = "berakhir" if t.nilai is None else format_angka(t.nilai, 0 if float(t.nilai).is_integer() else 1)
    satuan = " jam" if t.kategori == KECEPATAN and t.nilai is not None else ""
    return f"{kategori.get(t.kategori, t.kategori)} · {untuk} · mulai {month_label(t.berlaku_mulai)} · {nilai}{satuan}"


def tabel_target(
    targets: Sequence[TargetTersimpan], kategori: Sequence[KategoriInfo], satker: Mapping[int, str]
) -> list[dict[str, str]]:
    """Stored targets by kategori, scope and month."""
    labels = {k.kode: k.label for k in kategori}
    rows = []
    for item in targets:
        t = item.target
        nilai = "berakhir" if t.nilai is None else format_angka(t.nilai, 0 if float(t.nilai).is_integer() else 1)
        rows.append(
            {
                "Kategori": labels.get(t.kategori, t.kategori),
                "Lingkup": LABEL_LINGKUP[t.lingkup],
                "Untuk": {"semua": "–", "tipe": t.tipe or "", "satker": satker.get(t.satker_id or 0, "?")}[t.lingkup],
                "Berlaku mulai": month_label(t.berlaku_mulai),
                "Target per bulan": nilai + (" jam (paling lama)" if t.kategori == KECEPATAN and t.nilai else ""),
            }
        )
    return rows


def tabel_kelompok(kelompok: Sequence[InfoKelompok], satker: Mapping[int, str]) -> list[dict[str, str | int]]:
    """Every group with its members by name; the type groups are marked as built in."""
    return [
        {
            "Kelompok": k.nama,
            "Jenis": "Tipe satker (bawaan)" if k.bawaan else "Buatan admin",
            "Anggota": len(k.anggota),
            "Nama anggota": ", ".join(sorted(satker[i] for i in k.anggota if i in satker)),
        }
        for k in kelompok
    ]


def tabel_tipe(satker: Sequence[InfoSatker], tetap: Mapping[int, str]) -> list[dict[str, str]]:
    """Each satker's type from its name, and the type an admin fixed (if any)."""
    return [
        {
            "Satker": s.nama,
            "Polda": s.polda,
            "Tipe menurut nama": s.tipe,
            "Tipe ditetapkan admin": tetap.get(s.id, "–"),
        }
        for s in satker
    ]


def tabel_agenda(acara: Sequence[AcaraTersimpan]) -> list[dict[str, str]]:
    """Stored events by date, with where each date comes from."""
    return [
        {
            "Tanggal": a.acara.tanggal,
            "Acara": a.acara.nama,
            "Jenis": JENIS_ACARA[a.acara.jenis],
            "Berlaku": a.acara.polda or "Nasional",
            "Sumber": a.acara.sumber,
            "Asal": "Bawaan" if a.bawaan else "Admin",
        }
        for a in acara
    ]
