"""tautan_ganda_ringkasan: hitungan tautan ganda per satker dan kategori dijumlahkan per triwulan
dan per tahun.

Tanda tautan ganda setahun tingkat nasional kini membaca ±3.300 baris ringkasan, bukan ±10.000
baris bulanan. db.tautan_ganda menulis ulang ringkasan setiap kali bulan di bawahnya ditulis;
data yang sudah ada diisi di sini.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 01:10:00.000000
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

KOLOM = ('tingkat', 'awal', 'satker_id', 'kategori_kode', 'jumlah')


def _backfill() -> None:
    bind = op.get_bind()
    sums: Counter[tuple[str, dt.date, int, str]] = Counter()
    for satker_id, periode, kode, jumlah in bind.execute(
        sa.text('SELECT satker_id, periode, kategori_kode, jumlah FROM tautan_ganda_bulanan')
    ):
        periode = periode if isinstance(periode, dt.date) else dt.date.fromisoformat(periode)
        triwulan = dt.date(periode.year, periode.month - (periode.month - 1) % 3, 1)
        sums[('triwulan', triwulan, satker_id, kode)] += jumlah
        sums[('tahun', dt.date(periode.year, 1, 1), satker_id, kode)] += jumlah
    if sums:
        table = sa.table('tautan_ganda_ringkasan', *(sa.column(name) for name in KOLOM))
        bind.execute(sa.insert(table), [dict(zip(KOLOM, (*key, n), strict=True)) for key, n in sorted(sums.items())])


def upgrade() -> None:
    op.create_table('tautan_ganda_ringkasan',
    sa.Column('tingkat', sa.String(length=10), nullable=False),
    sa.Column('awal', sa.Date(), nullable=False),
    sa.Column('satker_id', sa.Integer(), nullable=False),
    sa.Column('kategori_kode', sa.String(length=40), nullable=False),
    sa.Column('jumlah', sa.Integer(), nullable=False),
    sa.CheckConstraint("tingkat IN ('triwulan', 'tahun')", name=op.f('ck_tautan_ganda_ringkasan_tingkat')),
    sa.ForeignKeyConstraint(['satker_id'], ['satker.id'], name=op.f('fk_tautan_ganda_ringkasan_satker_id_satker')),
    sa.PrimaryKeyConstraint('tingkat', 'awal', 'satker_id', 'kategori_kode', name=op.f('pk_tautan_ganda_ringkasan')),
    sqlite_with_rowid=False,
    )
    _backfill()


def downgrade() -> None:
    op.drop_table('tautan_ganda_ringkasan')
