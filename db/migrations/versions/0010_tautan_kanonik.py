"""aktivitas.url_kanonik: satu identitas per kiriman di samping tautan seperti ditulis operator.

Tautan yang sama dengan parameter berbagi berbeda (`?igsh=`, `utm_*`, host `m.`, `twitter.com`
dan `x.com`, `youtu.be`) dulu dianggap kiriman berbeda: dihitung berkali-kali dan tidak ditandai
bila diklaim dua satker. Kolom baru menyimpan bentuk kanonik (analytics.tautan.kanonik) untuk
setiap baris yang ada; kunci 32-bit `url_kunci` kini CRC-32 bentuk kanonik itu; tautan bersama
dan hitungan tautan ganda dihitung ulang dari bentuk kanonik. Baris yang sudah tersimpan tidak
dihapus: tautan ganda di dalam satu laporan lama tetap terhitung seperti saat dimuat, sampai
laporan itu diunggah ulang.

Tabel platform_alias: julukan platform yang ditambahkan admin di atas tabel bawaan
db/reference_data/platform_alias.csv.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-04 21:30:00.000000
"""
from __future__ import annotations

import zlib

import sqlalchemy as sa
from alembic import op

from analytics.tautan import kanonik

revision = '0010'
down_revision = '0008'
branch_labels = None
depends_on = None

SEMENTARA = '_tautan_kanonik_sementara'
POTONGAN = 20_000
AKTIF = "FROM aktivitas a JOIN laporan l ON l.id = a.laporan_id AND l.status = 'aktif'"


def _kunci(teks: str) -> int:
    return zlib.crc32(teks.encode('utf-8'))


def _isi(kolom_kunci: str, bentuk) -> None:
    """Set url_kanonik (when present) and url_kunci of every row from its url, through a table of
    the distinct links: one pass over the rows, whatever their number."""
    bind = op.get_bind()
    urls = [url for (url,) in bind.execute(sa.text('SELECT DISTINCT url FROM aktivitas'))]
    op.create_table(SEMENTARA, sa.Column('url', sa.Text(), primary_key=True),
                    sa.Column('kanonik', sa.Text(), nullable=False), sa.Column('kunci', sa.BigInteger(), nullable=False))
    tulis = sa.text(f'INSERT INTO {SEMENTARA} (url, kanonik, kunci) VALUES (:url, :kanonik, :kunci)')
    for awal in range(0, len(urls), POTONGAN):
        baris = []
        for url in urls[awal:awal + POTONGAN]:
            hasil = bentuk(url)
            baris.append({'url': url, 'kanonik': hasil, 'kunci': _kunci(hasil)})
        bind.execute(tulis, baris)
    cari = f'(SELECT t.{{}} FROM {SEMENTARA} t WHERE t.url = aktivitas.url)'
    setel = [f'url_kunci = {cari.format("kunci")}']
    if kolom_kunci:
        setel.append(f'{kolom_kunci} = {cari.format("kanonik")}')
    bind.execute(sa.text(f'UPDATE aktivitas SET {", ".join(setel)}'))
    op.drop_table(SEMENTARA)


def _hitung_ulang(kolom: str) -> None:
    """Shared links and their counts per satker, month and kategori, compared on ``kolom``."""
    op.execute('DELETE FROM tautan_ganda_bulanan')
    op.execute('DELETE FROM tautan_bersama')
    op.execute(f'INSERT INTO tautan_bersama (periode, url) SELECT a.periode, a.{kolom} {AKTIF} '
               f'GROUP BY a.periode, a.{kolom} HAVING count(DISTINCT a.satker_id) > 1')
    op.execute('INSERT INTO tautan_ganda_bulanan (satker_id, periode, kategori_kode, jumlah) '
               f'SELECT a.satker_id, a.periode, a.kategori_kode, count(*) {AKTIF} '
               f'JOIN tautan_bersama t ON t.periode = a.periode AND t.url = a.{kolom} '
               'GROUP BY a.satker_id, a.periode, a.kategori_kode')


def upgrade() -> None:
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.add_column(sa.Column('url_kanonik', sa.Text(), nullable=True))
    _isi('url_kanonik', kanonik)
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.alter_column('url_kanonik', existing_type=sa.Text(), nullable=False)
    _hitung_ulang('url_kanonik')
    op.create_table('platform_alias',
                    sa.Column('alias', sa.String(length=60), nullable=False),
                    sa.Column('platform', sa.String(length=20), nullable=False),
                    sa.Column('dibuat_pada', sa.DateTime(timezone=True), nullable=False),
                    sa.PrimaryKeyConstraint('alias', name=op.f('pk_platform_alias')))


def downgrade() -> None:
    op.drop_table('platform_alias')
    _isi('', lambda url: url)
    with op.batch_alter_table('aktivitas', schema=None) as batch_op:
        batch_op.drop_column('url_kanonik')
    _hitung_ulang('url')
