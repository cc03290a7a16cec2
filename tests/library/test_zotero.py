"""Zotero from a shell: the connector first, else the Web API; a paper is never sent twice.

The loopback servers answer as the sources say Zotero does:
- zotero/zotero ``chrome/content/zotero/xpcom/server/server_connector.js``: ``/connector/ping``
  GET -> 200 ``text/html`` "Zotero is running"; ``/connector/import`` (POST, any body type,
  session from the ``session`` query parameter) -> 201 JSON array of the imported items, 400 when
  no import translator reads the body, 409 ``{"error": "SESSION_EXISTS"}`` for a used session,
  500 ``{"libraryEditable": false}`` for a read-only library.
- zotero.org/support/dev/web_api/v3/write_requests: ``POST <userPrefix>/items`` with
  ``Zotero-Write-Token`` (32 random characters) -> 200 with ``successful``/``success``/
  ``unchanged``/``failed`` keyed by index; 412 when the write token was used; 403 without write
  access. Child items after their parent, with locally made keys. ``Zotero-API-Key`` header
  (zotero.org/support/dev/web_api/v3/basics); ``GET /keys/current`` describes the key.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tui.domain.paper import Paper
from tui.library.zotero import Zotero, ZoteroConfig, tunnel_hint
from tui.sources.api_client import ApiClient
from tui.store.zotero_sent import ZoteroSentStore

PAPER = Paper(
    id="2405.09818",
    title="Chameleon: Mixed-Modal Early-Fusion Foundation Models",
    authors=("Adrian Del Maestro", "Chameleon Team"),
)
REFUSED = "http://127.0.0.1:9"  # discard port: nothing listens


def _zotero(tmp_path: Path, connector: str, api: str = REFUSED, key: str = "") -> Zotero:
    config = ZoteroConfig(connector=connector, api=api, api_key=key, user_id="12345")
    return Zotero(config, ZoteroSentStore(tmp_path / "zotero.json"), ApiClient(deadline=5))


def _run(zotero: Zotero, papers: list[Paper]) -> list[str]:
    async def go() -> list[str]:
        try:
            return await zotero.send(papers)
        finally:
            await zotero.client.aclose()

    return asyncio.run(go())


def _ping(server: HTTPServer) -> None:
    body = "<!DOCTYPE html><html><body>Zotero is running</body></html>"
    server.expect_request("/connector/ping", method="GET").respond_with_data(
        body, content_type="text/html"
    )


def test_connector_import_takes_ris_with_the_pdf_and_sends_once(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    _ping(httpserver)
    seen: list[Request] = []

    def imported(request: Request) -> Response:
        seen.append(request)
        items = [{"id": "x", "itemType": "preprint", "title": PAPER.title}]
        return Response(json.dumps(items), status=201, content_type="application/json")

    httpserver.expect_request("/connector/import", method="POST").respond_with_handler(imported)
    zotero = _zotero(tmp_path, httpserver.url_for("").rstrip("/"))
    assert _run(zotero, [PAPER]) == ["2405.09818: sent to Zotero (connector)"]
    body = seen[0].get_data(as_text=True)
    assert "TY  - GEN" in body and "L1  - https://arxiv.org/pdf/2405.09818" in body
    assert "AU  - Del Maestro, Adrian" in body
    assert seen[0].headers["X-Zotero-Connector-API-Version"] == "3"
    assert re.fullmatch(r"[0-9a-f]{32}", seen[0].args["session"])
    again = _zotero(tmp_path, httpserver.url_for("").rstrip("/"))
    assert _run(again, [PAPER]) == ["2405.09818: already in Zotero (sent by connector)"]
    assert len(seen) == 1


def test_connector_session_exists_means_the_attempt_landed(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    _ping(httpserver)
    httpserver.expect_request("/connector/import").respond_with_json(
        {"error": "SESSION_EXISTS"}, status=409
    )
    zotero = _zotero(tmp_path, httpserver.url_for("").rstrip("/"))
    assert _run(zotero, [PAPER]) == ["2405.09818: sent to Zotero (connector)"]


def test_read_only_library_is_one_clear_line(httpserver: HTTPServer, tmp_path: Path) -> None:
    _ping(httpserver)
    httpserver.expect_request("/connector/import").respond_with_json(
        {"libraryEditable": False}, status=500
    )
    lines = _run(_zotero(tmp_path, httpserver.url_for("").rstrip("/")), [PAPER])
    assert lines == ["2405.09818: not sent: the library selected in Zotero is read-only"]


def test_no_connector_and_no_key_says_how(tmp_path: Path) -> None:
    (line,) = _run(_zotero(tmp_path, REFUSED), [PAPER])
    # The tunnel's far end is the port this machine is told to use (REFUSED's 9).
    assert "ssh -R 9:127.0.0.1:23119" in line and "ZOTERO_API_KEY" in line
    assert tunnel_hint("http://127.0.0.1:23119") == "ssh -R 23119:127.0.0.1:23119"
    assert tunnel_hint("http://127.0.0.1:23120") == "ssh -R 23120:127.0.0.1:23119"
    assert tunnel_hint("http://[::1") == "ssh -R 23119:127.0.0.1:23119"


def test_web_api_gets_the_item_and_pdf_with_a_write_token(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    seen: list[Request] = []

    def created(request: Request) -> Response:
        seen.append(request)
        body = {"successful": {"0": {}}, "success": {"0": "ABCD2345"}, "unchanged": {}}
        return Response(json.dumps(body | {"failed": {}}), content_type="application/json")

    httpserver.expect_request("/users/12345/items", method="POST").respond_with_handler(created)
    zotero = _zotero(tmp_path, REFUSED, httpserver.url_for("").rstrip("/"), key="sekrit")
    assert _run(zotero, [PAPER]) == ["2405.09818: sent to Zotero (web API)"]
    request = seen[0]
    assert request.headers["Zotero-API-Key"] == "sekrit"
    assert re.fullmatch(r"[0-9a-f]{32}", request.headers["Zotero-Write-Token"])
    parent, pdf = json.loads(request.get_data())
    assert parent["itemType"] == "preprint" and parent["archiveID"] == "arXiv:2405.09818"
    assert parent["creators"][0] == {
        "creatorType": "author",
        "firstName": "Adrian",
        "lastName": "Del Maestro",
    }
    assert pdf["parentItem"] == parent["key"] and pdf["linkMode"] == "linked_url"
    assert re.fullmatch(r"[23456789ABCDEFGHIJKLMNPQRSTUVWXYZ]{8}", parent["key"])


def test_a_failed_send_retries_with_the_same_token_and_412_counts_as_sent(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    tokens: list[str] = []

    def forbidden(request: Request) -> Response:
        tokens.append(request.headers["Zotero-Write-Token"])
        return Response("Write access denied", status=403)

    def used(request: Request) -> Response:
        tokens.append(request.headers["Zotero-Write-Token"])
        return Response("Write token already used", status=412)

    api = httpserver.url_for("").rstrip("/")
    httpserver.expect_ordered_request("/users/12345/items").respond_with_handler(forbidden)
    httpserver.expect_ordered_request("/users/12345/items").respond_with_handler(used)
    first = _run(_zotero(tmp_path, REFUSED, api, key="k"), [PAPER])
    assert first == ["2405.09818: not sent: the API key cannot write to this library"]
    second = _run(_zotero(tmp_path, REFUSED, api, key="k"), [PAPER])
    assert second == ["2405.09818: sent to Zotero (web API)"]
    assert tokens[0] == tokens[1]


def test_check_names_the_working_route(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/keys/current").respond_with_json(
        {"key": "k", "userID": 12345, "access": {"user": {"library": True, "write": True}}}
    )
    zotero = _zotero(tmp_path, REFUSED, httpserver.url_for("").rstrip("/"), key="k")

    async def go() -> list[str]:
        try:
            return await zotero.check()
        finally:
            await zotero.client.aclose()

    lines = asyncio.run(go())
    assert lines[0].startswith("connector: no Zotero at http://127.0.0.1:9")
    assert lines[1].startswith("web API: works for user 12345")


def test_again_sends_a_sent_paper_once_more_as_a_new_attempt(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    _ping(httpserver)
    sessions: list[str] = []

    def imported(request: Request) -> Response:
        sessions.append(request.args["session"])
        return Response("[]", status=201, content_type="application/json")

    httpserver.expect_request("/connector/import", method="POST").respond_with_handler(imported)
    url = httpserver.url_for("").rstrip("/")
    assert _run(_zotero(tmp_path, url), [PAPER]) == ["2405.09818: sent to Zotero (connector)"]
    zotero = _zotero(tmp_path, url)

    async def again() -> list[str]:
        try:
            return await zotero.send([PAPER], again=True)
        finally:
            await zotero.client.aclose()

    assert asyncio.run(again()) == ["2405.09818: sent to Zotero (connector)"]
    assert len(sessions) == 2 and sessions[0] != sessions[1], "a new session: not a repeat"
    marks = zotero.sent_marks()
    assert list(marks) == ["2405.09818"] and marks["2405.09818"].route == "connector"
    assert marks["2405.09818"].describe().startswith("in Zotero (sent ")


@pytest.mark.parametrize(
    ("status", "body", "headers", "said"),
    [
        (409, "Library locked", {}, "the library is locked"),
        (429, "", {"Retry-After": "30"}, "Zotero asks to wait 30 s"),
        (503, "", {"Retry-After": "\x1b[2J5"}, "Zotero asks to wait 5 s"),
        (413, "Request Entity Too Large", {}, "the Web API answered 413 Request Entity Too Large"),
        (400, "Invalid key sekrit-key-1 \x1b]52;c;x\x07", {}, "answered 400 Invalid key [API key]"),
        (
            200,
            '{"successful": {}, "success": {}, "unchanged": {}, "failed": '
            '{"0": {"key": "X", "code": 400, "message": "\'foo\' is not a valid field"}}}',
            {},
            "Zotero refused the item: 'foo' is not a valid field",
        ),
        (200, "not json", {}, "the Web API answered something that is not JSON"),
    ],
)
def test_every_web_api_refusal_is_one_clean_line_and_the_retry_reuses_the_token(
    httpserver: HTTPServer,
    tmp_path: Path,
    status: int,
    body: str,
    headers: dict[str, str],
    said: str,
) -> None:
    """Statuses from zotero.org/support/dev/web_api/v3/write_requests and basics (409 locked,
    413, 429/503 with Retry-After, 200 with the item under ``failed``)."""
    tokens: list[str] = []

    def refuse(request: Request) -> Response:
        tokens.append(request.headers["Zotero-Write-Token"])
        return Response(body, status=status, headers=headers)

    httpserver.expect_request("/users/12345/items").respond_with_handler(refuse)
    api = httpserver.url_for("").rstrip("/")
    for _ in range(2):
        (line,) = _run(_zotero(tmp_path, REFUSED, api, key="sekrit-key-1"), [PAPER])
        assert line.startswith("2405.09818: not sent: ") and said in line, line
        assert "\x1b" not in line and "\x07" not in line and "sekrit-key-1" not in line
    assert len(tokens) == 2 and tokens[0] == tokens[1]


def test_web_api_creators_keep_particles_in_the_last_name_and_a_suffix_after_the_first() -> None:
    """Zotero's two-field names (zotero.org/support/kb/name_parsing): particles stay with the
    last name, a suffix follows the first name after a comma, a one-word name is one field."""
    from tui.domain.citation.zotero_item import web_api_items

    paper = Paper(
        id="2405.09818",
        title="T",
        authors=("Martin Luther King Jr.", "J. D. van der Waals", "Plato"),
    )
    (item,) = [i for i in web_api_items(paper, "token") if i["itemType"] != "attachment"]
    assert item["creators"] == [
        {"creatorType": "author", "firstName": "Martin Luther, Jr.", "lastName": "King"},
        {"creatorType": "author", "firstName": "J. D.", "lastName": "van der Waals"},
        {"creatorType": "author", "name": "Plato"},
    ]


def test_a_known_published_version_goes_to_zotero_as_published(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    from tui.domain.citation.venue import PROCEEDINGS, Venue

    _ping(httpserver)
    seen: list[Request] = []

    def imported(request: Request) -> Response:
        seen.append(request)
        return Response("[]", status=201, content_type="application/json")

    httpserver.expect_request("/connector/import", method="POST").respond_with_handler(imported)
    zotero = _zotero(tmp_path, httpserver.url_for("").rstrip("/"))
    venue = Venue(PROCEEDINGS, "Advances in Neural Information Processing Systems", 2025)
    zotero.venues = lambda: {PAPER.id: venue}
    assert _run(zotero, [PAPER]) == ["2405.09818: sent to Zotero (connector)"]
    body = seen[0].get_data(as_text=True)
    assert "TY  - CONF" in body and "Advances in Neural Information Processing Systems" in body
