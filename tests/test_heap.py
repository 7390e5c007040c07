"""The app freezes the objects its imports leave behind, so Python's full garbage-collection
passes stop walking them in the middle of a page run (ui/heap.py)."""

from __future__ import annotations

import gc
import importlib
import os
import subprocess
import sys
import weakref

import pytest

from db.engine import PROJECT_DIR
from ui.heap import bekukan_objek_impor

SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
STDLIB_NOT_YET_IMPORTED = ("colorsys", "tabnanny", "wave", "netrc", "sched", "pyclbr", "filecmp", "fileinput")


class _Node:
    def __init__(self) -> None:
        self.self_reference = self


def _import_something_new() -> None:
    importlib.import_module(next(name for name in STDLIB_NOT_YET_IMPORTED if name not in sys.modules))


def test_a_run_that_imports_nothing_new_does_not_freeze() -> None:
    bekukan_objek_impor()
    frozen = gc.get_freeze_count()

    assert bekukan_objek_impor() is False
    assert gc.get_freeze_count() == frozen


def test_new_imports_freeze_what_survives() -> None:
    bekukan_objek_impor()
    kept = [_Node() for _ in range(1000)]
    _import_something_new()

    assert bekukan_objek_impor() is True
    assert gc.get_freeze_count() >= len(kept)
    walked = {id(thing) for thing in gc.get_objects()}  # what a full collection would walk
    assert not walked & {id(node) for node in kept}


def test_garbage_that_exists_at_the_freeze_is_collected_not_kept_forever() -> None:
    cycle = _Node()
    reference = weakref.ref(cycle)
    del cycle  # a reference cycle: only the collector can free it
    _import_something_new()

    assert bekukan_objek_impor() is True
    assert reference() is None


# As tests/test_pages.py does: without the patch, AppTest runs pages/masuk.py in Streamlit's
# legacy multipage mode after login instead of the router (see _run_the_router_on_every_page).
APP_RUN = """
import gc, sys
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
original = PagesManager.__init__
def init(self, *args, **kwargs):
    original(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False
PagesManager.__init__ = init
app = AppTest.from_file(sys.argv[1], default_timeout=60).run()
assert gc.get_freeze_count() == 0, "frozen before anyone logged in"
app.text_input(key="masuk_username").input("admin.contoh")
app.text_input(key="masuk_sandi").input("contoh-admin-123")
app.button[0].click().run()
assert not app.exception, [e.value for e in app.exception]
assert [t.value for t in app.title] == ["Beranda"], [t.value for t in app.title]
print(gc.get_freeze_count())
"""


@SQLITE_ONLY
def test_the_app_freezes_its_heap_after_the_first_page_run(demo_url: str) -> None:
    """In a fresh process, as the server is: nothing is frozen before login, a great deal after
    the first page (Beranda) has run."""
    result = subprocess.run(
        [sys.executable, "-c", APP_RUN, str(PROJECT_DIR / "dashboard.py")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=PROJECT_DIR,
        env={**os.environ, "HUMAS_DATABASE_URL": demo_url},
    )

    assert result.returncode == 0, result.stderr[-3000:]
    assert int(result.stdout.strip().splitlines()[-1]) > 100_000
