"""Loopback servers shaped like the Hugging Face papers API and like arXiv, for issue 10's tests.

Load it as a plugin in a test module (or the root conftest)::

    pytest_plugins = ["tests.hf_api_server"]

    def test_whole_day(hf_api: HfApi) -> None:
        url = hf_api.url_for(date="2025-11-18", limit=100)

`hf_api` answers like https://huggingface.co (see shared/reference/feeds.md, "Real responses"):

- ``GET /api/daily_papers``: ``date=YYYY-MM-DD`` gives that day's list (``[]`` for a day with
  none); no ``date`` gives the newest entries across days, newest featured day first;
  ``week=YYYY-Www`` and ``month=YYYY-MM`` give those days, newest first; ``submitter=`` filters
  on ``submittedBy.name``; ``sort=publishedAt`` (default) or ``trending`` (all-time, ignoring
  date/week/month, driven by GitHub stars, as observed live: most stars first, then upvotes).
  Pages: ``limit`` 1..100 (default 50), ``p`` from 0; anything else is HTTP 400 with a JSON
  ``{"error": ...}`` body.
- ``GET /api/papers/{id}``: the flat paper object (no ``numComments``) with ``linked*`` lists and
  ``numTotal*`` counts; 404 when no day holds the id.
- ``GET /api/papers/search?q=&limit=``: entries whose title or abstract holds every word of
  ``q`` (at most 250 characters), ``limit`` 1..120 (default 20: the real default is unknown).

Within a day, entries are served in the order stored in `days` (the fixtures store date=
answers in descending upvotes, as HF does). Every response carries a weak ETag, honoured in
``If-None-Match`` with 304, and ``Content-Type: application/json; charset=utf-8``.

`arxiv_like` serves fixed RSS/Atom bodies per path and records when each request arrived, so a
politeness test can check the gaps (every path shares the one host, 127.0.0.1).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.shape_files import (
    DAY,
    SHAPES,
    Days,
    Entry,
    default_days,
    group_by_day,
    load_shape,
    shape_bytes,
)

WEEK = re.compile(r"^(\d{4})-W(0[1-9]|[1-4][0-9]|5[0-2])$")  # the spec's pattern: no W53
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
PAPER_ID = re.compile(r"^\d{4}\.\d{4,5}$")
RATE_LIMIT = {"RateLimit-Policy": '"fixed window";"api";q=500;w=300'}


# ---- the server core -------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One request as the server saw it. `time` is `time.monotonic()` on arrival."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    time: float


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def json_reply(data: object, status: int = 200) -> Reply:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return Reply(status, body, {"Content-Type": "application/json; charset=utf-8"})


def error(status: int, message: str) -> Reply:
    """HF's error shape: a JSON object with one ``error`` string."""
    return json_reply({"error": message}, status)


@dataclass
class _Failure:
    reply: Reply
    path: str | None
    left: int


class LoopbackServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 (`port` 0: any free one) that records every
    request.

    Attributes a test may set: `delay` (seconds to wait before each answer), `etag` (send a
    weak ETag and answer a matching ``If-None-Match`` with 304), `cache_control` (a
    ``Cache-Control`` value to send), `extra_headers` (sent on every answer)."""

    def __init__(self, port: int = 0) -> None:
        self.log: list[Request] = []
        self.delay = 0.0
        self.etag = True
        self.cache_control: str | None = None
        self.extra_headers: dict[str, str] = {}
        self._failures: list[_Failure] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """The base URL, ``http://127.0.0.1:PORT`` (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[tuple[str, dict[str, str]]]:
        """Every request so far as ``(path, query)``, in arrival order."""
        with self._lock:
            return [(r.path, r.query) for r in self.log]

    def requests_to(self, path: str) -> list[dict[str, str]]:
        """The query of every request to exactly `path`."""
        return [query for p, query in self.requests if p == path]

    def clear_requests(self) -> None:
        with self._lock:
            self.log.clear()

    def fail_next(
        self,
        status: int = 503,
        body: bytes | str = b"",
        *,
        headers: Mapping[str, str] | None = None,
        path: str | None = None,
        count: int = 1,
    ) -> None:
        """Answer the next `count` requests (to `path`, or to any path) with `status`."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        reply = Reply(status, data, dict(headers or {}))
        with self._lock:
            self._failures.append(_Failure(reply, path, count))

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def handle(self, request: Request) -> Reply:  # pragma: no cover - overridden
        raise NotImplementedError

    def _answer(self, request: Request) -> Reply:
        with self._lock:
            self.log.append(request)
            failure = next(
                (f for f in self._failures if f.path in (None, request.path) and f.left > 0),
                None,
            )
            if failure is not None:
                failure.left -= 1
        if self.delay:
            time.sleep(self.delay)
        if failure is not None:
            return failure.reply
        reply = self.handle(request)
        headers = {**reply.headers}
        if self.cache_control is not None:
            headers["Cache-Control"] = self.cache_control
        headers.update(self.extra_headers)
        if self.etag and reply.status == 200:
            tag = 'W/"' + hashlib.sha1(reply.body).hexdigest()[:20] + '"'
            headers["ETag"] = tag
            asked = request.headers.get("if-none-match", "")
            if tag in [t.strip() for t in asked.split(",")] or asked.strip() == "*":
                return Reply(304, b"", {"ETag": tag, **self.extra_headers})
        return Reply(reply.status, reply.body, headers)


def _handler_for(owner: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "loopback"

        def do_GET(self) -> None:
            self._serve(send_body=True)

        def do_HEAD(self) -> None:
            self._serve(send_body=False)

        def _serve(self, *, send_body: bool) -> None:
            parts = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            headers = {k.lower(): v for k, v in self.headers.items()}
            request = Request(self.command, parts.path, query, headers, time.monotonic())
            reply = owner._answer(request)
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.status != 304:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if send_body and reply.status != 304:
                self.wfile.write(reply.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


# ---- Hugging Face ----------------------------------------------------------------------------


def _integer(query: Mapping[str, str], name: str, default: int, low: int, high: int | None) -> int:
    """A bounded integer query parameter; raises `_BadQuery` with zod-like messages."""
    raw = query.get(name)
    if raw is None:
        return default
    if not re.fullmatch(r"-?\d+", raw.strip()):
        raise _BadQuery(f"{name}: Invalid input: expected number, received NaN")
    value = int(raw)
    if value < low:
        raise _BadQuery(f"{name}: Too small: expected number to be >={low}")
    if high is not None and value > high:
        raise _BadQuery(f"{name}: Too big: expected number to be <={high}")
    return value


class _BadQuery(Exception):
    pass


def _paper_id(entry: Entry) -> str | None:
    paper = entry.get("paper")
    pid = paper.get("id") if isinstance(paper, dict) else entry.get("id")
    return pid if isinstance(pid, str) else None


class HfApi(LoopbackServer):
    """The Hugging Face API double. `days` is the archive (day ``YYYY-MM-DD`` -> entries, in
    served order); mutate it freely. `papers` overrides ``/api/papers/{id}`` answers. With
    `today` set, a later ``date=`` is HTTP 400, as live. `link_next` adds
    ``Link: <...&p=N+1>; rel="next"`` to full pages (seen live, once)."""

    def __init__(self, days: Days | None = None, port: int = 0) -> None:
        self.days: Days = default_days() if days is None else days
        self.papers: dict[str, dict[str, Any]] = {}
        self.markdown: dict[str, str] = {}  # /papers/{id}.md overrides
        paper = load_shape("hf_paper_object.json")
        self.papers[paper["id"]] = paper
        self.today: date | None = None
        self.link_next = True
        super().__init__(port)
        self.extra_headers.update(RATE_LIMIT)

    @property
    def feed_url(self) -> str:
        """``http://127.0.0.1:PORT/api/daily_papers``."""
        return self.url + "/api/daily_papers"

    def url_for(self, path: str = "/api/daily_papers", /, **query: object) -> str:
        """A URL on this server; `query` values are sent as given (`None` drops one)."""
        pairs = {k: str(v) for k, v in query.items() if v is not None}
        return self.url + path + ("?" + urlencode(pairs) if pairs else "")

    def set_days(self, days: Mapping[str, list[Entry]]) -> None:
        """Replace the archive."""
        self.days.clear()
        self.days.update(days)

    def serve_shape(self, name: str, default: str | None = None) -> Days:
        """Make a JSON shape fixture the whole archive (grouped with `group_by_day`), so that
        a no-``date`` request answers exactly that file; returns the days."""
        self.set_days(group_by_day(load_shape(name), default))
        return self.days

    def daily_requests(self) -> list[dict[str, str]]:
        """The queries of every ``/api/daily_papers`` request, in order."""
        return self.requests_to("/api/daily_papers")

    def pages_asked(self, day: str | None = None) -> list[int]:
        """The ``p`` of each ``/api/daily_papers`` request for ``date=day`` (0 when absent)."""
        return [int(q.get("p", "0")) for q in self.daily_requests() if q.get("date") == day]

    def all_entries(self) -> list[Entry]:
        """Every entry, newest day first, each day in stored order."""
        return [e for day in sorted(self.days, reverse=True) for e in self.days[day]]

    def handle(self, request: Request) -> Reply:
        path = request.path.rstrip("/") or "/"
        if request.method not in ("GET", "HEAD"):
            return error(405, "Method not allowed")
        try:
            if path == "/api/daily_papers":
                return self._daily(request)
            if path == "/api/papers/search":
                return self._search(request.query)
            if path.startswith("/api/papers/"):
                return self._paper(path.removeprefix("/api/papers/"))
            if path.startswith("/papers/") and path.endswith(".md"):
                return self._markdown(path.removeprefix("/papers/").removesuffix(".md"))
        except _BadQuery as exc:
            return error(400, str(exc))
        return error(404, "Sorry, we can't find the page you are looking for.")

    def _daily(self, request: Request) -> Reply:
        query = request.query
        limit = _integer(query, "limit", 50, 1, 100)
        page = _integer(query, "p", 0, 0, None)
        sort = query.get("sort", "publishedAt")
        if sort not in ("publishedAt", "trending"):
            raise _BadQuery('sort: Invalid option: expected one of "publishedAt"|"trending"')
        if sort == "trending":
            pool = sorted(self.all_entries(), key=_trending, reverse=True)
        elif "date" in query:
            pool = list(self.days.get(self._date(query["date"]), []))
        elif "week" in query:
            pool = self._span(_week_days(query["week"]))
        elif "month" in query:
            pool = self._span(_month_days(query["month"]))
        else:
            pool = self.all_entries()
        submitter = query.get("submitter")
        if submitter is not None:
            pool = [e for e in pool if (e.get("submittedBy") or {}).get("name") == submitter]
        chunk = pool[page * limit : (page + 1) * limit]
        reply = json_reply(chunk)
        if self.link_next and len(chunk) == limit:
            next_url = self.url_for(**{**query, "p": page + 1})
            reply.headers["Link"] = f'<{next_url}>; rel="next"'
        return reply

    def _date(self, raw: str) -> str:
        try:
            day = date.fromisoformat(raw) if DAY.match(raw) else None
        except ValueError:
            day = None
        if day is None:
            raise _BadQuery("date: Invalid ISO date")
        if self.today is not None and day > self.today:
            raise _BadQuery("date: Date must be in the past")
        return raw

    def _span(self, wanted: list[date]) -> list[Entry]:
        keys = {d.isoformat() for d in wanted}
        return [e for day in sorted(self.days, reverse=True) if day in keys for e in self.days[day]]

    def _paper(self, pid: str) -> Reply:
        if not PAPER_ID.match(pid):
            return error(400, f"Invalid arXiv paper identifier: {pid}")
        if pid in self.papers:
            return json_reply(self.papers[pid])
        for entry in self.all_entries():
            if _paper_id(entry) == pid and isinstance(entry.get("paper"), dict):
                flat = dict(entry["paper"])
                for kind in ("Models", "Datasets", "Spaces"):
                    flat[f"linked{kind}"] = []
                    flat[f"numTotal{kind}"] = 0
                return json_reply(flat)
        return error(404, "Paper not found")

    def _markdown(self, pid: str) -> Reply:
        """``/papers/{id}.md``: the page as Markdown (`markdown` overrides; else made from the
        entry: title, abstract and two sections)."""
        text = self.markdown.get(pid)
        if text is None:
            entry = next((e for e in self.all_entries() if _paper_id(e) == pid), None)
            if entry is None:
                return error(404, "Paper not found")
            paper = entry.get("paper") if isinstance(entry.get("paper"), dict) else entry
            text = (
                f"# {paper.get('title', '')}\n\n## Abstract\n\n{paper.get('summary', '')}\n\n"
                "## Method\n\nWe bound $\\alpha \\leq \\beta$.\n\n"
                "```\n# not a heading\n```\n\n## Results\n\nIt works.\n"
            )
        return Reply(200, text.encode("utf-8"), {"Content-Type": "text/markdown; charset=utf-8"})

    def _search(self, query: Mapping[str, str]) -> Reply:
        text = query.get("q")
        if not text:
            raise _BadQuery("q: Invalid input: expected string, received undefined")
        if len(text) > 250:
            raise _BadQuery("q: Too big: expected string to have <=250 characters")
        limit = _integer(query, "limit", 20, 1, 120)
        words = text.lower().split()
        found: dict[str, Entry] = {}
        for entry in self.all_entries():
            inner = entry.get("paper")
            paper: Entry = inner if isinstance(inner, dict) else entry
            blob = f"{paper.get('title', '')} {paper.get('summary', '')}".lower()
            pid = _paper_id(entry)
            if pid and pid not in found and all(w in blob for w in words):
                found[pid] = entry
        ranked = sorted(found.values(), key=_upvotes, reverse=True)
        return json_reply(ranked[:limit])


def _upvotes(entry: Entry) -> int:
    paper = entry.get("paper")
    value = paper.get("upvotes") if isinstance(paper, dict) else None
    return value if isinstance(value, int) else 0


def _trending(entry: Entry) -> tuple[int, int]:
    paper = entry.get("paper")
    stars = paper.get("githubStars") if isinstance(paper, dict) else None
    return (stars if isinstance(stars, int) else 0, _upvotes(entry))


def _week_days(raw: str) -> list[date]:
    match = WEEK.match(raw)
    if not match:
        raise _BadQuery(
            "week: Invalid string: must match pattern /^\\d{4}-W(0[1-9]|[1-4][0-9]|5[0-2])$/"
        )
    monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    return [monday + timedelta(days=k) for k in range(7)]


def _month_days(raw: str) -> list[date]:
    match = MONTH.match(raw)
    if not match:
        raise _BadQuery("month: Invalid string: must match pattern /^\\d{4}-(0[1-9]|1[0-2])$/")
    first = date(int(match[1]), int(match[2]), 1)
    return [
        first + timedelta(days=k)
        for k in range(31)
        if (first + timedelta(days=k)).month == first.month
    ]


# ---- arXiv-like feeds ------------------------------------------------------------------------

CONTENT_TYPES = {
    ".rss": "application/rss+xml; charset=utf-8",
    ".rdf": "application/rdf+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".jsonfeed": "application/feed+json; charset=utf-8",
    ".json": "application/json; charset=utf-8",
}

EMPTY_API_FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <title type="html">ArXiv Query: </title>
  <id>http://arxiv.org/api/empty</id>
  <updated>2025-11-18T00:00:00-05:00</updated>
  <opensearch:totalResults>0</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
  <opensearch:itemsPerPage>0</opensearch:itemsPerPage>
</feed>
"""


class ArxivLike(LoopbackServer):
    """Fixed bodies per path. Preloaded: every file of tests/fixtures/shapes at
    ``/shapes/<name>``, ``/rss/cs.LG`` (arxiv_rss_2024.rss), ``/rss/cs.CL``
    (arxiv_rss_weekend.rss) and ``/api/query`` (arxiv_api_100.atom). Unknown paths get 404.

    With `min_interval` set, a request arriving sooner than that after the previous one (to
    any path: one host) gets `too_soon` instead (an empty Atom feed, HTTP 200, as the arXiv
    API was seen to answer)."""

    def __init__(self) -> None:
        self.bodies: dict[str, Reply] = {}
        self.min_interval: float | None = None
        self.too_soon = Reply(200, EMPTY_API_FEED, {"Content-Type": CONTENT_TYPES[".atom"]})
        for file in sorted(SHAPES.iterdir()):
            if file.suffix in CONTENT_TYPES:
                self.add_shape(f"/shapes/{file.name}", file.name)
        self.add_shape("/rss/cs.LG", "arxiv_rss_2024.rss")
        self.add_shape("/rss/cs.CL", "arxiv_rss_weekend.rss")
        self.add_shape("/api/query", "arxiv_api_100.atom")
        super().__init__()

    def add(
        self,
        path: str,
        body: bytes | str,
        *,
        content_type: str = CONTENT_TYPES[".rss"],
        status: int = 200,
        headers: Mapping[str, str] | None = None,
    ) -> str:
        """Serve `body` at `path`; returns the full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.bodies[path] = Reply(status, data, {"Content-Type": content_type, **(headers or {})})
        return self.url_of(path) if hasattr(self, "_httpd") else path

    def add_shape(self, path: str, name: str, *, status: int = 200) -> str:
        """Serve the shapes fixture `name` at `path` with the content type its suffix implies."""
        suffix = Path(name).suffix
        return self.add(path, shape_bytes(name), content_type=CONTENT_TYPES[suffix], status=status)

    def url_of(self, path: str) -> str:
        return self.url + path

    def times(self, path: str) -> list[float]:
        """Arrival times (`time.monotonic()`) of the requests to `path`."""
        with self._lock:
            return [r.time for r in self.log if r.path == path]

    def host_times(self) -> list[float]:
        """Arrival times of every request (all paths share one host)."""
        with self._lock:
            return [r.time for r in self.log]

    def gaps(self, path: str | None = None) -> list[float]:
        """Seconds between consecutive requests to `path` (or to the host, if `None`)."""
        stamps = self.host_times() if path is None else self.times(path)
        return [b - a for a, b in itertools.pairwise(stamps)]

    def handle(self, request: Request) -> Reply:
        if self.min_interval is not None:
            with self._lock:
                before = [r.time for r in self.log if r is not request]
            if before and request.time - before[-1] < self.min_interval:
                return self.too_soon
        return self.bodies.get(request.path) or Reply(
            404, b"Not Found", {"Content-Type": "text/plain; charset=utf-8"}
        )


# ---- fixtures --------------------------------------------------------------------------------


def _serving(make: Callable[[], LoopbackServer]) -> Iterator[Any]:
    server = make()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def hf_api() -> Iterator[HfApi]:
    """A Hugging Face API double on 127.0.0.1 holding `default_days()`; see `HfApi`."""
    yield from _serving(HfApi)


@pytest.fixture
def arxiv_like() -> Iterator[ArxivLike]:
    """An arXiv-like RSS/Atom server on 127.0.0.1 that records request times; see `ArxivLike`."""
    yield from _serving(ArxivLike)
