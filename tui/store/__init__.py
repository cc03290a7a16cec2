"""Every file the app writes: marks, paper cache, feed state; atomic, locked, partitioned."""
