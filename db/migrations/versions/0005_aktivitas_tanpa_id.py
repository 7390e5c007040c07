"""aktivitas: tanpa nomor urut id; kunci primernya indeks laporan ditambah baris sheet.

Setiap baris kegiatan diberi nomor dari sebuah sequence dan nomor itu diindeks: seperlima kerja
PostgreSQL saat menyimpan satu folder laporan (lihat docs/BENCHMARKS.md), untuk nomor yang tidak
dipakai kueri mana pun. Sebuah baris kini dikenali dari laporan, sheet kategori, dan baris sheet
asalnya. Kunci primer itu sekaligus satu-satunya indeks tabel: indeks laporan yang sudah ada
(laporan, kategori, kunci tautan, satker) dengan baris sheet di ujungnya, yang membuatnya unik.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 02:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

KUNCI = ['laporan_id', 'kategori_kode', 'url_kunci', 'satker_id', 'baris']
INDEKS_LAMA = ['laporan_id', 'kategori_kode', 'url_kunci', 'satker_id']


def upgrade() -> None:
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.drop_index('ix_aktivitas_laporan_kategori_tautan')
        batch_op.drop_constraint('pk_aktivitas', type_='primary')
        batch_op.drop_column('id')
        batch_op.create_primary_key('pk_aktivitas', KUNCI)


def downgrade() -> None:
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.drop_constraint('pk_aktivitas', type_='primary')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE aktivitas ADD COLUMN id SERIAL')  # numbers the existing rows
        op.create_primary_key('pk_aktivitas', 'aktivitas', ['id'])
    else:
        with op.batch_alter_table('aktivitas', schema=None) as batch_op:
            # SQLite numbers the copied rows itself: an INTEGER PRIMARY KEY is the table's rowid.
            batch_op.add_column(sa.Column('id', sa.Integer(), primary_key=True, nullable=False))
    op.create_index('ix_aktivitas_laporan_kategori_tautan', 'aktivitas', INDEKS_LAMA, unique=False)
