"""Parsing a feed body in a child process that can be stopped: its own deadline, its own memory.

XML parsing of a hostile body can take minutes (100,000 attributes on one item, megabytes of
unclosed nested tags: feedparser is quadratic there) and a thread cannot be stopped, so XML
bodies past a small size and every big body are parsed in a child: `python -m
tui.library.parse_worker` reads one pickled request on stdin and writes one pickled answer on
stdout. The parent kills it at the deadline. The child is a plain subprocess (not
multiprocessing: its resource tracker cannot start inside the running reader, whose stderr has
no file descriptor); its stderr goes nowhere, so nothing it prints is drawn over the reader.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import sys
from dataclasses import dataclass
from datetime import date

from tui.domain.feeds.parse import detect_kind, parse_feed
from tui.domain.feeds.result import ParsedFeed, ParseError
from tui.domain.feeds.spec import FeedKind

PARSE_DEADLINE_S = 20.0
DEADLINE_ENV = "DAILYPAPERS_PARSE_TIMEOUT"  # seconds, for tests and slow machines
# JSON is parsed in linear time; XML is not, so even a modest XML body gets its own process.
PROCESS_XML_BYTES = 16 * 1024
PROCESS_ANY_BYTES = 1_000_000
_MEMORY_LIMIT = 2 * 1024 * 1024 * 1024


@dataclass(frozen=True)
class ParseJob:
    """What `parse_feed` needs, as plain values that can cross to the child."""

    body: bytes
    feed_name: str
    content_type: str | None
    kind: FeedKind
    default_day: date | None
    first_seen: date | None = None
    one_list: bool = True  # False: a trending list (see `parse_feed`)

    def run(self, *, fast_only: bool = False) -> ParsedFeed:
        return parse_feed(
            self.body,
            feed_name=self.feed_name,
            content_type=self.content_type,
            kind=self.kind,
            default_day=self.default_day,
            first_seen=self.first_seen,
            one_list=self.one_list,
            fast_only=fast_only,
        )

    def run_fast(self) -> ParsedFeed | None:
        """`run` where that needs no feedparser, else None. The fast path (ElementTree, no
        DTD or entity) reads in linear time, so a thread is safe for it."""
        from tui.domain.feeds.syndication import NeedsFeedparser

        try:
            return self.run(fast_only=True)
        except NeedsFeedparser:
            return None


async def parse_off_loop(job: ParseJob) -> ParsedFeed:
    """`job.run()` off the event loop: in a thread when that is safe (small bodies, and XML
    the fast path can read), else in a child with its own deadline, which can be stopped."""
    if not needs_own_process(job):
        return await asyncio.to_thread(job.run)
    if _kind_of(job) is not FeedKind.HF_JSON:
        parsed = await asyncio.to_thread(job.run_fast)
        if parsed is not None:
            return parsed
    return await parse_in_process(job)


def _kind_of(job: ParseJob) -> FeedKind:
    return job.kind if job.kind is not FeedKind.AUTO else detect_kind(job.body, job.content_type)


def needs_own_process(job: ParseJob) -> bool:
    """Whether `job` is parsed in a child rather than in a thread of this process."""
    size = len(job.body)
    if size >= PROCESS_ANY_BYTES:
        return True
    if size < PROCESS_XML_BYTES:
        return False
    return _kind_of(job) is not FeedKind.HF_JSON


def parse_deadline() -> float:
    """The parse deadline: `DAILYPAPERS_PARSE_TIMEOUT` (1-300 s) or `PARSE_DEADLINE_S`."""
    try:
        seconds = float(os.environ.get(DEADLINE_ENV, PARSE_DEADLINE_S))
    except ValueError:
        return PARSE_DEADLINE_S
    return min(max(seconds, 1.0), 300.0) if seconds == seconds else PARSE_DEADLINE_S


async def parse_in_process(job: ParseJob, *, deadline: float | None = None) -> ParsedFeed:
    """`job.run()` in a child process; `ParseError` when it fails or outlives the deadline."""
    deadline = parse_deadline() if deadline is None else deadline
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tui.library.parse_worker",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=_child_env(),
    )
    try:
        async with asyncio.timeout(deadline):
            answer, _ = await child.communicate(pickle.dumps(job))
    except TimeoutError:
        raise ParseError(f"feed took longer than {deadline:g} s to parse; skipped") from None
    finally:
        if child.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                child.kill()
            await child.wait()
    return _answer_of(answer, child.returncode)


def _answer_of(answer: bytes, returncode: int | None) -> ParsedFeed:
    try:
        status, value = pickle.loads(answer)
    except Exception:  # a child killed by a limit, or one that could not start
        raise ParseError(f"the feed parser stopped (exit {returncode})") from None
    if status == "ok" and isinstance(value, ParsedFeed):
        return value
    raise ParseError(str(value))


def _child_env() -> dict[str, str]:
    """This environment, with this process's import path (the package may not be installed)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
    return env


def _limit_memory() -> None:
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_LIMIT, _MEMORY_LIMIT))


def main() -> int:
    """The child: one request on stdin, one answer on stdout."""
    _limit_memory()
    job = pickle.loads(sys.stdin.buffer.read())
    try:
        answer: tuple[str, object] = ("ok", job.run())
    except ParseError as error:
        answer = ("error", str(error))
    except MemoryError:
        answer = ("error", "feed too big to parse; skipped")
    sys.stdout.buffer.write(pickle.dumps(answer))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
