"""Data builders shared by the tests and the benchmarks: workbooks made in code, satker and
operator accounts at national scale, and the national data set. Only tests/ and benchmarks/
import this package (an import contract in pyproject.toml); the app never does.
"""
