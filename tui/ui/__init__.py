"""The Textual user interface: app, screens, widgets, one stylesheet."""
