"""``python -m etl ranking``: the rankings the Peringkat page shows, as text or JSON."""

from __future__ import annotations

import json

import click

from analytics.angka import format_nilai, satuan_dan_desimal
from analytics.kategori import JUARA_UMUM
from analytics.ringkasan import tanda_gerak
from cli.opsi import CONTEXT, OPSI_RENTANG, baca_rentang
from db.pengumpul_sampah import tunda_pengumpulan


@click.command(context_settings=CONTEXT)
@OPSI_RENTANG
@click.option(
    "--kategori",
    required=True,
    help="Kode kategori (mis. tb_news), juara_umum, atau semua (sepuluh kategori dan Juara Umum).",
)
@click.option(
    "--polda",
    default=None,
    help="Nama atau singkatan Polda, atau nasional (semua Polda); bawaan: Polda pertama yang punya satker.",
)
@click.option(
    "--kelompok",
    default=None,
    help="Peringkat di dalam satu kelompok: tipe satker (Polres, Polresta, Polrestabes, Polres Pelabuhan) "
    "atau nama kelompok buatan admin; peringkat penuh disaring lalu diperingkat ulang.",
)
@click.option("--json", "as_json", is_flag=True, help="Cetak JSON: daftar objek rank, satker, value, previous_rank.")
def ranking(periode: str, kategori: str, polda: str | None, kelompok: str | None, as_json: bool) -> None:
    """Peringkat satker untuk satu periode — sama dengan yang ditampilkan halaman Peringkat."""
    rentang = baca_rentang(periode)
    with tunda_pengumpulan():  # what the command works with, imported only now (cli.main)
        from cli.bersama import buka_database, pilih_polda
        from db.queries import list_kategori
        from db.transaksi import sesi_baca
        from services.peringkat import build_kategori_ranking, build_rankings
        from services.target import pilih_kelompok_wajib, saring_kelompok
    engine = buka_database()
    with sesi_baca(engine) as session:
        info = pilih_polda(session, polda)
        labels = {k.kode: k.label for k in list_kategori(session)} | {JUARA_UMUM: "Juara Umum"}
        codes = list(labels) if kategori == "semua" else [kategori]
        if codes[0] not in labels:
            raise click.BadParameter(
                f"kategori '{kategori}' tidak dikenal. Pilihan: {', '.join(labels)}, semua.", param_hint="--kategori"
            )
        try:
            grup = None if kelompok is None else pilih_kelompok_wajib(session, kelompok, rentang.akhir)
        except ValueError as error:  # an unknown group, named with the choices
            raise click.BadParameter(str(error), param_hint="--kelompok") from None
        if kategori == "semua" or grup is not None:  # a group's Juara Umum needs every kategori's ranking
            hasil = build_rankings(session, info.id, rentang)
            if grup is not None:
                hasil = saring_kelompok(hasil, grup.anggota)
            per_kode = {kode: hasil.baris(kode) for kode in codes}
        else:  # one kategori: the same ranking, reading only that kategori
            per_kode = {kategori: build_kategori_ranking(session, info.id, rentang, kategori)}
    if as_json:
        rows = [
            {
                "kategori": kode,
                "rank": r.rank,
                "satker": r.satker,
                "value": r.value,
                "previous_rank": r.previous_rank,
                "flags": list(r.flags),
            }
            for kode in codes
            for r in per_kode[kode]
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    dalam = "" if grup is None else f", kelompok {grup.nama}"
    click.echo(f"{info.nama}{dalam} — {rentang.label} (gerak dibandingkan {rentang.sebelumnya().label})")
    for kode in codes:
        satuan, desimal = satuan_dan_desimal(kode)
        click.echo(f"\n{labels[kode]}")
        rows = per_kode[kode]
        if not rows:
            click.echo("  Belum ada data pada periode ini.")
        for r in rows:
            nilai = format_nilai(r.value, satuan, desimal)
            click.echo(f"  {r.rank:>3}. {r.satker:<34} {nilai:>14}  {tanda_gerak(r)}")
