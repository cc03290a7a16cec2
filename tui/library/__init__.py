"""Use-cases the reader and the command line await: views, refresh, paging, citing, Zotero.

Textual-free; expected failures come back as values (one-line notices), never as exceptions.
"""
