"""dailypapers: a terminal reader for research-paper feeds. Owns only the package version."""

__version__ = "0.1.0"
