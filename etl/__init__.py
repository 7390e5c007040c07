"""Workbook in → validated records → one transaction. Also the command line (``python -m etl``).

Nothing here imports Streamlit.
"""
