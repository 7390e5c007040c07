"""What the pages, the command line and the exports show, built from db/ queries and analytics/
rules: rankings, the deck's and the workbook's content, the rows of on-screen tables, the
figures and the view models of the pages.

No Streamlit and no SQLAlchemy: functions take a session (from db) or values and return plain
values, so a page only renders them and the command line only prints them.
"""
