"""Writing a benchmark's results into docs/BENCHMARKS.md: each script owns one ``## `` section."""

from __future__ import annotations

from pathlib import Path


def write_section(path: Path, section: str, report: str) -> None:
    """Replace the section headed ``section`` (up to the next ``## ``), or append it; keep the rest."""
    existing = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark\n"
    lines = existing.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == section), None)
    if start is None:
        path.write_text(existing.rstrip("\n") + "\n\n" + report, encoding="utf-8")
        return
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    before, after = "".join(lines[:start]), "".join(lines[end:])
    path.write_text(before + report + ("\n" + after if after else ""), encoding="utf-8")
