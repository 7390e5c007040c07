"""Skema awal: seluruh tabel domain (referensi, unggahan, laporan, aktivitas, nilai bulanan, penghargaan, pengguna, pengaturan, audit).

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 02:57:47.762316
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('kategori',
    sa.Column('kode', sa.String(length=40), nullable=False),
    sa.Column('nama_tampilan', sa.String(length=120), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=True),
    sa.Column('satuan', sa.String(length=200), nullable=False),
    sa.Column('arah', sa.String(length=20), nullable=False),
    sa.Column('urutan', sa.Integer(), nullable=False),
    sa.Column('nama_sheet', sa.String(length=60), nullable=True),
    sa.CheckConstraint("arah IN ('lebih_tinggi', 'lebih_rendah')", name=op.f('ck_kategori_arah')),
    sa.PrimaryKeyConstraint('kode', name=op.f('pk_kategori'))
    )
    op.create_table('pengaturan',
    sa.Column('kunci', sa.String(length=80), nullable=False),
    sa.Column('nilai', sa.JSON(), nullable=False),
    sa.Column('diubah_pada', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('kunci', name=op.f('pk_pengaturan'))
    )
    op.create_table('polda',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nama', sa.String(length=120), nullable=False),
    sa.Column('singkatan', sa.String(length=40), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_polda')),
    sa.UniqueConstraint('nama', name=op.f('uq_polda_nama'))
    )
    op.create_table('satker',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('polda_id', sa.Integer(), nullable=False),
    sa.Column('nama', sa.String(length=120), nullable=False),
    sa.Column('tipe', sa.String(length=40), nullable=False),
    sa.Column('wilayah', sa.String(length=200), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['polda_id'], ['polda.id'], name=op.f('fk_satker_polda_id_polda')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_satker')),
    sa.UniqueConstraint('nama', name=op.f('uq_satker_nama'))
    )
    with op.batch_alter_table('satker', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_satker_polda_id'), ['polda_id'], unique=False)

    op.create_table('pengguna',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('nama', sa.String(length=120), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('peran', sa.String(length=20), nullable=False),
    sa.Column('satker_id', sa.Integer(), nullable=True),
    sa.Column('polda_id', sa.Integer(), nullable=True),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('gagal_login', sa.Integer(), nullable=False),
    sa.Column('terkunci_sampai', sa.DateTime(timezone=True), nullable=True),
    sa.Column('dibuat_pada', sa.DateTime(timezone=True), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.CheckConstraint("peran <> 'operator' OR satker_id IS NOT NULL", name=op.f('ck_pengguna_operator_satker')),
    sa.CheckConstraint("peran IN ('admin', 'pimpinan', 'operator')", name=op.f('ck_pengguna_peran')),
    sa.ForeignKeyConstraint(['polda_id'], ['polda.id'], name=op.f('fk_pengguna_polda_id_polda')),
    sa.ForeignKeyConstraint(['satker_id'], ['satker.id'], name=op.f('fk_pengguna_satker_id_satker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pengguna')),
    sa.UniqueConstraint('username', name=op.f('uq_pengguna_username'))
    )
    with op.batch_alter_table('pengguna', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pengguna_is_demo'), ['is_demo'], unique=False)

    op.create_table('satker_nama',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('satker_id', sa.Integer(), nullable=False),
    sa.Column('nama', sa.String(length=120), nullable=False),
    sa.Column('tipe', sa.String(length=40), nullable=False),
    sa.Column('berlaku_mulai', sa.Date(), nullable=False),
    sa.Column('catatan', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['satker_id'], ['satker.id'], name=op.f('fk_satker_nama_satker_id_satker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_satker_nama')),
    sa.UniqueConstraint('satker_id', 'berlaku_mulai', name=op.f('uq_satker_nama_satker_id'))
    )
    with op.batch_alter_table('satker_nama', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_satker_nama_nama'), ['nama'], unique=False)
        batch_op.create_index(batch_op.f('ix_satker_nama_satker_id'), ['satker_id'], unique=False)

    op.create_table('unggahan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=20), nullable=False),
    sa.Column('nama_file', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('ukuran_byte', sa.BigInteger(), nullable=False),
    sa.Column('diunggah_oleh_id', sa.Integer(), nullable=True),
    sa.Column('diunggah_pada', sa.DateTime(timezone=True), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.CheckConstraint("jenis IN ('laporan_bulanan', 'rekap', 'penghargaan')", name=op.f('ck_unggahan_jenis')),
    sa.ForeignKeyConstraint(['diunggah_oleh_id'], ['pengguna.id'], name=op.f('fk_unggahan_diunggah_oleh_id_pengguna')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unggahan'))
    )
    with op.batch_alter_table('unggahan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unggahan_is_demo'), ['is_demo'], unique=False)
        batch_op.create_index(batch_op.f('ix_unggahan_sha256'), ['sha256'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('waktu', sa.DateTime(timezone=True), nullable=False),
    sa.Column('pengguna_id', sa.Integer(), nullable=True),
    sa.Column('pelaku', sa.String(length=120), nullable=False),
    sa.Column('aksi', sa.String(length=60), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('unggahan_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['pengguna_id'], ['pengguna.id'], name=op.f('fk_audit_log_pengguna_id_pengguna')),
    sa.ForeignKeyConstraint(['unggahan_id'], ['unggahan.id'], name=op.f('fk_audit_log_unggahan_id_unggahan'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_aksi'), ['aksi'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_waktu'), ['waktu'], unique=False)

    op.create_table('laporan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unggahan_id', sa.Integer(), nullable=False),
    sa.Column('satker_id', sa.Integer(), nullable=False),
    sa.Column('periode', sa.Date(), nullable=False),
    sa.Column('versi', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('digantikan_oleh_id', sa.Integer(), nullable=True),
    sa.Column('dikirim_pada', sa.DateTime(timezone=True), nullable=False),
    sa.Column('nama_operator', sa.String(length=120), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.CheckConstraint("status IN ('aktif', 'digantikan')", name=op.f('ck_laporan_status')),
    sa.ForeignKeyConstraint(['digantikan_oleh_id'], ['laporan.id'], name=op.f('fk_laporan_digantikan_oleh_id_laporan')),
    sa.ForeignKeyConstraint(['satker_id'], ['satker.id'], name=op.f('fk_laporan_satker_id_satker')),
    sa.ForeignKeyConstraint(['unggahan_id'], ['unggahan.id'], name=op.f('fk_laporan_unggahan_id_unggahan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_laporan')),
    sa.UniqueConstraint('satker_id', 'periode', 'versi', name=op.f('uq_laporan_satker_id'))
    )
    with op.batch_alter_table('laporan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_laporan_is_demo'), ['is_demo'], unique=False)
        batch_op.create_index('ix_laporan_periode_status', ['periode', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_laporan_unggahan_id'), ['unggahan_id'], unique=False)

    op.create_table('penghargaan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('acara', sa.String(length=200), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('kategori_kode', sa.String(length=40), nullable=False),
    sa.Column('peringkat', sa.Integer(), nullable=False),
    sa.Column('satker_id', sa.Integer(), nullable=False),
    sa.Column('unggahan_id', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['kategori_kode'], ['kategori.kode'], name=op.f('fk_penghargaan_kategori_kode_kategori')),
    sa.ForeignKeyConstraint(['satker_id'], ['satker.id'], name=op.f('fk_penghargaan_satker_id_satker')),
    sa.ForeignKeyConstraint(['unggahan_id'], ['unggahan.id'], name=op.f('fk_penghargaan_unggahan_id_unggahan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_penghargaan')),
    sa.UniqueConstraint('acara', 'tahun', 'kategori_kode', 'peringkat', 'satker_id', name=op.f('uq_penghargaan_acara'))
    )
    with op.batch_alter_table('penghargaan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_penghargaan_is_demo'), ['is_demo'], unique=False)
        batch_op.create_index(batch_op.f('ix_penghargaan_tahun'), ['tahun'], unique=False)

    op.create_table('aktivitas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('laporan_id', sa.Integer(), nullable=False),
    sa.Column('satker_id', sa.Integer(), nullable=False),
    sa.Column('periode', sa.Date(), nullable=False),
    sa.Column('kategori_kode', sa.String(length=40), nullable=False),
    sa.Column('baris', sa.Integer(), nullable=False),
    sa.Column('tanggal', sa.Date(), nullable=False),
    sa.Column('judul', sa.Text(), nullable=False),
    sa.Column('platform', sa.String(length=20), nullable=True),
    sa.Column('url', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['kategori_kode'], ['kategori.kode'], name=op.f('fk_aktivitas_kategori_kode_kategori')),
    sa.ForeignKeyConstraint(['laporan_id'], ['laporan.id'], name=op.f('fk_aktivitas_laporan_id_laporan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['satker_id'], ['satker.id'], name=op.f('fk_aktivitas_satker_id_satker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aktivitas'))
    )
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.create_index('ix_aktivitas_laporan_kategori', ['laporan_id', 'kategori_kode'], unique=False)
        batch_op.create_index('ix_aktivitas_periode_kategori_url', ['periode', 'kategori_kode', 'url'], unique=False)
        batch_op.create_index('ix_aktivitas_satker_periode_kategori', ['satker_id', 'periode', 'kategori_kode'], unique=False)

    op.create_table('nilai_bulanan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('satker_id', sa.Integer(), nullable=False),
    sa.Column('periode', sa.Date(), nullable=False),
    sa.Column('kategori_kode', sa.String(length=40), nullable=False),
    sa.Column('nilai', sa.Float(), nullable=False),
    sa.Column('sumber', sa.String(length=20), nullable=False),
    sa.Column('laporan_id', sa.Integer(), nullable=True),
    sa.Column('unggahan_id', sa.Integer(), nullable=True),
    sa.Column('diperbarui_pada', sa.DateTime(timezone=True), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.CheckConstraint("sumber IN ('laporan', 'rekap')", name=op.f('ck_nilai_bulanan_sumber')),
    sa.ForeignKeyConstraint(['kategori_kode'], ['kategori.kode'], name=op.f('fk_nilai_bulanan_kategori_kode_kategori')),
    sa.ForeignKeyConstraint(['laporan_id'], ['laporan.id'], name=op.f('fk_nilai_bulanan_laporan_id_laporan'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['satker_id'], ['satker.id'], name=op.f('fk_nilai_bulanan_satker_id_satker')),
    sa.ForeignKeyConstraint(['unggahan_id'], ['unggahan.id'], name=op.f('fk_nilai_bulanan_unggahan_id_unggahan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nilai_bulanan')),
    sa.UniqueConstraint('satker_id', 'periode', 'kategori_kode', name=op.f('uq_nilai_bulanan_satker_id'))
    )
    with op.batch_alter_table('nilai_bulanan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nilai_bulanan_is_demo'), ['is_demo'], unique=False)
        batch_op.create_index('ix_nilai_bulanan_periode_kategori', ['periode', 'kategori_kode'], unique=False)
        batch_op.create_index(batch_op.f('ix_nilai_bulanan_unggahan_id'), ['unggahan_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('nilai_bulanan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nilai_bulanan_unggahan_id'))
        batch_op.drop_index('ix_nilai_bulanan_periode_kategori')
        batch_op.drop_index(batch_op.f('ix_nilai_bulanan_is_demo'))

    op.drop_table('nilai_bulanan')
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.drop_index('ix_aktivitas_satker_periode_kategori')
        batch_op.drop_index('ix_aktivitas_periode_kategori_url')
        batch_op.drop_index('ix_aktivitas_laporan_kategori')

    op.drop_table('aktivitas')
    with op.batch_alter_table('penghargaan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_penghargaan_tahun'))
        batch_op.drop_index(batch_op.f('ix_penghargaan_is_demo'))

    op.drop_table('penghargaan')
    with op.batch_alter_table('laporan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_laporan_unggahan_id'))
        batch_op.drop_index('ix_laporan_periode_status')
        batch_op.drop_index(batch_op.f('ix_laporan_is_demo'))

    op.drop_table('laporan')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_waktu'))
        batch_op.drop_index(batch_op.f('ix_audit_log_aksi'))

    op.drop_table('audit_log')
    with op.batch_alter_table('unggahan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unggahan_sha256'))
        batch_op.drop_index(batch_op.f('ix_unggahan_is_demo'))

    op.drop_table('unggahan')
    with op.batch_alter_table('satker_nama', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_satker_nama_satker_id'))
        batch_op.drop_index(batch_op.f('ix_satker_nama_nama'))

    op.drop_table('satker_nama')
    with op.batch_alter_table('pengguna', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pengguna_is_demo'))

    op.drop_table('pengguna')
    with op.batch_alter_table('satker', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_satker_polda_id'))

    op.drop_table('satker')
    op.drop_table('polda')
    op.drop_table('pengaturan')
    op.drop_table('kategori')
