"""Targets, band thresholds, satker types, groups and the agenda as stored, on both databases."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from analytics.agenda import Acara, parse_agenda_csv
from analytics.izin import IsianSalah, Pelaku, TidakBerwenang
from analytics.target import AmbangPita, Target
from db.agenda import AGENDA_CSV, baca_agenda, daftar_acara_tersimpan, hapus_acara, load_agenda_bawaan, tambah_acara
from db.kelompok import cari_kelompok, daftar_kelompok, hapus_kelompok, simpan_kelompok
from db.models import AuditLog
from db.reference import REFERENCE_DIR, find_satker
from db.target import (
    ambang_pita,
    baca_daftar_target,
    daftar_target_tersimpan,
    hapus_target,
    riwayat_tipe_satker,
    set_ambang_pita,
    set_tipe_tetap,
    simpan_target,
)

D = dt.date
ADMIN = Pelaku.baris_perintah()
PIMPINAN = Pelaku(None, "pimpinan", "pimpinan")


def _id(session: Session, nama: str) -> int:
    satker = find_satker(session, nama)
    assert satker is not None
    return satker.id


def test_targets_round_trip_and_a_second_store_replaces_the_value(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        batu = _id(session, "Polres Batu")
        targets = [
            Target("tb_news", "semua", D(2024, 1, 1), 20),
            Target("tb_news", "tipe", D(2024, 1, 1), 30, tipe="Polresta"),
            Target("tb_news", "satker", D(2024, 3, 1), 5, satker_id=batu),
            Target("tb_news", "satker", D(2024, 6, 1), None, satker_id=batu),
            Target("kecepatan_laporan", "semua", D(2024, 1, 1), 72.5),
        ]
        assert simpan_target(session, ADMIN, targets) == (5, 0)
        assert simpan_target(session, ADMIN, [Target("tb_news", "semua", D(2024, 1, 1), 25), targets[1]]) == (0, 1)
    with Session(engine) as session:
        stored = {item.target for item in daftar_target_tersimpan(session)}
        assert stored == {Target("tb_news", "semua", D(2024, 1, 1), 25), *targets[1:]}
        daftar = baca_daftar_target(session)
        assert daftar.cari_target_bulan("tb_news", D(2024, 4, 1), batu, "Polres").nilai == 5
        assert daftar.cari_target_bulan("tb_news", D(2024, 6, 1), batu, "Polres").nilai == 25
        assert daftar.cari_target_bulan("kecepatan_laporan", D(2024, 6, 1), batu, "Polres").nilai == 72.5
        assert session.scalar(select(func.count()).where(AuditLog.aksi == "simpan_target")) == 2


def test_removing_a_target_and_who_may_change_targets(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        simpan_target(session, ADMIN, [Target("ipse", "semua", D(2024, 1, 1), 3)])
        with pytest.raises(TidakBerwenang):
            simpan_target(session, PIMPINAN, [Target("ipse", "semua", D(2024, 2, 1), 3)])
        [item] = daftar_target_tersimpan(session)
        hapus_target(session, ADMIN, item.id)
        assert daftar_target_tersimpan(session) == []
        with pytest.raises(IsianSalah):
            hapus_target(session, ADMIN, item.id)


def test_band_thresholds_default_and_stored(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        assert ambang_pita(session) == AmbangPita(80, 100)
        set_ambang_pita(session, ADMIN, AmbangPita(70.5, 95))
    with Session(engine) as session:
        assert ambang_pita(session) == AmbangPita(70.5, 95)


def test_type_from_the_name_history_and_fixed_by_an_admin(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        tuban, batu = _id(session, "Polres Tuban"), _id(session, "Polres Batu")
        riwayat = riwayat_tipe_satker(session)
        # Polres Tuban became Polresta Tuban (satker_perubahan_nama.csv, 2025-01-01).
        assert [riwayat[tuban].cari_tipe(D(y, 6, 1)) for y in (2024, 2025)] == ["Polres", "Polresta"]
        set_tipe_tetap(session, ADMIN, batu, "Polresta")
        assert riwayat_tipe_satker(session)[batu].cari_tipe(D(2024, 1, 1)) == "Polresta"
        set_tipe_tetap(session, ADMIN, batu, None)
        assert riwayat_tipe_satker(session)[batu].cari_tipe(D(2024, 1, 1)) == "Polres"
        with pytest.raises(IsianSalah, match="Tipe harus"):
            set_tipe_tetap(session, ADMIN, batu, "Polsek")


def test_groups_built_in_and_admin_defined(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        batu, malang = _id(session, "Polres Batu"), _id(session, "Polresta Malang Kota")
        kode = simpan_kelompok(session, ADMIN, "  Zona   Selatan ", [batu, malang, batu])
        assert kode == "zona selatan"
        group = cari_kelompok(session, "ZONA SELATAN")
        assert group is not None and group.anggota == {batu, malang} and group.nama == "Zona Selatan"
        simpan_kelompok(session, ADMIN, "Zona selatan", [batu])
        assert cari_kelompok(session, kode).anggota == {batu}  # type: ignore[union-attr]
        polresta = cari_kelompok(session, "polresta")
        assert polresta is not None and polresta.bawaan and malang in polresta.anggota
        with pytest.raises(IsianSalah, match="tipe satker"):
            simpan_kelompok(session, ADMIN, "polres  pelabuhan", [batu])
        hapus_kelompok(session, ADMIN, kode)
        assert [k.nama for k in daftar_kelompok(session)] == ["Polres", "Polresta", "Polrestabes", "Polres Pelabuhan"]


@pytest.mark.parametrize(
    ("awal", "akhir"),
    [
        (D(2024, 3, 10), D(2024, 3, 10)),  # the event's first day alone
        (D(2024, 3, 12), D(2024, 3, 31)),  # from its last day
        (D(2024, 3, 1), D(2024, 3, 9)),  # ends the day before it
        (D(2024, 3, 13), D(2024, 4, 30)),  # starts the day after it
        (D(2023, 1, 1), D(2025, 12, 31)),  # years of shipped events
    ],
)
def test_agenda_of_a_range_is_every_event_sharing_a_day_with_it_in_start_order(
    engine: Engine, awal: dt.date, akhir: dt.date
) -> None:
    acara = Acara(D(2024, 3, 10), D(2024, 3, 12), "Latihan Pra Ketupat", "operasi", "Polda Jawa Timur", "Sprin")
    with Session(engine) as session, session.begin():
        tambah_acara(session, ADMIN, acara)
        expected = [i.acara for i in daftar_acara_tersimpan(session) if i.acara.is_tumpang_tindih(awal, akhir)]
        assert baca_agenda(session, awal, akhir) == expected
        assert (acara in expected) == (awal <= D(2024, 3, 12) and akhir >= D(2024, 3, 10))


def test_shipped_agenda_is_loaded_once_and_admin_events_are_kept(engine: Engine) -> None:
    shipped = parse_agenda_csv((REFERENCE_DIR / AGENDA_CSV).read_text(encoding="utf-8"))
    with Session(engine) as session, session.begin():
        assert {item.acara for item in daftar_acara_tersimpan(session)} == set(shipped)
        acara = Acara(D(2024, 3, 10), D(2024, 3, 12), "Latihan Pra Ketupat", "operasi", "Polda Jawa Timur", "Sprin")
        new_id = tambah_acara(session, ADMIN, acara)
        load_agenda_bawaan(session)  # a second start
        stored = daftar_acara_tersimpan(session)
        assert len(stored) == len(shipped) + 1
        assert acara in baca_agenda(session, D(2024, 3, 1), D(2024, 3, 31))
        with pytest.raises(IsianSalah, match="bawaan"):
            hapus_acara(session, ADMIN, next(item.id for item in stored if item.bawaan))
        hapus_acara(session, ADMIN, new_id)
        assert len(daftar_acara_tersimpan(session)) == len(shipped)
        with pytest.raises(IsianSalah, match="Polda"):
            tambah_acara(session, ADMIN, Acara(D(2024, 1, 1), D(2024, 1, 1), "X", "operasi", "Polda Antah", "Sprin"))
