"""Hostile servers against the whole `fetch` command, in a child process whose memory is measured.

Each server first answers well (so there is a cache), then turns hostile: a 60 MB body, a gzip
bomb, a billion-laughs RSS, a slow-loris body and a redirect loop. `fetch` must end within the
deadline with one line on stderr, peak memory under 300 MB, and the cache must still be there.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.e2e.processes import HF_FIXTURE, REPO, app_command, app_env, run_cli

DAY = "2024-05-13"
FETCH_DEADLINE = 4.0  # set through DAILYPAPERS_FETCH_TIMEOUT for the slow-loris case
PEAK_LIMIT_MB = 300
MB = 1024 * 1024


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


# Runs the command it is given and prints the child's own peak RSS (kB) as the last line of
# stderr. The extra process matters: Linux carries a parent's peak RSS over fork and exec into
# ru_maxrss, so a child of the (large) pytest process would report pytest's peak, not its own.
LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(child.pid, 0)
print(f"peak-rss-kb {usage.ru_maxrss}", file=sys.stderr)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(args: list[str], tmp_path: Path, timeout: float) -> Finished:
    """Run `python -m tui ARGS`; its exit code, output, wall time and own peak RSS."""
    command = [sys.executable, "-c", LAUNCHER, *app_command(*args)]
    started = time.monotonic()
    try:
        done = subprocess.run(
            command, cwd=REPO, env=app_env(), capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"fetch still running after {timeout:.0f} s")
    seconds = time.monotonic() - started
    *lines, peak = done.stderr.decode("utf-8", "replace").splitlines()
    assert peak.startswith("peak-rss-kb "), done.stderr
    return Finished(
        returncode=done.returncode,
        stdout=done.stdout.decode("utf-8", "replace"),
        stderr="".join(f"{line}\n" for line in lines),
        seconds=seconds,
        peak_mb=int(peak.split()[1]) / 1024,
    )


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """A threaded server per test: a slow-loris answer must not hold up the next test."""
    httpd = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpd.start()
    yield httpd
    httpd.clear()
    httpd.stop()


Answer = Callable[[Request], Response]


def good_then(hostile: Answer) -> Answer:
    """The fixture on the first request, `hostile` on every later one."""
    calls = 0

    def answer(request: Request) -> Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            return Response(HF_FIXTURE.read_bytes(), content_type="application/json")
        return hostile(request)

    return answer


def cached(data: Path, url: str) -> list[str]:
    result = run_cli(
        "--data-dir", str(data), "--feed", url, "--offline", "--date", DAY, "list", "--json"
    )
    assert result.returncode == 0, result.stderr
    papers: list[dict[str, Any]] = json.loads(result.stdout)
    return sorted(p["id"] for p in papers)


def big_body(_request: Request) -> Response:
    chunk = b" " * MB

    def body() -> Iterator[bytes]:
        yield b'[{"paper": {"id": "2405.99999", "title": "'
        for _ in range(60):
            yield chunk
        yield b'"}}]'

    return Response(body(), content_type="application/json")


def big_declared_body(_request: Request) -> Response:
    """60 MB announced in Content-Length (the body is never sent in full)."""
    chunk = b" " * MB
    body = (chunk for _ in range(60))
    headers = {"Content-Length": str(60 * MB)}
    return Response(body, content_type="application/json", headers=headers)


def make_gzip_bomb(decoded_mb: int) -> bytes:
    """A gzip stream of `decoded_mb` MB of spaces (about 1000:1), built a megabyte at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b" " * MB
    parts = [packer.compress(b"[")]
    parts += [packer.compress(chunk) for _ in range(decoded_mb)]
    parts += [packer.compress(b"]"), packer.flush()]
    return b"".join(parts)


GZIP_BOMB = make_gzip_bomb(100)


def gzip_bomb(_request: Request) -> Response:
    headers = {"Content-Encoding": "gzip"}
    return Response(GZIP_BOMB, content_type="application/json", headers=headers)


LAUGHS = "\n".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n'
    + LAUGHS
    + '\n]>\n<rss version="2.0"><channel><title>&lol9;</title>'
    "<item><title>&lol9;</title><link>https://example.org/1</link></item></channel></rss>"
).encode()


def billion_laughs(_request: Request) -> Response:
    return Response(BILLION_LAUGHS, content_type="application/rss+xml")


def slow_loris(_request: Request) -> Response:
    def body() -> Iterator[bytes]:
        for _ in range(3600):
            yield b" "
            time.sleep(1)

    return Response(body(), content_type="application/json")


def redirect_loop(request: Request) -> Response:
    target = "/feed-b" if request.path == "/feed" else "/feed"
    return Response(b"", status=302, headers={"Location": target})


@dataclass(frozen=True)
class Case:
    answer: Answer
    says: str
    budget: float  # seconds the whole fetch may take


CASES = {
    "60MB-streamed": Case(big_body, "too large", 15),
    "60MB-declared": Case(big_declared_body, "too large", 15),
    "gzip-bomb": Case(gzip_bomb, "too large", 15),
    "billion-laughs": Case(billion_laughs, "entities", 15),
    "redirect-loop": Case(redirect_loop, "redirect", 15),
    "slow-loris": Case(slow_loris, "timed out", FETCH_DEADLINE + 10),
}


def check_hostile(server: HTTPServer, tmp_path: Path, case: Case) -> None:
    answer = good_then(case.answer)
    server.expect_request("/feed").respond_with_handler(answer)
    server.expect_request("/feed-b").respond_with_handler(answer)
    url = server.url_for("/feed")
    data = tmp_path / "data"
    first = run_measured(
        ["--data-dir", str(data), "--feed", url, "--date", DAY, "fetch"], tmp_path, 60
    )
    assert first.returncode == 0, first.stderr
    before = cached(data, url)
    assert len(before) >= 5

    hostile = run_measured(
        ["--data-dir", str(data), "--feed", url, "--date", DAY, "fetch"], tmp_path, case.budget + 20
    )
    assert hostile.returncode == 1, hostile
    assert hostile.seconds < case.budget, f"took {hostile.seconds:.1f} s"
    lines = hostile.stderr.splitlines()
    assert len(lines) == 1, hostile.stderr
    assert case.says in lines[0].lower()
    assert hostile.stdout == ""
    print(f"{case.says}: {hostile.seconds:.1f} s, peak {hostile.peak_mb:.0f} MB")
    assert hostile.peak_mb < PEAK_LIMIT_MB, f"peak {hostile.peak_mb:.0f} MB"
    assert cached(data, url) == before


@pytest.mark.parametrize("name", [n for n in CASES if n != "slow-loris"])
def test_a_hostile_server_is_cut_off_and_the_cache_kept(
    server: HTTPServer, tmp_path: Path, name: str
) -> None:
    check_hostile(server, tmp_path, CASES[name])


def test_a_slow_loris_body_ends_at_the_total_deadline(
    server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1 byte a second never trips a per-read timeout; only the overall deadline ends it."""
    monkeypatch.setenv("DAILYPAPERS_FETCH_TIMEOUT", str(FETCH_DEADLINE))
    check_hostile(server, tmp_path, CASES["slow-loris"])


def test_the_memory_probe_sees_a_big_child(tmp_path: Path) -> None:
    """The control for the peak-memory checks above: a 200 MB child is measured as such."""
    command = [sys.executable, "-c", LAUNCHER, sys.executable, "-c", "x = bytearray(200 << 20)"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=True)
    peak_mb = int(done.stderr.split()[-1]) / 1024
    assert 200 <= peak_mb < PEAK_LIMIT_MB
