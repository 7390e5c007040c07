"""``python -m etl user``: the first admin from the command line, the password only at a prompt."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from cli.main import main
from db.akun import masuk
from db.models import AuditLog, Pengguna

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
SANDI = "sandi-admin-pertama"


@pytest.fixture
def cli(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("HUMAS_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return CliRunner()


def test_first_admin_is_made_with_a_prompted_password(cli: CliRunner, engine: Engine) -> None:
    result = cli.invoke(main, ["user", "add", "--role", "admin", "--username", "Kabid"], input=f"{SANDI}\n{SANDI}\n")
    assert result.exit_code == 0, result.output
    assert "Pengguna kabid (Admin (staf Bidhumas)) ditambahkan." in result.output
    assert SANDI not in result.output
    with Session(engine) as session, session.begin():
        assert masuk(session, "kabid", SANDI).pelaku is not None
        audit = " ".join(str(log.detail) for log in session.scalars(select(AuditLog)))
    assert SANDI not in audit


def test_password_is_never_an_option(cli: CliRunner) -> None:
    result = cli.invoke(main, ["user", "add", "--role", "admin", "--username", "kabid", "--password", SANDI])
    assert result.exit_code == 2 and "No such option" in result.output


def test_the_two_prompts_must_match(cli: CliRunner, engine: Engine) -> None:
    result = cli.invoke(
        main,
        ["user", "add", "--role", "pimpinan", "--username", "kapolda"],
        input=f"{SANDI}\nlain-sekali-123\n{SANDI}\n{SANDI}\n",
    )
    assert result.exit_code == 0 and "Kedua kata sandi tidak sama; ulangi." in result.output
    with Session(engine) as session, session.begin():
        assert masuk(session, "kapolda", SANDI).pelaku is not None


def test_weak_password_fails_with_a_message(cli: CliRunner, engine: Engine) -> None:
    result = cli.invoke(main, ["user", "add", "--role", "admin", "--username", "kabid"], input="pendek\npendek\n")
    assert result.exit_code == 1 and "Gagal: Kata sandi minimal 8 karakter." in result.output
    with Session(engine) as session:
        assert session.scalars(select(Pengguna)).all() == []


def test_operator_needs_a_known_satker(cli: CliRunner) -> None:
    result = cli.invoke(main, ["user", "add", "--role", "operator", "--username", "op.x", "--satker", "Polres Entah"])
    assert result.exit_code == 2 and "satker “Polres Entah” tidak dikenal" in result.output


def test_operator_bound_to_satker_then_listed_and_disabled(cli: CliRunner, engine: Engine) -> None:
    added = cli.invoke(
        main,
        ["user", "add", "--role", "operator", "--username", "op.batu", "--satker", "polres batu"],
        input=f"{SANDI}\n{SANDI}\n",
    )
    assert added.exit_code == 0, added.output
    listed = cli.invoke(main, ["user", "list"])
    assert "op.batu" in listed.output and "operator" in listed.output and "Polres Batu" in listed.output
    disabled = cli.invoke(main, ["user", "disable", "--username", "op.batu"])
    assert disabled.exit_code == 0 and "dinonaktifkan" in disabled.output
    assert "nonaktif" in cli.invoke(main, ["user", "list"]).output


def test_init_says_how_to_make_the_first_admin(cli: CliRunner) -> None:
    result = cli.invoke(main, ["init"])
    assert "python -m etl user add --role admin --username NAMA" in result.output
