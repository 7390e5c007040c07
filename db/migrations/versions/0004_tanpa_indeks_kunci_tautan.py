"""aktivitas: indeks bulan + kunci tautan dibuang.

Indeks itu disisipi secara acak oleh setiap baris kegiatan (kunci CRC-32) dan menjadi biaya
terbesar menyimpan laporan: sepertiga waktu tulis sebuah folder laporan (lihat docs/BENCHMARKS.md).
Pemegang lain tautan sebuah laporan kini dicari dari baris laporan aktif bulan itu lewat indeks
laporan, dengan kunci tautan sebagai penyaring murah sebelum teksnya dibandingkan.

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
    op.drop_index('ix_aktivitas_periode_url_kunci', table_name='aktivitas')


def downgrade() -> None:
    op.create_index('ix_aktivitas_periode_url_kunci', 'aktivitas', ['periode', 'url_kunci'], unique=False)
