#!/usr/bin/env bash
# Install everything the tests need, check lint, format and the import contracts, and run the whole
# suite, on SQLite and PostgreSQL.
#   bash uji.sh            # all tests
#   bash uji.sh -k beranda # extra arguments go to pytest
# As root it installs Debian's postgresql, chromium, caddy, LibreOffice Calc and Impress (headless) and poppler when missing; it starts a throwaway
# PostgreSQL server unless HUMAS_TEST_POSTGRES_URL already points at one.
set -euo pipefail
cd "$(dirname "$0")"

python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v pg_dump >/dev/null 2>&1 || missing+=(postgresql-client)  # pg_dump/pg_restore: uji cadangan
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v caddy >/dev/null 2>&1 || missing+=(caddy)  # proxy deploy/Caddyfile: tests/test_deploy.py
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
dpkg -s libreoffice-impress-nogui >/dev/null 2>&1 || missing+=(libreoffice-impress-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Memasang paket Debian: ${missing[*]}"
    apt-get update -qq
    for package in "${missing[@]}"; do
      # LibreOffice without its recommended extras (hundreds of MB); the others as Debian ships them.
      extra=(); [[ "$package" == libreoffice-* ]] && extra=(--no-install-recommends)
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${extra[@]}" "$package" >/dev/null
    done
  else
    echo "Peringatan: paket ${missing[*]} belum terpasang; jalankan sebagai root atau pasang sendiri." >&2
  fi
fi

if [ -z "${HUMAS_TEST_POSTGRES_URL:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  pg_dir=$(mktemp -d /tmp/humas-pg-XXXXXX)
  trap 'bash scripts/postgres_sementara.sh stop "$pg_dir"' EXIT
  eval "$(bash scripts/postgres_sementara.sh start "$pg_dir")"
  export HUMAS_TEST_POSTGRES_URL
fi

# Lint, format and the import contracts (pyproject.toml) first: a failure stops here.
.venv/bin/ruff check --no-cache .
.venv/bin/ruff format --check --no-cache .
.venv/bin/lint-imports --no-cache

status=0
.venv/bin/python -m pytest "$@" || status=$?
exit $status
