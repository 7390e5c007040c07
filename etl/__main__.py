from cli.main import main  # the command line lives in cli/; `python -m etl` keeps the name users know

main()
