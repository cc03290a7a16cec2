"""The Zotero use-case: send papers to Zotero, by its connector or else its Web API; check both.

Connector (Zotero desktop's local server, ``DAILYPAPERS_ZOTERO_CONNECTOR``, default
``http://127.0.0.1:23119``; over SSH reached with ``ssh -R 23119:127.0.0.1:23119``):
``GET /connector/ping`` answers 200 "Zotero is running"; ``POST /connector/import?session=S``
takes RIS into the collection selected in Zotero and answers 201 with the items, 400 when no
import translator reads it, 409 ``SESSION_EXISTS`` when session S was used, 500
``{"libraryEditable": false}`` for a read-only library. Web API (``DAILYPAPERS_ZOTERO_API``,
default ``https://api.zotero.org``; ``ZOTERO_API_KEY``, ``ZOTERO_USER_ID``): ``POST
/users/{id}/items`` with ``Zotero-API-Key`` and ``Zotero-Write-Token`` answers 200 with
``successful``/``success``/``unchanged``/``failed``, 403 without write access, 409 when the
library is locked, 412 when the write token was used, 413, 429 with ``Retry-After``.
``GET /keys/current`` tells whose key it is and what it may do.

The attempt's token is stored before the send and reused by a retry (see
`tui.store.zotero_sent`), so a paper is never sent twice. Every failure is one clear line.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from tui.domain.citation.keys import base_key
from tui.domain.citation.venue import Venue
from tui.domain.citation.zotero_item import connector_ris, web_api_items
from tui.domain.paper import Paper
from tui.domain.sanitise import sanitise_line
from tui.library.citing import known_venues
from tui.library.zotero_marks import ZoteroMark, marks_of
from tui.settings.settings import Settings
from tui.sources.api_client import ApiClient, ApiError, ApiResponse
from tui.store.locations import DataFiles
from tui.store.zotero_sent import PENDING, SENT, SendRecord, ZoteroSentStore

CONNECTOR_ENV = "DAILYPAPERS_ZOTERO_CONNECTOR"
API_ENV = "DAILYPAPERS_ZOTERO_API"
KEY_ENV = "ZOTERO_API_KEY"
USER_ENV = "ZOTERO_USER_ID"
DEFAULT_CONNECTOR = "http://127.0.0.1:23119"
DEFAULT_API = "https://api.zotero.org"


def tunnel_hint(connector: str) -> str:
    """The ssh option that makes `connector` (on this machine) lead to Zotero's own port on
    the machine where Zotero runs: ``ssh -R 23120:127.0.0.1:23119`` for port 23120."""
    try:
        port = urlsplit(connector).port or 23119
    except ValueError:
        port = 23119
    return f"ssh -R {port}:127.0.0.1:23119"


def no_route(connector: str) -> str:
    """What to do when neither route works."""
    return (
        f"no Zotero: start Zotero here (over SSH: {tunnel_hint(connector)} this-host), "
        f"or set {KEY_ENV} and {USER_ENV} for the Web API"
    )


FROM_FILE = "the config file's [zotero] table"


@dataclass(frozen=True)
class ZoteroConfig:
    """Where Zotero is: the connector's address, the Web API's base, key and user id, and where
    the key and the id came from (the environment wins over the config file). The key is a
    secret: it is in no repr, and `Zotero` scrubs it out of every line it gives."""

    connector: str = DEFAULT_CONNECTOR
    api: str = DEFAULT_API
    api_key: str = field(default="", repr=False)
    user_id: str = ""
    key_from: str = ""
    user_from: str = ""

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        file_key: str = "",
        file_user: str = "",
    ) -> ZoteroConfig:
        """From the environment, else from the config file's values (`file_key`, `file_user`)."""
        environ = os.environ if env is None else env
        key, key_from = _first((environ.get(KEY_ENV, ""), KEY_ENV), (file_key, FROM_FILE))
        user, user_from = _first((environ.get(USER_ENV, ""), USER_ENV), (file_user, FROM_FILE))
        return cls(
            connector=(environ.get(CONNECTOR_ENV) or DEFAULT_CONNECTOR).rstrip("/"),
            api=(environ.get(API_ENV) or DEFAULT_API).rstrip("/"),
            api_key=key,
            user_id=user,
            key_from=key_from,
            user_from=user_from,
        )

    @property
    def has_web_api(self) -> bool:
        return bool(self.api_key and self.user_id.isdigit())

    def scrub(self, text: str) -> str:
        """`text` with the API key (should a server echo it) replaced by ``[API key]``."""
        return text.replace(self.api_key, "[API key]") if len(self.api_key) >= 4 else text


def _first(*candidates: tuple[str, str]) -> tuple[str, str]:
    """The first non-blank value and its source; ("", "") when none is set."""
    for value, source in candidates:
        if value.strip():
            return value.strip(), source
    return "", ""


ALREADY = "already"
FAILED = "failed"


@dataclass(frozen=True)
class SendOutcome:
    """What became of one paper: `state` is `SENT` (now), `ALREADY` (earlier) or `FAILED`."""

    paper_id: str
    line: str
    state: str

    @property
    def in_zotero(self) -> bool:
        return self.state in (SENT, ALREADY)


class SendFailed(Exception):
    """Zotero answered, and the answer was no. `str` is one line; `retry` when worth retrying."""

    def __init__(self, message: str, retry: bool = False) -> None:
        super().__init__(message)
        self.retry = retry


def _one_line(text: str, limit: int = 160) -> str:
    return sanitise_line(" ".join(text.split()))[:limit]


def _server_message(response: ApiResponse) -> str:
    try:
        data = json.loads(response.body)
    except ValueError:
        return _one_line(response.body.decode("utf-8", "replace"))
    if isinstance(data, dict):
        return _one_line(str(data.get("error") or data.get("message") or ""))
    return ""


class Zotero:
    """Sends papers to Zotero and checks the routes; `client` and `store` are injectable."""

    def __init__(
        self,
        config: ZoteroConfig,
        store: ZoteroSentStore,
        client: ApiClient,
        venues: Callable[[], Mapping[str, Venue]] | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.client = client
        self.venues = venues  # published versions known (read on a thread): sent as published

    async def connector_answers(self) -> bool:
        """True when Zotero's connector answers its ping."""
        try:
            url = f"{self.config.connector}/connector/ping"
            response = await self.client.request("GET", url, deadline=3.0)
        except ApiError:
            return False
        return response.status == 200

    async def check(self) -> list[str]:
        """One line per route: does it work, and if not why."""
        lines = []
        if await self.connector_answers():
            lines.append(f"connector: Zotero answers at {self.config.connector}")
        else:
            hint = f"over SSH: {tunnel_hint(self.config.connector)} from where Zotero runs"
            lines.append(f"connector: no Zotero at {self.config.connector} ({hint})")
        lines.append(await self._check_web_api())
        return [_one_line(self.config.scrub(line), 300) for line in lines]

    async def _check_web_api(self) -> str:
        config = self.config
        if not config.has_web_api:
            have = f"; the key is from {config.key_from}" if config.key_from else ""
            return (
                f"web API: not set up ({KEY_ENV} and a numeric {USER_ENV} are needed, "
                f"or api_key and user_id in the config file's [zotero] table{have})"
            )
        where = f"key from {config.key_from}, user id from {config.user_from}"
        return f"web API: {await self._ask_key()} ({where})"

    async def _ask_key(self) -> str:
        """What ``/keys/current`` says of the key: it works, or why not."""
        try:
            response = await self.client.request(
                "GET", f"{self.config.api}/keys/current", headers=self._api_headers()
            )
        except ApiError as error:
            return str(error)
        if response.status != 200:
            return f"{response.status} {_server_message(response)}".rstrip()
        try:
            data = json.loads(response.body)
        except ValueError:
            return "an answer that is not JSON"
        user = _one_line(str(data.get("userID", "")), 20) if isinstance(data, dict) else ""
        access = data.get("access", {}).get("user", {}) if isinstance(data, dict) else {}
        if user != self.config.user_id:
            return f"the key belongs to user {user or '?'}, not {self.config.user_id}"
        if not (isinstance(access, dict) and access.get("write")):
            return "the key cannot write to your library"
        return f"works for user {user} at {self.config.api}"

    def _api_headers(self) -> dict[str, str]:
        return {"Zotero-API-Key": self.config.api_key, "Zotero-API-Version": "3"}

    async def send(self, papers: Sequence[Paper], *, again: bool = False) -> list[str]:
        """Send each paper not sent before (`again`: those too); one line per paper."""
        return [outcome.line for outcome in await self.send_each(papers, again=again)]

    async def send_each(self, papers: Sequence[Paper], *, again: bool = False) -> list[SendOutcome]:
        """Send each paper; what became of each. A paper already sent is sent once more only
        with `again` (and then as a new attempt, with a new token)."""
        connector = await self.connector_answers()
        known = await asyncio.to_thread(self.venues) if self.venues is not None else {}
        outcomes = []
        for paper in papers:
            outcome = await self._send_one(paper, connector, again, known.get(paper.id))
            outcomes.append(replace(outcome, line=_one_line(self.config.scrub(outcome.line), 300)))
        return outcomes

    async def _send_one(
        self, paper: Paper, connector: bool, again: bool, venue: Venue | None
    ) -> SendOutcome:
        record = await asyncio.to_thread(self.store.get, paper.id)
        if record is not None and record.state == SENT and not again:
            line = f"{paper.id}: already in Zotero (sent by {record.route or 'an earlier run'})"
            return SendOutcome(paper.id, line, ALREADY)
        if not connector and not self.config.has_web_api:
            line = f"{paper.id}: {no_route(self.config.connector)}"
            return SendOutcome(paper.id, line, FAILED)
        pending = record is not None and record.state == PENDING and record.token
        token = record.token if record is not None and pending else secrets.token_hex(16)
        route = "connector" if connector else "web API"
        await asyncio.to_thread(self.store.put, paper.id, SendRecord(PENDING, token, route, _now()))
        try:
            if connector:
                await self._to_connector(paper, token, venue)
            else:
                await self._to_web_api(paper, token, venue)
        except (SendFailed, ApiError) as error:
            return SendOutcome(paper.id, f"{paper.id}: not sent: {error}", FAILED)
        await asyncio.to_thread(self.store.put, paper.id, SendRecord(SENT, token, route, _now()))
        return SendOutcome(paper.id, f"{paper.id}: sent to Zotero ({route})", SENT)

    def sent_marks(self) -> dict[str, ZoteroMark]:
        """Every paper in Zotero, with how and when it went (read from disk: call off the loop)."""
        return marks_of(self.store)

    async def _to_connector(self, paper: Paper, token: str, venue: Venue | None) -> None:
        body = connector_ris(paper, base_key(paper), venue).encode("utf-8")
        response = await self.client.request(
            "POST",
            f"{self.config.connector}/connector/import",
            params={"session": token},
            content=body,
            headers={
                "Content-Type": "application/x-research-info-systems",
                "X-Zotero-Connector-API-Version": "3",
                "Zotero-Allowed-Request": "1",
            },
        )
        if response.status in (200, 201) or (
            response.status == 409 and b"SESSION_EXISTS" in response.body
        ):
            return  # 409: this very attempt was imported already
        if response.status == 500 and b"libraryEditable" in response.body:
            raise SendFailed("the library selected in Zotero is read-only")
        if response.status == 400:
            raise SendFailed("Zotero could not read the entry (400)")
        raise SendFailed(f"Zotero's connector answered {response.status}", retry=True)

    async def _to_web_api(self, paper: Paper, token: str, venue: Venue | None) -> None:
        items = web_api_items(paper, token, venue)
        headers = self._api_headers() | {
            "Content-Type": "application/json",
            "Zotero-Write-Token": token,
        }
        url = f"{self.config.api}/users/{self.config.user_id}/items"
        response = await self.client.request(
            "POST", url, headers=headers, content=json.dumps(items).encode("utf-8")
        )
        _check_web_answer(response)


def _check_web_answer(response: ApiResponse) -> None:
    """Raise `SendFailed` unless the Web API took the parent item (or had it already)."""
    if response.status == 412:
        return  # the write token was used: this attempt already landed
    if response.status in (429, 503):
        wait = response.headers.get("retry-after", "")
        raise SendFailed(f"Zotero asks to wait {_one_line(wait, 10) or 'a while'} s", retry=True)
    messages = {403: "the API key cannot write to this library", 409: "the library is locked"}
    if response.status in messages:
        raise SendFailed(messages[response.status])
    if response.status != 200:
        raise SendFailed(f"the Web API answered {response.status} {_server_message(response)}")
    try:
        data = json.loads(response.body)
    except ValueError as error:
        raise SendFailed("the Web API answered something that is not JSON") from error
    success = data.get("success") if isinstance(data, dict) else None
    if isinstance(success, dict) and "0" in success:
        return
    failed = data.get("failed", {}).get("0", {}) if isinstance(data, dict) else {}
    message = _one_line(str(failed.get("message", ""))) if isinstance(failed, dict) else ""
    raise SendFailed(f"Zotero refused the item: {message or 'no reason given'}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def build_zotero(
    data_dir: Path, settings: Settings | None = None, env: Mapping[str, str] | None = None
) -> Zotero:
    """The real thing for a data folder: config from the environment, else from the settings'
    [zotero] table; one API client."""
    file_key = settings.zotero_api_key if settings is not None else ""
    file_user = settings.zotero_user_id if settings is not None else ""
    published = settings is None or settings.cite_published
    return Zotero(
        ZoteroConfig.from_env(env, file_key=file_key, file_user=file_user),
        ZoteroSentStore(DataFiles(data_dir).zotero_sent_file),
        ApiClient(),
        venues=partial(known_venues, data_dir) if published else None,
    )
