"""Shared links, pre-counted: the posts (canonical links, ``Aktivitas.url_kanonik``) claimed by
two or more satker in a month
(``tautan_bersama``) and, per satker, month and kategori, how many of its rows carry one
(``tautan_ganda_bulanan``) — active report versions, any kategori, any Polda.

Finding shared links means grouping every activity row of a month by its URL, which at national
scale is far too slow for a page. So the loader keeps both tables current: one upload changes
only the standing of its own links (old version and new), looked up among the month's rows by
their link key (:func:`perbarui_tautan_ganda`, in the upload's transaction); a folder
load, the demo data and the generator recount whole months once (:func:`hitung_ulang_tautan_ganda`).
The counts are also kept summed per quarter and year (``tautan_ganda_ringkasan``, rewritten with
the months under them), so the rankings read a year's flags as 3,300 summary rows; the evidence
list looks each row's link up in ``tautan_bersama`` by key.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Set

from sqlalchemy import Connection, Date, Select, String, and_, bindparam, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from analytics.periods import Rentang, add_months, awal_triwulan, pecah_rentang
from db.engine import HASIL_BINER
from db.models import Aktivitas, Laporan, TautanBersama, TautanGandaBulanan, TautanGandaRingkasan
from db.pengumpul_sampah import pengumpulan_ditunda
from db.potongan import KUNCI_PER_KUERI, PASANGAN_PER_KUERI, potong

_LAPORAN_AKTIF_DAN_SATKER = select(Laporan.id, Laporan.satker_id).where(
    Laporan.periode == bindparam("periode"), Laporan.status == "aktif"
)
_LAPORAN_AKTIF = _LAPORAN_AKTIF_DAN_SATKER.with_only_columns(Laporan.id)
# Keys claimed by more than one satker in the month, read from the report index alone (it carries
# each row's key and satker); "min differs from max" lets PostgreSQL hash the groups.
_KUNCI_BERSAMA = (
    select(Aktivitas.url_kunci)
    .where(Aktivitas.laporan_id.in_(_LAPORAN_AKTIF))
    .group_by(Aktivitas.url_kunci)
    .having(func.min(Aktivitas.satker_id) != func.max(Aktivitas.satker_id))
)
_KUNCI_LAPORAN = select(Aktivitas.laporan_id, Aktivitas.url_kunci).where(
    Aktivitas.laporan_id.in_(bindparam("laporan", expanding=True))
)
# The rows behind some keys, of the month's active reports or of the reports listed; the key as an
# expression: a filter on those rows, never one index probe per key (see below).
_BARIS_BERKUNCI = select(Aktivitas.url_kanonik, Aktivitas.satker_id, Aktivitas.kategori_kode).where(
    (Aktivitas.url_kunci + 0).in_(bindparam("kunci", expanding=True))
)
_BARIS_KUNCI = _BARIS_BERKUNCI.where(Aktivitas.laporan_id.in_(_LAPORAN_AKTIF))
_BARIS_KUNCI_LAPORAN = _BARIS_BERKUNCI.where(Aktivitas.laporan_id.in_(bindparam("laporan", expanding=True)))


def hitung_ulang_tautan_ganda(
    session: Session, bulan: Iterable[dt.date], kunci_laporan: Mapping[int, frozenset[int]] | None = None
) -> int:
    """Recount the shared links of each month in ``bulan``; returns the rows written.

    Two satker can share a link only if they share its key, so the month's keys are grouped
    first (from the index, integers), and only the rows behind a shared key are read and
    compared on their text. Grouping every row of the month by its text took twice as long.

    ``kunci_laporan``: the link keys of reports the caller has just stored (report id → keys), as
    a folder load knows them from its workers. The keys of those reports are then not read back
    and grouped by the database, which was a tenth of loading a folder; only the other active
    reports of the month, if any, are read. Reports not active (a version superseded within the
    same folder) are ignored.
    """
    written = 0
    session.flush()  # the statements run on the connection, which does not flush by itself
    connection = session.connection()
    months = sorted(set(bulan))
    for periode in months:
        if kunci_laporan is None:
            keys = list(connection.scalars(_KUNCI_BERSAMA, {"periode": periode}))
            rows = _baris_kunci(connection, _BARIS_KUNCI, {"periode": periode}, keys)
        else:
            keys, holders = _kunci_bersama_diketahui(connection, periode, kunci_laporan)
            rows = _baris_kunci(connection, _BARIS_KUNCI_LAPORAN, {"laporan": holders}, keys)
        written += _tulis_bulan(connection, periode, rows)
    _tulis_ringkasan(connection, months, None)
    return written


def _kunci_bersama_diketahui(
    connection: Connection, periode: dt.date, kunci_laporan: Mapping[int, frozenset[int]]
) -> tuple[list[int], list[int]]:
    """The month's keys claimed by more than one satker, and the active reports holding one,
    from the keys given and those of the month's other active reports (read from the index)."""
    aktif = connection.execute(_LAPORAN_AKTIF_DAN_SATKER, {"periode": periode}).all()
    kunci: dict[int, Set[int]] = {
        laporan_id: kunci_laporan[laporan_id] for laporan_id, _ in aktif if laporan_id in kunci_laporan
    }
    lain = sorted(laporan_id for laporan_id, _ in aktif if laporan_id not in kunci)
    dibaca: dict[int, set[int]] = defaultdict(set)
    for chunk in potong(lain, PASANGAN_PER_KUERI):
        for laporan_id, key in connection.execute(_KUNCI_LAPORAN, {"laporan": chunk}):
            dibaca[laporan_id].add(key)
    kunci.update(dibaca)
    per_satker: dict[int, set[int]] = defaultdict(set)
    for laporan_id, satker_id in aktif:
        per_satker[satker_id].update(kunci.get(laporan_id, ()))
    seen: set[int] = set()
    shared: set[int] = set()
    for keys in per_satker.values():
        shared |= seen & keys
        seen |= keys
    holders = sorted(laporan_id for laporan_id, _ in aktif if not shared.isdisjoint(kunci.get(laporan_id, ())))
    return sorted(shared), holders


def _baris_kunci(
    connection: Connection, statement: Select[tuple[str, int, str]], params: dict[str, object], keys: list[int]
) -> list[tuple[str, int, str]]:
    """(url, satker, kategori) of the rows behind ``keys``, read ``KUNCI_PER_KUERI`` keys at a time."""
    rows: list[tuple[str, int, str]] = []
    for chunk in potong(keys, KUNCI_PER_KUERI):
        rows.extend(tuple(row) for row in connection.execute(statement, {**params, "kunci": chunk}))
    return rows


def _tulis_bulan(connection: Connection, periode: dt.date, rows: list[tuple[str, int, str]]) -> int:
    """Replace the month's shared links and counts with those of ``rows``, compared on their text
    (two links can share a key); returns the count rows written."""
    holders: dict[str, set[int]] = defaultdict(set)
    for url, satker_id, _ in rows:
        holders[url].add(satker_id)
    shared = {url for url, satker in holders.items() if len(satker) > 1}
    counts = Counter((satker_id, kode) for url, satker_id, kode in rows if url in shared)
    connection.execute(delete(TautanBersama).where(TautanBersama.periode == periode))
    connection.execute(delete(TautanGandaBulanan).where(TautanGandaBulanan.periode == periode))
    if shared:
        connection.execute(insert(TautanBersama), [{"periode": periode, "url": url} for url in sorted(shared)])
        connection.execute(
            insert(TautanGandaBulanan),
            [
                {"satker_id": satker_id, "periode": periode, "kategori_kode": kode, "jumlah": jumlah}
                for (satker_id, kode), jumlah in sorted(counts.items())
            ],
        )
    return len(counts)


def _tulis_ringkasan(connection: Connection, bulan: Iterable[dt.date], satker_ids: Collection[int] | None) -> None:
    """Rewrite the quarter and year sums holding the months in ``bulan`` from the monthly counts,
    each once however many of its months changed, for the satker in ``satker_ids`` (None: every
    satker), in the caller's transaction."""
    triwulan = {awal_triwulan(periode) for periode in bulan}
    potongan = {("triwulan", awal, add_months(awal, 2)) for awal in triwulan}
    potongan |= {("tahun", dt.date(awal.year, 1, 1), dt.date(awal.year, 12, 1)) for awal in triwulan}
    for tingkat, awal, akhir in sorted(potongan):
        lama = [TautanGandaRingkasan.tingkat == tingkat, TautanGandaRingkasan.awal == awal]
        sumber = [TautanGandaBulanan.periode.between(awal, akhir)]
        if satker_ids is not None:
            lama.append(TautanGandaRingkasan.satker_id.in_(sorted(satker_ids)))
            sumber.append(TautanGandaBulanan.satker_id.in_(sorted(satker_ids)))
        connection.execute(delete(TautanGandaRingkasan).where(*lama))
        sums = (
            select(
                literal(tingkat, String),
                literal(awal, Date),
                TautanGandaBulanan.satker_id,
                TautanGandaBulanan.kategori_kode,
                func.sum(TautanGandaBulanan.jumlah),
            )
            .where(*sumber)
            .group_by(TautanGandaBulanan.satker_id, TautanGandaBulanan.kategori_kode)
        )
        connection.execute(
            insert(TautanGandaRingkasan).from_select(["tingkat", "awal", "satker_id", "kategori_kode", "jumlah"], sums)
        )


# Built once, with the reports, the month, the satker and the keys bound at run time.
_BARIS_LAPORAN = select(Aktivitas.url_kanonik, Aktivitas.laporan_id, Aktivitas.url_kunci).where(
    Aktivitas.laporan_id.in_(bindparam("laporan", expanding=True))
)
_LAPORAN_LAIN = select(Laporan.id).where(
    Laporan.periode == bindparam("periode"), Laporan.status == "aktif", Laporan.satker_id != bindparam("satker")
)
_KUNCI_LAIN = select(Aktivitas.url_kunci).where(
    Aktivitas.laporan_id.in_(_LAPORAN_LAIN), (Aktivitas.url_kunci + 0).in_(bindparam("kunci", expanding=True))
)
_BARIS_LAIN = select(Aktivitas.url_kanonik, Aktivitas.satker_id).where(
    Aktivitas.laporan_id.in_(_LAPORAN_LAIN), (Aktivitas.url_kunci + 0).in_(bindparam("kunci", expanding=True))
)


def perbarui_tautan_ganda(session: Session, periode: dt.date, satker_id: int, laporan_ids: list[int]) -> None:
    """After one satker's report of a month changed: the links of ``laporan_ids`` (its new
    version first, then the previous one) are the only ones whose standing can have changed. Updates which of them
    are shared and recounts every satker holding one of them.

    The holders are found among the rows of the month's other active reports, read through the
    report index (which carries each row's link key and satker): first the keys those rows share
    with these reports, then the rows behind the shared keys, compared on their text. The keys
    are sent as a list of values and compared as an expression, not an indexed column, so that
    every engine filters the month's rows with them in one pass, whatever its statistics say
    (a join let PostgreSQL, misjudging a freshly loaded month, probe the index once per row).
    The cost follows the size of the month, not of the database.
    """
    session.flush()  # the statements run on the connection, which does not flush by itself
    connection = session.connection()
    mine: dict[str, set[int]] = {}  # link → which of ``laporan_ids`` claim it
    my_keys: set[int] = set()
    for url, laporan_id, key in connection.execute(_BARIS_LAPORAN, {"laporan": laporan_ids}).all():
        mine.setdefault(url, set()).add(laporan_id)
        my_keys.add(key)
    others_of_month = {"periode": periode, "satker": satker_id}
    shared_keys: set[int] = set()
    for chunk in potong(sorted(my_keys), KUNCI_PER_KUERI):
        shared_keys.update(connection.scalars(_KUNCI_LAIN, {**others_of_month, "kunci": chunk}).all())
    others: dict[str, set[int]] = {}  # link → the other satker actively claiming it
    for chunk in potong(sorted(shared_keys), KUNCI_PER_KUERI):
        for url, holder in connection.execute(_BARIS_LAIN, {**others_of_month, "kunci": chunk}).all():
            if url in mine:
                others.setdefault(url, set()).add(holder)
    # Links this satker's new version claims (with another claimant).
    mine_now = {url for url in others if laporan_ids[0] in mine[url]}
    links = select(Aktivitas.url_kanonik).where(Aktivitas.laporan_id.in_(laporan_ids))
    removed = session.execute(
        delete(TautanBersama).where(TautanBersama.periode == periode, TautanBersama.url.in_(links))
    )
    shared = [{"periode": periode, "url": url} for url, satker in others.items() if len(satker) + (url in mine_now) > 1]
    if not shared and not removed.rowcount:
        return  # none of these links is or was shared: no count can have changed (the usual case)
    if shared:
        session.execute(insert(TautanBersama), shared)
    affected = {satker_id}.union(*others.values())
    active = Aktivitas.laporan_id.in_(
        select(Laporan.id).where(Laporan.periode == periode, Laporan.status == "aktif", Laporan.satker_id.in_(affected))
    )
    session.execute(
        delete(TautanGandaBulanan).where(
            TautanGandaBulanan.periode == periode, TautanGandaBulanan.satker_id.in_(affected)
        )
    )
    counted = (
        select(Aktivitas.satker_id, Aktivitas.periode, Aktivitas.kategori_kode, func.count())
        .join(
            TautanBersama,
            and_(TautanBersama.periode == Aktivitas.periode, TautanBersama.url == Aktivitas.url_kanonik),
        )
        .where(active)
        .group_by(Aktivitas.satker_id, Aktivitas.periode, Aktivitas.kategori_kode)
    )
    session.execute(
        insert(TautanGandaBulanan).from_select(["satker_id", "periode", "kategori_kode", "jumlah"], counted)
    )
    _tulis_ringkasan(session.connection(), [periode], affected)


# Built once with the pieces bound at run time: composing a statement on every call cost a third of
# the query's time at national scale.
_GANDA_BULAN = (
    select(TautanGandaBulanan.satker_id, TautanGandaBulanan.kategori_kode, TautanGandaBulanan.jumlah)
    .where(TautanGandaBulanan.periode.in_(bindparam("awal", expanding=True)))
    .execution_options(**{HASIL_BINER: True})
)
_GANDA_RINGKASAN = (
    select(TautanGandaRingkasan.satker_id, TautanGandaRingkasan.kategori_kode, TautanGandaRingkasan.jumlah)
    .where(
        TautanGandaRingkasan.tingkat == bindparam("tingkat"),
        TautanGandaRingkasan.awal.in_(bindparam("awal", expanding=True)),
    )
    .execution_options(**{HASIL_BINER: True})
)


@pengumpulan_ditunda
def tautan_ganda(session: Session, rentang: Rentang) -> dict[str, dict[int, int]]:
    """Kategori → satker id → rows with a link another satker also claimed in the same month,
    summed over the months of ``rentang``: from the fewest stored years, quarters and months."""
    starts: dict[str, list[dt.date]] = defaultdict(list)
    for potongan in pecah_rentang(rentang):
        starts[potongan.tingkat].append(potongan.awal)
    connection = session.connection()
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    for tingkat, awal in starts.items():
        statement = _GANDA_BULAN if tingkat == "bulan" else _GANDA_RINGKASAN
        # .all(): fetched in one go, where iterating the result row by row took twice the query.
        for satker_id, kode, jumlah in connection.execute(statement, {"tingkat": tingkat, "awal": awal}).all():
            per_satker = counts[kode]
            per_satker[satker_id] = per_satker.get(satker_id, 0) + jumlah
    return dict(counts)
