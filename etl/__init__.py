"""Workbook in → validated records → one transaction.

Nothing here imports Streamlit.
"""
