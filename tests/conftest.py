"""Fixtures for every test: UTC local time, no proxy from the environment, a local server."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

# Loopback servers shaped like the Hugging Face API and arXiv (`hf_api`, `arxiv_like`).
pytest_plugins = ["tests.hf_api_server"]

# Local times ("offline since 10:42") must not depend on the machine's time zone.
os.environ["TZ"] = "UTC"
time.tzset()


@pytest.fixture(autouse=True)
def _no_proxy_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's proxy settings must not route 127.0.0.1 requests elsewhere."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture(scope="module")
def _module_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(_module_server: HTTPServer) -> Iterator[HTTPServer]:
    """A threaded HTTP/1.1 server on 127.0.0.1, cleared for each test."""
    _module_server.clear()
    yield _module_server
    _module_server.clear()
