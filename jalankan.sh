#!/usr/bin/env bash
# Install the app and start it in the browser (http://localhost:8501).
# On the first start with the default SQLite database it also loads DATA CONTOH.
# It listens on this computer only (.streamlit/config.toml); HUMAS_ALAMAT=0.0.0.0 opens it to the LAN.
# FORWARDED_ALLOW_IPS empty: Streamlit reports the real peer; analytics/alamat_klien.py decides on proxies.
# As root it installs Debian's chromium when missing (server-side PNG charts).
set -euo pipefail
cd "$(dirname "$0")"

python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt

# Charts as PNG on the server (Ekspor page) are drawn by kaleido with Debian's chromium.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "Memasang chromium (untuk grafik PNG di halaman Ekspor)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Catatan: chromium belum terpasang; unduhan PNG dari server tidak tersedia sampai dipasang." >&2
  fi
fi

.venv/bin/python -m etl init --demo-bila-kosong
exec env FORWARDED_ALLOW_IPS= .venv/bin/streamlit run dashboard.py --browser.gatherUsageStats false ${HUMAS_ALAMAT:+--server.address "$HUMAS_ALAMAT"} "$@"
