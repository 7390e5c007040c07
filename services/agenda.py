"""The agenda for the charts: which events mark which month of a trend, as seen from a Polda."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from analytics.agenda import Acara, format_bulan_acara, susun_tanda_bulanan
from analytics.periods import next_month
from db.agenda import baca_agenda
from db.engine import Session


def baca_tanda_agenda(
    session: Session, bulan: Sequence[dt.date], polda: str | None = None
) -> dict[dt.date, list[Acara]]:
    """Month → events overlapping it: national ones, and the Polda's own for a Polda view
    (``polda`` its name; None is the national view)."""
    if not bulan:
        return {}
    acara = baca_agenda(session, min(bulan), next_month(max(bulan)) - dt.timedelta(days=1))
    return susun_tanda_bulanan(acara, bulan, polda)


def susun_keterangan_agenda(tanda: dict[dt.date, list[Acara]]) -> list[str]:
    """One line per marked month, numbered like the chart's tags (A1, A2…)."""
    marked = [(periode, acara) for periode, acara in tanda.items() if acara]
    return [f"A{nomor}. {format_bulan_acara(periode, acara)}" for nomor, (periode, acara) in enumerate(marked, start=1)]
