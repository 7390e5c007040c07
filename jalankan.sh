#!/usr/bin/env bash
# Install the app and start it in the browser (http://localhost:8501).
# On the first start with the default SQLite database it also loads DATA CONTOH.
set -euo pipefail
cd "$(dirname "$0")"

python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt

.venv/bin/python -m etl init --demo-bila-kosong
exec .venv/bin/streamlit run dashboard.py --browser.gatherUsageStats false "$@"
