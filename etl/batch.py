"""Loading many files: validation in worker processes, writes one file at a time in order.

Reading and validating a workbook is pure CPU work that needs no database, so it runs in a
process pool while the main process stores the previous file; each file is still stored in its
own transaction, in the order given. A bounded window of files ahead keeps memory flat.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.periods import WIB
from etl.file_safety import check_size
from etl.loader import Reference, Validated, load_reference, store_validated, validate_workbook
from etl.results import LoadResult, Upload

AHEAD_PER_WORKER = 2


@dataclass(frozen=True)
class Prepared:
    """A file read and validated, ready to be stored by the main process."""

    path: Path
    size: int
    sha256: str
    validated: Validated


def prepare_file(path: Path, reference: Reference, today: dt.date) -> Prepared:
    """Read and validate one file; a file over the size cap is refused without being read."""
    size = path.stat().st_size
    too_large = check_size(size, path.name)
    if too_large:
        return Prepared(path, size, "", Validated(None, too_large))
    data = path.read_bytes()
    validated = validate_workbook(reference, data, path.name, None, today)
    return Prepared(path, size, hashlib.sha256(data).hexdigest(), validated)


def default_workers(file_count: int) -> int:
    """Two processes or as many cores as there are, when there is more than one file."""
    return 1 if file_count < 2 else max(1, min(os.cpu_count() or 1, file_count, 4))


def _prepared(paths: Sequence[Path], reference: Reference, today: dt.date, workers: int) -> Iterator[Prepared]:
    if workers <= 1:
        for path in paths:
            yield prepare_file(path, reference, today)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[Prepared]] = deque()
        queue = iter(paths)
        for path in queue:
            pending.append(pool.submit(prepare_file, path, reference, today))
            if len(pending) >= workers * AHEAD_PER_WORKER:
                break
        while pending:
            done = pending.popleft().result()
            next_path = next(queue, None)
            if next_path is not None:
                pending.append(pool.submit(prepare_file, next_path, reference, today))
            yield done


def load_files(engine: Engine, paths: Sequence[Path], workers: int | None = None) -> Iterator[LoadResult]:
    """Load ``paths`` as the command line does (acting as an admin), yielding each result in order.

    The upload time of each file is when it is stored, so the order of files is the order of
    arrival for kecepatan_laporan.
    """
    with Session(engine) as session:
        reference = load_reference(session)
    today = dt.datetime.now(WIB).date()
    for item in _prepared(paths, reference, today, default_workers(len(paths)) if workers is None else workers):
        upload = Upload(item.path.name, item.size, item.sha256, None, dt.datetime.now(dt.timezone.utc))
        yield store_validated(engine, item.validated, upload)
