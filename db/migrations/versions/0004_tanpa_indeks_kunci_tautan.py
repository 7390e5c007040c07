"""aktivitas: lebih ringan ditulis — indeks bulan + kunci tautan dan kunci asing ke laporan dibuang.

Indeks itu disisipi secara acak oleh setiap baris kegiatan (kunci CRC-32) dan menjadi biaya
terbesar menyimpan laporan: sepertiga waktu tulis sebuah folder laporan (lihat docs/BENCHMARKS.md).
Pemegang lain tautan sebuah laporan kini dicari dari baris laporan aktif bulan itu lewat indeks
laporan, yang kini juga memuat kunci tautan dan satker tiap baris (ditambahkan di ujung kanan
indeks yang selalu ditulis berurutan, hampir tanpa biaya): kunci itu penyaring murah sebelum
teks tautan dibandingkan, tanpa membaca barisnya.

Kunci asing ke laporan diperiksa PostgreSQL per baris dengan pemicu (trigger), dan pemeriksaan
itu menggandakan biaya COPY baris kegiatan. Baris kegiatan hanya ditulis pemuat, dalam transaksi
yang sama dengan laporannya; penghapusan data demo menghapus barisnya lebih dulu; ``etl periksa``
melaporkan baris yang laporannya tidak ada.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 17:20:00.000000
"""
from __future__ import annotations

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.drop_index('ix_aktivitas_periode_url_kunci')
        batch_op.drop_constraint(batch_op.f('fk_aktivitas_laporan_id_laporan'), type_='foreignkey')
        batch_op.drop_index('ix_aktivitas_laporan_kategori')
        batch_op.create_index(
            'ix_aktivitas_laporan_kategori_tautan', ['laporan_id', 'kategori_kode', 'url_kunci', 'satker_id'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.drop_index('ix_aktivitas_laporan_kategori_tautan')
        batch_op.create_index('ix_aktivitas_laporan_kategori', ['laporan_id', 'kategori_kode'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_aktivitas_laporan_id_laporan'), 'laporan', ['laporan_id'], ['id'], ondelete='CASCADE'
        )
        batch_op.create_index('ix_aktivitas_periode_url_kunci', ['periode', 'url_kunci'], unique=False)
