"""Write the national data set (testdata.nasional) into an empty database.

python -m benchmarks.generate --url URL [--satker 450] [--bulan 36] [--baris 8000000]
                              [--parquet FOLDER] [--benih 20261125]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from db.engine import make_engine
from testdata.nasional import BENIH, generate_national


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="database URL (empty database)")
    parser.add_argument("--satker", type=int, default=450)
    parser.add_argument("--bulan", type=int, default=36)
    parser.add_argument("--baris", type=int, default=8_000_000)
    parser.add_argument("--parquet", type=Path)
    parser.add_argument("--benih", type=int, default=BENIH)
    args = parser.parse_args()
    engine = make_engine(args.url)
    summary = generate_national(engine, args.satker, args.bulan, args.baris, args.benih, args.parquet)
    print(summary)
    print(f"{summary.aktivitas / summary.detik:,.0f} baris/s")


if __name__ == "__main__":
    main()
