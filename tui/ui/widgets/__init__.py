"""Widgets of the reader: render and route messages only."""
