"""The alias table an admin extends: an added nickname makes a report load that was refused, on
both databases; what is already known, empty or outside the platform list is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.izin import IsianSalah, Pelaku, TidakBerwenang
from db.platform_alias import alias_tambahan, hapus_alias
from etl.loader import load_workbook
from services.platform_alias import tambah_alias
from testdata.workbooks import RECEIVED, activity, audit_actions, laporan

ADMIN = Pelaku(None, "admin.uji", "admin")
SNACK = laporan({"TB News": [activity(2, "https://snack.id/v/1", "Snack")]})


def test_an_added_alias_is_used_by_the_next_load(engine: Engine) -> None:
    refused = load_workbook(engine, SNACK, "a.xlsx", now=RECEIVED)
    assert [(p.cell, "Snack" in p.message) for p in refused.errors] == [("D2", True)]
    with Session(engine) as session, session.begin():
        tambah_alias(session, ADMIN, "  Snack ", "Lainnya")
    with Session(engine) as session:
        assert alias_tambahan(session) == {"Snack": "Lainnya"}
    loaded = load_workbook(engine, SNACK, "a.xlsx", now=RECEIVED)
    assert loaded.status == "loaded" and loaded.counts["tb_news"] == 1
    assert [(p.cell, p.kode) for p in loaded.warnings] == [("D2", "platform_alias")]
    assert "alias_platform_ditambah" in audit_actions(engine)
    with Session(engine) as session, session.begin():
        hapus_alias(session, ADMIN, "Snack")
    with Session(engine) as session:
        assert alias_tambahan(session) == {}


@pytest.mark.parametrize(
    ("alias", "platform", "wording"),
    [
        ("IG", "Instagram", "sudah dikenali sebagai Instagram"),
        ("i.g.", "Facebook", "sudah dikenali sebagai Instagram"),
        (" - ", "Lainnya", "wajib diisi"),
        ("Friendster", "MySpace", "tidak ada di daftar"),
    ],
)
def test_an_alias_that_is_known_empty_or_for_no_platform_is_refused(
    engine: Engine, alias: str, platform: str, wording: str
) -> None:
    with Session(engine) as session, session.begin(), pytest.raises(IsianSalah, match=wording):
        tambah_alias(session, ADMIN, alias, platform)


def test_only_an_admin_adds_aliases(engine: Engine) -> None:
    operator = Pelaku(1, "op.uji", "operator", satker_id=1)
    with Session(engine) as session, session.begin(), pytest.raises(TidakBerwenang):
        tambah_alias(session, operator, "Snack", "Lainnya")
