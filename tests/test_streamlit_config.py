"""The app's Streamlit settings, as Streamlit itself resolves them when started from the project
folder (jalankan.sh, the deploy unit and the tests all start it there): no per-session work that a
server does not need (docs/BENCHMARKS.md, "Banyak penonton")."""

from __future__ import annotations

import json
import subprocess
import sys

from db.engine import PROJECT_DIR

_PROBE = """
import json
from streamlit import config
config.get_config_options(force_reparse=True)
names = ("server.fileWatcherType", "runner.postScriptGC", "server.address")
print(json.dumps({name: config.get_option(name) for name in names}))
"""


def test_streamlit_started_here_watches_no_files_and_skips_the_collection_after_each_run() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=PROJECT_DIR, capture_output=True, text=True, check=True, timeout=120
    )
    options = json.loads(result.stdout.strip().splitlines()[-1])
    assert options == {"server.fileWatcherType": "none", "runner.postScriptGC": False, "server.address": "127.0.0.1"}
