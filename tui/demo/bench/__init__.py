"""The benchmark's pieces: data, the apps it times (and a bare Textual app), the pty driver."""
