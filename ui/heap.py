"""Keep Python's garbage collector from pausing page runs to walk objects that live forever.

A full collection walks every tracked object. In the app's process almost all of them come from
imported modules (Streamlit, pandas, Plotly, SQLAlchemy) and cached resources, and live until the
process exits; walking them cost 20–80 ms pauses in the middle of ranking queries at national
scale. After a run that imported new modules, the survivors are collected once and moved to the
permanent generation (``gc.freeze``), so later passes walk only what requests allocate.
"""

from __future__ import annotations

import gc
import sys
import threading

_lock = threading.Lock()
_modules_frozen = 0


def bekukan_objek_impor() -> bool:
    """Freeze the heap when modules were imported since the last freeze; True if it froze.
    Cheap to call on every run: runs that import nothing new do nothing."""
    global _modules_frozen
    if len(sys.modules) <= _modules_frozen:
        return False
    with _lock:
        if len(sys.modules) <= _modules_frozen:
            return False
        gc.collect()  # garbage that exists now would otherwise never be collected
        gc.freeze()
        _modules_frozen = len(sys.modules)
        return True
