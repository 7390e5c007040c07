"""Pure functions over plain values: periods, rankings, scores, number and month labels.

No Streamlit, no SQL, no database sessions: everything here is testable with literals.
"""
