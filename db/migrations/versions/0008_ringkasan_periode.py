"""ringkasan_periode: nilai bulanan per satker dijumlahkan per triwulan dan per tahun.

Peringkat setahun tingkat nasional membaca 450 baris ringkasan, bukan 5.400 baris bulanan. Per
kategori disimpan jumlah, bulan yang berisi (topeng bit), dan nilai bulanan terbesar, sehingga
setiap rentang dapat disusun dari tahun, triwulan, dan bulan utuh. Pemuat memperbaruinya di
transaksi yang sama dengan nilai bulanan; data yang sudah ada diisi di sini. Indeks periode
tautan_ganda_bulanan kini juga memuat satker, kategori, dan jumlah, sehingga hitungan setahun
dijumlahkan dari indeks saja.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 21:30:00.000000
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from analytics.ringkasan_periode import KOLOM_RINGKASAN, ringkas_bulanan

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

KODE = KOLOM_RINGKASAN[3:13]
TAUTAN_GANDA_MENUTUP = ['periode', 'satker_id', 'kategori_kode', 'jumlah']


def _backfill() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT satker_id, periode, {', '.join(KODE)} FROM nilai_bulanan_lebar "
                                "ORDER BY satker_id, periode"))  # fmt: skip
    monthly = [
        (row[0], row[1] if isinstance(row[1], dt.date) else dt.date.fromisoformat(row[1]), row[2:]) for row in rows
    ]
    summary = ringkas_bulanan(monthly)
    if summary:
        table = sa.table('ringkasan_periode', *(sa.column(name) for name in KOLOM_RINGKASAN))
        bind.execute(sa.insert(table), [dict(zip(KOLOM_RINGKASAN, row, strict=True)) for row in summary])


def upgrade() -> None:
    op.create_table('ringkasan_periode',
    sa.Column('tingkat', sa.String(length=10), nullable=False),
    sa.Column('awal', sa.Date(), nullable=False),
    sa.Column('satker_id', sa.Integer(), nullable=False),
    *(sa.Column(kode, sa.Float(), nullable=True) for kode in KODE),
    *(sa.Column(f'{kode}_bulan', sa.Integer(), nullable=False) for kode in KODE),
    *(sa.Column(f'{kode}_maks', sa.Float(), nullable=True) for kode in KODE),
    sa.CheckConstraint("tingkat IN ('triwulan', 'tahun')", name=op.f('ck_ringkasan_periode_tingkat')),
    sa.ForeignKeyConstraint(['satker_id'], ['satker.id'], name=op.f('fk_ringkasan_periode_satker_id_satker')),
    sa.PrimaryKeyConstraint('tingkat', 'awal', 'satker_id', name=op.f('pk_ringkasan_periode')),
    sqlite_with_rowid=False,
    )
    _backfill()
    with op.batch_alter_table('tautan_ganda_bulanan', schema=None) as batch_op:
        batch_op.drop_index('ix_tautan_ganda_bulanan_periode')
        batch_op.create_index('ix_tautan_ganda_bulanan_periode', TAUTAN_GANDA_MENUTUP, unique=False)


def downgrade() -> None:
    with op.batch_alter_table('tautan_ganda_bulanan', schema=None) as batch_op:
        batch_op.drop_index('ix_tautan_ganda_bulanan_periode')
        batch_op.create_index('ix_tautan_ganda_bulanan_periode', ['periode'], unique=False)
    op.drop_table('ringkasan_periode')
