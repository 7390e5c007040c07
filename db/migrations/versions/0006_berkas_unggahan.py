"""berkas_unggahan: byte asli setiap unggahan yang diterima, sebagai bukti bila laporan dipersoalkan.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 22:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'berkas_unggahan',
        sa.Column('unggahan_id', sa.Integer(), nullable=False),
        sa.Column('isi', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ['unggahan_id'], ['unggahan.id'], name=op.f('fk_berkas_unggahan_unggahan_id_unggahan')
        ),
        sa.PrimaryKeyConstraint('unggahan_id', name=op.f('pk_berkas_unggahan')),
    )


def downgrade() -> None:
    op.drop_table('berkas_unggahan')
