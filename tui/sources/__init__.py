"""Feed transport: bytes in, bytes out over one shared httpx client. Knows no domain type."""
