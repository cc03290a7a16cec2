"""Pure domain logic: papers, marks, feed parsing, sanitising, links, citations, arXiv ids.

Imports nothing else of `tui` outside `tui.domain`, and no Textual, httpx, TinyDB, disk or clock.
"""
