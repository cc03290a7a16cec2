"""Serve the loopback Hugging Face API of the tests (`tests/hf_api_server.py`) by hand, to try
the reader as a new user would, with no network.

Usage: python scripts/serve_hf_api.py [PORT]

It prints the API base and the commands to point the reader at it, then serves until
interrupted (every request is logged on stderr: path and query)::

    DAILYPAPERS_HF_API=http://127.0.0.1:PORT \\
        python -m tui --data-dir /tmp/dp --feed http://127.0.0.1:PORT/api/daily_papers
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hf_api_server import HfApi, Reply, Request


class LoggedHfApi(HfApi):
    """The API double, saying each request on stderr as it comes."""

    def handle(self, request: Request) -> Reply:
        query = "&".join(f"{k}={v}" for k, v in request.query.items())
        print(f"{request.path}{'?' + query if query else ''}", file=sys.stderr, flush=True)
        return super().handle(request)


def main(argv: list[str]) -> int:
    port = int(argv[1]) if len(argv) > 1 else 0
    api = LoggedHfApi(port=port)
    print(f"Hugging Face API double at {api.url}", flush=True)
    print(f"  DAILYPAPERS_HF_API={api.url} python -m tui --feed {api.feed_url}", flush=True)
    stop = threading.Event()
    try:
        while not stop.is_set():
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        api.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
