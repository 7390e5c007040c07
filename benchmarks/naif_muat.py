"""The naive baseline of benchmarks/ingest_proses.py, run as its own fresh process:

    python benchmarks/naif_muat.py DATABASE_URL FOLDER

what a quick script would do with pandas: every sheet of every workbook with
``read_excel(engine="openpyxl")``, the category sheets appended with ``DataFrame.to_sql``, no
validation. It imports nothing from this project, so it pays only for its own libraries. Prints
the number of rows written.
"""

import sys
from pathlib import Path

import pandas as pd
from sqlalchemy import create_engine

BUKAN_KATEGORI = ("Identitas", "Petunjuk")
TABEL = "aktivitas_naive"


def main() -> None:
    url, folder = sys.argv[1], Path(sys.argv[2])
    engine = create_engine(url)
    rows = 0
    for path in sorted(folder.glob("*.xlsx")):
        sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
        for name, frame in sheets.items():
            if name not in BUKAN_KATEGORI:
                frame.to_sql(TABEL, engine, if_exists="append", index=False)
                rows += len(frame)
    engine.dispose()
    print(rows)


if __name__ == "__main__":
    main()
