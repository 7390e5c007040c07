"""Exports: data in, file bytes out (PowerPoint deck, XLSX tables, PNG charts).

Pure with respect to the app: no Streamlit and no database sessions; callers pass the data.
"""
