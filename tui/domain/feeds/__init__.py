"""Feed bodies to papers: detection and guards (`parse`), the Hugging Face JSON, RSS/Atom and OPML
parsers, field cleaning, and the feed list's rules."""
