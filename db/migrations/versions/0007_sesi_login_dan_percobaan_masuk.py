"""sesi_login dan percobaan_masuk: login yang bertahan melewati F5 dan tab baru, dan pembatasan
percobaan masuk yang gagal, keduanya di database agar berlaku di setiap proses aplikasi.

sesi_login menyimpan SHA-256 token cookie (tidak pernah tokennya), waktu aktivitas terakhir, dan kapan
serta mengapa sesi berakhir. percobaan_masuk mencatat setiap login gagal dengan sidik berkunci dari nama
yang diketik (bukan namanya) dan alamat klien.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 21:22:08.381252
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('percobaan_masuk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('waktu', sa.DateTime(timezone=True), nullable=False),
    sa.Column('akun', sa.String(length=64), nullable=False),
    sa.Column('alamat', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_percobaan_masuk'))
    )
    with op.batch_alter_table('percobaan_masuk', schema=None) as batch_op:
        batch_op.create_index('ix_percobaan_masuk_akun_waktu', ['akun', 'waktu'], unique=False)
        batch_op.create_index('ix_percobaan_masuk_alamat_waktu', ['alamat', 'waktu'], unique=False)

    op.create_table('sesi_login',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('pengguna_id', sa.Integer(), nullable=False),
    sa.Column('alamat', sa.String(length=64), nullable=True),
    sa.Column('dibuat_pada', sa.DateTime(timezone=True), nullable=False),
    sa.Column('aktif_terakhir', sa.DateTime(timezone=True), nullable=False),
    sa.Column('berakhir_pada', sa.DateTime(timezone=True), nullable=True),
    sa.Column('alasan_berakhir', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['pengguna_id'], ['pengguna.id'], name=op.f('fk_sesi_login_pengguna_id_pengguna'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sesi_login')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_sesi_login_token_hash'))
    )
    with op.batch_alter_table('sesi_login', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sesi_login_pengguna_id'), ['pengguna_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sesi_login', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sesi_login_pengguna_id'))

    op.drop_table('sesi_login')
    with op.batch_alter_table('percobaan_masuk', schema=None) as batch_op:
        batch_op.drop_index('ix_percobaan_masuk_alamat_waktu')
        batch_op.drop_index('ix_percobaan_masuk_akun_waktu')

    op.drop_table('percobaan_masuk')
