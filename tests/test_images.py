"""Charts as PNG from the server: one kaleido renderer with Debian's chromium, real images."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from PIL import Image

from analytics.peringkat import BarisPeringkat
from db.engine import PROJECT_DIR
from exports import images
from services.grafik import bar_peringkat
from tests.browser import ARTIFACTS, assert_not_blank
from tests.tools import require_program

ROWS = [BarisPeringkat(rank, rank, f"Polres {rank}", 100.0 - 7 * rank) for rank in range(1, 13)]


def test_ranking_chart_renders_as_a_sharp_non_blank_png() -> None:
    require_program("chromium", "chromium-browser", install="apt-get install chromium")
    fig = bar_peringkat(ROWS, "Terbanyak IPSE — Mei 2024")
    data = images.png(fig, lebar=800, skala=2)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.size == (1600, 2 * int(fig.layout.height))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "grafik.png").write_bytes(data)
    assert_not_blank(ARTIFACTS / "grafik.png")


def test_without_chromium_the_message_says_what_to_install(tmp_path: Path) -> None:
    script = (
        "from exports.images import GambarTidakTersedia, png\n"
        "from services.grafik import bar_peringkat\n"
        "try:\n    png(bar_peringkat([], 'x'))\n"
        "except GambarTidakTersedia as error:\n    print(error)\n"
    )
    # A PATH holding only this Python: no chromium to be found.
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env={"PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "apt-get install chromium" in result.stdout and "tombol kamera" in result.stdout
