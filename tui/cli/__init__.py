"""The command line: the parser, the composition root (`wiring`), the subcommands and the reader.

The only package that builds real objects (stores, the fetcher, the `Library`, the app).
"""
