from cli.main import jalankan  # the command line lives in cli/; `python -m etl` keeps the name users know

jalankan()
