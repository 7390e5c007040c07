"""A new app process warms itself while its first user is on the login form: the modules the
review pages' first run would import (pandas, pyarrow, plotly's validators) are loaded by a
background thread, once (docs/BENCHMARKS.md, "Halaman pertama setelah start")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from db.engine import PROJECT_DIR, Engine

# A fresh interpreter: the test process has imported pandas long ago. Started threads are counted
# as they start (the standard library's Thread.start, wrapped): a warm-up that is already done when
# the page's run returns is still one warm-up.
_PROBE = """
import json, sys, threading
from streamlit.testing.v1 import AppTest
started = []
start = threading.Thread.start
def counting_start(self):
    if self.name == "humas-pemanasan":
        started.append(self)
    return start(self)
threading.Thread.start = counting_start
before = [m for m in ("pandas", "pyarrow") if m in sys.modules]
at = AppTest.from_file(sys.argv[1], default_timeout=120).run()
assert not at.exception, [e.value for e in at.exception]
form = [w.label for w in at.text_input]
threads = list(started)
for thread in threads:
    thread.join(300)
at.run()  # a second run (another session's form, a rerun) starts nothing new
again = [t for t in started if t not in threads]
print(json.dumps({"before": before, "form": form, "threads": len(threads), "again": len(again),
                  "after": [m for m in ("pandas", "pyarrow") if m in sys.modules]}))
"""


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_login_form_starts_one_warm_up_that_imports_the_pages_modules(engine: Engine, tmp_path: Path) -> None:
    env = {
        "HUMAS_DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(PROJECT_DIR / "dashboard.py")],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["before"] == [] and seen["form"] == ["Nama pengguna", "Kata sandi"]
    assert seen["threads"] == 1 and seen["again"] == 0
    assert seen["after"] == ["pandas", "pyarrow"]
