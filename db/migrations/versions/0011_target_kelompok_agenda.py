"""target kinerja, kelompok satker, agenda acara, dan tipe satker yang ditetapkan admin.

Target bulanan per kategori (semua satker, satu tipe, atau satu satker, berlaku mulai sebuah
bulan), kelompok pembanding yang dibuat admin beserta anggotanya, acara agenda (bawaan dari
db/reference_data/agenda.csv dan tambahan admin), dan tabel ``satker_tipe_tetap`` untuk tipe yang
ditetapkan admin di luar nama satker. Ambang pita capaian disimpan di ``pengaturan``.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 21:30:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

LINGKUP = "('satker', 'tipe', 'semua')"
JENIS = "('pemilu', 'operasi', 'libur_nasional', 'peringatan', 'kenegaraan')"


def upgrade() -> None:
    op.create_table(
        'satker_tipe_tetap',
        sa.Column('satker_id', sa.Integer(), nullable=False),
        sa.Column('tipe', sa.String(length=40), nullable=False),
        sa.Column('diubah_pada', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['satker_id'], ['satker.id'], name=op.f('fk_satker_tipe_tetap_satker_id_satker'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('satker_id', name=op.f('pk_satker_tipe_tetap')),
    )
    op.create_table(
        'target_kinerja',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kategori_kode', sa.String(length=40), nullable=False),
        sa.Column('lingkup', sa.String(length=10), nullable=False),
        sa.Column('nilai_lingkup', sa.String(length=40), nullable=False),
        sa.Column('tipe', sa.String(length=40), nullable=True),
        sa.Column('satker_id', sa.Integer(), nullable=True),
        sa.Column('berlaku_mulai', sa.Date(), nullable=False),
        sa.Column('nilai', sa.Float(), nullable=True),
        sa.Column('diubah_pada', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(f'lingkup IN {LINGKUP}', name=op.f('ck_target_kinerja_lingkup')),
        sa.CheckConstraint('nilai IS NULL OR nilai > 0', name=op.f('ck_target_kinerja_nilai')),
        sa.ForeignKeyConstraint(['kategori_kode'], ['kategori.kode'], name=op.f('fk_target_kinerja_kategori_kode_kategori')),
        sa.ForeignKeyConstraint(
            ['satker_id'], ['satker.id'], name=op.f('fk_target_kinerja_satker_id_satker'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_target_kinerja')),
        sa.UniqueConstraint(
            'kategori_kode', 'lingkup', 'nilai_lingkup', 'berlaku_mulai', name=op.f('uq_target_kinerja_kategori_kode')
        ),
    )
    op.create_table(
        'kelompok',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('nama', sa.String(length=100), nullable=False),
        sa.Column('kunci', sa.String(length=100), nullable=False),
        sa.Column('diubah_pada', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kelompok')),
        sa.UniqueConstraint('kunci', name=op.f('uq_kelompok_kunci')),
    )
    op.create_table(
        'kelompok_anggota',
        sa.Column('kelompok_id', sa.Integer(), nullable=False),
        sa.Column('satker_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['kelompok_id'], ['kelompok.id'], name=op.f('fk_kelompok_anggota_kelompok_id_kelompok'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['satker_id'], ['satker.id'], name=op.f('fk_kelompok_anggota_satker_id_satker'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('kelompok_id', 'satker_id', name=op.f('pk_kelompok_anggota')),
    )
    op.create_table(
        'agenda',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('mulai', sa.Date(), nullable=False),
        sa.Column('selesai', sa.Date(), nullable=False),
        sa.Column('nama', sa.String(length=200), nullable=False),
        sa.Column('jenis', sa.String(length=20), nullable=False),
        sa.Column('polda_id', sa.Integer(), nullable=True),
        sa.Column('sumber', sa.Text(), nullable=False),
        sa.Column('catatan', sa.Text(), nullable=False),
        sa.Column('bawaan', sa.Boolean(), nullable=False),
        sa.CheckConstraint(f'jenis IN {JENIS}', name=op.f('ck_agenda_jenis')),
        sa.CheckConstraint('selesai >= mulai', name=op.f('ck_agenda_rentang')),
        sa.ForeignKeyConstraint(['polda_id'], ['polda.id'], name=op.f('fk_agenda_polda_id_polda'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda')),
    )
    op.create_index('ix_agenda_mulai', 'agenda', ['mulai'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_agenda_mulai', table_name='agenda')
    op.drop_table('agenda')
    op.drop_table('kelompok_anggota')
    op.drop_table('kelompok')
    op.drop_table('target_kinerja')
    op.drop_table('satker_tipe_tetap')
