"""Database layer: models, engine and sessions, reference data, read queries, migrations.

Nothing here imports Streamlit; pages and the ETL both call into this package.
"""
