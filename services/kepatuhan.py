"""Reporting compliance counted for the pages and the deck: each satker-month's status against
its own month's deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from analytics.kepatuhan import StatusKepatuhan, hitung_status, status_kepatuhan
from db.pengaturan import BatasWaktu
from db.queries_kepatuhan import Kiriman


def hitung_status_satker(
    kiriman: Iterable[Kiriman], batas: dt.datetime, sekarang: dt.datetime
) -> dict[int, StatusKepatuhan]:
    """Satker id → its status for one month's submissions and that month's deadline ``batas``."""
    return {k.satker_id: status_kepatuhan(k.pertama_dikirim, batas, sekarang) for k in kiriman}


def hitung_kepatuhan(
    kiriman: Iterable[Kiriman], batas: BatasWaktu, sekarang: dt.datetime
) -> dict[StatusKepatuhan, int]:
    """How many satker-months of the submissions are on time, late, missing or still awaited."""
    return hitung_status(status_kepatuhan(k.pertama_dikirim, batas.untuk(k.periode), sekarang) for k in kiriman)
