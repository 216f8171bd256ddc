"""Command-line entry points of tt-dialect (installed as the `tt_tools` package)."""
