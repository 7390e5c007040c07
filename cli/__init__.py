"""The command line (``python -m etl``, README "Perintah baris"): click commands over the
functions of etl/, services/, db/ and exports/, printing in Indonesian.

``etl/__main__.py`` only hands over to :func:`cli.main.main`, so the command keeps the name users
know while the code lives here, above the layers it calls.
"""
