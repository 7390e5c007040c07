"""aktivitas: tanpa kunci asing satker dan kategori, indeks lebih ramping.

Kolom satker dan periode salinan nilai laporan induknya; pemeriksaan kunci per baris dan indeks
teks URL melipatgandakan biaya muat massal (lihat docs/BENCHMARKS.md).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 04:13:03.868506
"""
from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aktivitas_satker_periode_kategori'))
        batch_op.drop_index(batch_op.f('ix_aktivitas_periode_kategori_url'))
        batch_op.create_index(batch_op.f('ix_aktivitas_periode'), ['periode'], unique=False)
        batch_op.drop_constraint(batch_op.f('fk_aktivitas_satker_id_satker'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_aktivitas_kategori_kode_kategori'), type_='foreignkey')



def downgrade() -> None:
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_aktivitas_kategori_kode_kategori'), 'kategori', ['kategori_kode'], ['kode'])
        batch_op.create_foreign_key(batch_op.f('fk_aktivitas_satker_id_satker'), 'satker', ['satker_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_aktivitas_satker_periode_kategori'), ['satker_id', 'periode', 'kategori_kode'], unique=False)
        batch_op.drop_index(batch_op.f('ix_aktivitas_periode'))
        batch_op.create_index(batch_op.f('ix_aktivitas_periode_kategori_url'), ['periode', 'kategori_kode', 'url'], unique=False)

