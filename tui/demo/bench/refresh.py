"""Refresh and offline listing against newsboat, in the same run, on the same 5,000 items.

A loopback HTTP server (127.0.0.1, a free port) serves an arXiv-shaped RSS body and a Hugging
Face-shaped JSON body, both made from the benchmark's synthetic papers. Each round runs, one
after the other: `newsboat -x reload` of the RSS (its own urls, cache and config files in a
throwaway folder), `python -m tui fetch` of the RSS and of the JSON, each into an empty data
folder (so every run parses and stores all 5,000 papers), then `newsboat -x print-unread`
against `python -m tui list --offline` on what was fetched: first with no listing kept (the full
path, as the first list after a fetch; it keeps one), then again (the kept listing, as any later
list of a day nothing changed in). Every run is checked to have kept
every item (newsboat's cache counted with sqlite, ours from the cache's day counts).
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tui.demo.bench.data import synthetic_papers
from tui.demo.bench.parse import arxiv_rss_body, hf_json_body
from tui.demo.bench.pty import child_env, python_module
from tui.store.cache import PaperCache
from tui.store.locations import DataFiles

NEWSBOAT = "newsboat"
RSS_PATH = "/arxiv/cs.rss"
HF_PATH = "/hf/daily.json"
TIMEOUT_S = 300.0


@dataclass(frozen=True)
class Timed:
    """Seconds of every run of one command."""

    seconds: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def over(self, other: Timed) -> tuple[float, ...]:
        """The paired ratios, run by run: this one over `other`."""
        return tuple(a / b for a, b in zip(self.seconds, other.seconds, strict=True))


@dataclass(frozen=True)
class RefreshFigures:
    """Every timing of one run; `newsboat` is None where it is not installed."""

    items: int
    fetch_rss: Timed
    fetch_hf: Timed
    list_offline: Timed
    list_full: Timed  # the kept listing removed first: what a list after a change costs
    newsboat_reload: Timed | None
    newsboat_print_unread: Timed | None
    bodies: Mapping[str, int] = field(default_factory=dict)


class _Bodies(BaseHTTPRequestHandler):
    bodies: Mapping[str, tuple[bytes, str]] = {}

    def do_GET(self) -> None:
        found = self.bodies.get(self.path.split("?")[0])
        if found is None:
            self.send_error(404)
            return
        body, content_type = found
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@contextmanager
def serving(bodies: Mapping[str, tuple[bytes, str]]) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 serving `bodies` by path; yields its base URL."""
    handler = type("Handler", (_Bodies,), {"bodies": dict(bodies)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _run(argv: Sequence[str], env: Mapping[str, str], cwd: Path) -> float:
    """Seconds for `argv` to finish (its output discarded); it must succeed."""
    start = time.perf_counter()
    done = subprocess.run(
        list(argv), env=dict(env), cwd=cwd, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=TIMEOUT_S, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace")[-300:]
        raise RuntimeError(f"{argv[0]} … {argv[-1]} exited {done.returncode}: {tail}")
    return seconds


class _Round:
    """The commands of one round, each in a folder of its own under `root`."""

    def __init__(self, root: Path, base_url: str, items: int) -> None:
        self.root, self.items = root, items
        self.rss_url, self.hf_url = base_url + RSS_PATH, base_url + HF_PATH
        self.env = child_env({"DAILYPAPERS_CONFIG": str(root / "no-config.toml")})
        self.newsboat_env = {**self.env, "HOME": str(root), "XDG_CONFIG_HOME": str(root)}
        (root / "urls").write_text(self.rss_url + "\n", encoding="utf-8")
        (root / "config").write_text("", encoding="utf-8")

    def _newsboat(self, command: str, cache: Path) -> list[str]:
        files = ["-u", str(self.root / "urls"), "-c", str(cache), "-C", str(self.root / "config")]
        return [NEWSBOAT, *files, "-x", command]

    def newsboat_reload(self, cache: Path) -> float:
        """Reload into an empty cache."""
        seconds = _run(self._newsboat("reload", cache), self.newsboat_env, self.root)
        _check(_newsboat_items(cache), self.items, "newsboat reload")
        return seconds

    def newsboat_unread(self, cache: Path) -> float:
        return _run(self._newsboat("print-unread", cache), self.newsboat_env, self.root)

    def fetch(self, url: str, data_dir: Path) -> float:
        argv = python_module("tui", "fetch", "--data-dir", str(data_dir), "--feed", url)
        seconds = _run(argv, self.env, self.root)
        _check(sum(PaperCache(data_dir / "cache").day_counts().values()), self.items, url)
        return seconds

    def list_offline(self, data_dir: Path, *, kept: bool = True) -> float:
        """`list --offline` of what was fetched; not `kept`: with no kept listing (the full
        path, which keeps one again)."""
        if not kept:
            DataFiles(data_dir).listing_file.unlink(missing_ok=True)
        argv = ["--offline", "--data-dir", str(data_dir), "--feed", self.rss_url]
        return _run(python_module("tui", "list", *argv), self.env, self.root)


def _newsboat_items(cache: Path) -> int:
    with sqlite3.connect(cache) as db:
        (count,) = db.execute("SELECT COUNT(*) FROM rss_item").fetchone()
    return int(count)


def _check(kept: int, wanted: int, what: str) -> None:
    if kept != wanted:
        raise RuntimeError(f"{what}: {kept} of {wanted} items kept")


def run(items: int = 5_000, repeats: int = 5) -> RefreshFigures:
    """`repeats` rounds; newsboat's rows are None when it is not installed."""
    papers = synthetic_papers(items)
    rss, hf = arxiv_rss_body(papers), hf_json_body(papers)
    bodies = {RSS_PATH: (rss, "application/rss+xml"), HF_PATH: (hf, "application/json")}
    has_newsboat = shutil.which(NEWSBOAT) is not None
    keys = ("rss", "hf", "list", "full", "reload", "unread")
    times: dict[str, list[float]] = {k: [] for k in keys}
    with (
        tempfile.TemporaryDirectory(prefix="dailypapers-bench-refresh-") as tmp,
        serving(bodies) as base,
    ):
        one = _Round(Path(tmp), base, items)
        one.fetch(one.rss_url, Path(tmp) / "warm-up")  # bytecode and page cache, untimed
        for n in range(repeats):  # each pair side by side, so a burst of load hits both
            cache, rss_dir = Path(tmp) / f"newsboat-{n}.db", Path(tmp) / f"rss-{n}"
            if has_newsboat:
                times["reload"].append(one.newsboat_reload(cache))
            times["rss"].append(one.fetch(one.rss_url, rss_dir))
            times["hf"].append(one.fetch(one.hf_url, Path(tmp) / f"hf-{n}"))
            if has_newsboat:
                times["unread"].append(one.newsboat_unread(cache))
            # The first list after a fetch takes the full path and keeps the listing; the next
            # (a day listed before, nothing changed since) prints the kept listing.
            times["full"].append(one.list_offline(rss_dir, kept=False))
            times["list"].append(one.list_offline(rss_dir))
    return RefreshFigures(
        items, Timed(tuple(times["rss"])), Timed(tuple(times["hf"])),
        Timed(tuple(times["list"])), Timed(tuple(times["full"])),
        Timed(tuple(times["reload"])) if has_newsboat else None,
        Timed(tuple(times["unread"])) if has_newsboat else None,
        {"rss": len(rss), "hf": len(hf)},
    )  # fmt: skip
