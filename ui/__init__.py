"""Streamlit helpers shared by dashboard.py and pages/: the engine, cached reads, banners.

The only package besides pages/ that imports Streamlit; it calls db/ and analytics/.
"""
