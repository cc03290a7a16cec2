"""The Zotero Web API key and user id, from the environment or the config file's [zotero] table
(the environment wins); `zotero check` says where each came from, and the key itself is in no
notice, repr, error or output line, even when a server echoes it back.

The loopback Web API answers as zotero.org/support/dev/web_api/v3/basics says: ``GET
/keys/current`` with ``Zotero-API-Key`` gives ``{"key", "userID", "access": {"user": {...}}}``,
403 "Invalid key" for a key it does not know; ``POST /users/{id}/items`` 400 with a plain-text
reason for a request it cannot take.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.library.test_zotero import PAPER, REFUSED
from tui.cli.main import main
from tui.library.zotero import FROM_FILE, Zotero, ZoteroConfig, build_zotero
from tui.settings.settings import load_settings, parse_settings
from tui.sources.api_client import ApiClient
from tui.store.zotero_sent import ZoteroSentStore

SECRET = "P9xSecretKey0123456789ab"
FILE = f'[zotero]\napi_key = "{SECRET}"\nuser_id = 12345\n'


def test_the_file_gives_the_key_and_the_environment_wins() -> None:
    settings = parse_settings(FILE).settings
    assert (settings.zotero_api_key, settings.zotero_user_id) == (SECRET, "12345")
    from_file = ZoteroConfig.from_env({}, file_key=SECRET, file_user="12345")
    assert (from_file.api_key, from_file.key_from, from_file.user_from) == (
        SECRET,
        FROM_FILE,
        FROM_FILE,
    )
    env = {"ZOTERO_API_KEY": "envkey", "ZOTERO_USER_ID": "777"}
    from_env = ZoteroConfig.from_env(env, file_key=SECRET, file_user="12345")
    assert (from_env.api_key, from_env.user_id) == ("envkey", "777")
    assert (from_env.key_from, from_env.user_from) == ("ZOTERO_API_KEY", "ZOTERO_USER_ID")
    mixed = ZoteroConfig.from_env({"ZOTERO_USER_ID": "777"}, file_key=SECRET, file_user="1")
    assert (mixed.api_key, mixed.user_id, mixed.key_from) == (SECRET, "777", FROM_FILE)


@pytest.mark.parametrize(
    "text",
    [
        f"[zotero]\napi_key = {SECRET[:0]}12345678901234\n",  # a number, not a string
        f'[zotero]\napi_key = "{SECRET} {SECRET}"\n',  # two words
        f'[zotero]\napi_key = "{SECRET}\n',  # broken TOML: unterminated string
        f'[zotero]\napi_key = ["{SECRET}"]\n',
        f'[zotero]\napi_kee = "{SECRET}"\n',  # a misspelt key
        f'zotero = "{SECRET}"\n',
    ],
)
def test_no_notice_quotes_the_key(text: str) -> None:
    loaded = parse_settings(text)
    assert loaded.notices, "the problem is reported"
    for notice in loaded.notices:
        assert SECRET not in notice and "12345678901234" not in notice
        assert "zotero" in notice


def test_no_repr_holds_the_key(tmp_path: Path) -> None:
    settings = parse_settings(FILE).settings
    assert SECRET not in repr(settings)
    config = ZoteroConfig.from_env({}, file_key=SECRET, file_user="12345")
    assert SECRET not in repr(config) and SECRET not in str(config)
    assert SECRET not in repr(build_zotero(tmp_path, settings, {}).config)


def test_a_config_file_others_can_read_is_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(FILE, encoding="utf-8")
    path.chmod(0o644)
    (notice,) = load_settings(path).notices
    assert "Zotero API key" in notice and "chmod 600" in notice and SECRET not in notice
    path.chmod(0o600)
    assert load_settings(path).notices == ()


def _echoing_api(server: HTTPServer) -> str:
    """A Web API that quotes the key it was sent in every error (as a careless mirror might)."""
    server.expect_request("/keys/current").respond_with_data(
        f"Invalid key {SECRET}", status=403, content_type="text/plain"
    )
    server.expect_request("/users/12345/items", method="POST").respond_with_data(
        json.dumps({"message": f"bad request for key {SECRET}"}), status=400
    )
    return server.url_for("").rstrip("/")


def test_a_server_echoing_the_key_never_gets_it_shown(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    api = _echoing_api(httpserver)
    config = ZoteroConfig(REFUSED, api, SECRET, "12345", FROM_FILE, FROM_FILE)
    zotero = Zotero(config, ZoteroSentStore(tmp_path / "zotero.json"), ApiClient(deadline=5))

    async def go() -> list[str]:
        try:
            return [*await zotero.check(), *await zotero.send([PAPER])]
        finally:
            await zotero.client.aclose()

    lines = asyncio.run(go())
    assert "403 Invalid key [API key]" in lines[1] and "[API key]" in lines[2]
    assert all(SECRET not in line for line in lines)
    assert f"key from {FROM_FILE}, user id from {FROM_FILE}" in lines[1]


def test_zotero_check_says_where_the_key_came_from(
    httpserver: HTTPServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    api = _echoing_api(httpserver)
    config = tmp_path / "config.toml"
    config.write_text(FILE, encoding="utf-8")
    config.chmod(0o600)
    for name in ("ZOTERO_API_KEY", "ZOTERO_USER_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DAILYPAPERS_ZOTERO_CONNECTOR", REFUSED)
    monkeypatch.setenv("DAILYPAPERS_ZOTERO_API", api)
    argv = ["--config", str(config), "--data-dir", str(tmp_path / "data"), "zotero", "check"]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert f"key from {FROM_FILE}" in out and SECRET not in out + err
    monkeypatch.setenv("ZOTERO_API_KEY", "from-the-env-1234")
    monkeypatch.setenv("ZOTERO_USER_ID", "12345")
    main(argv)
    out, err = capsys.readouterr()
    assert "key from ZOTERO_API_KEY, user id from ZOTERO_USER_ID" in out
    assert "from-the-env-1234" not in out + err


@pytest.mark.parametrize("address", ["http://[::1", "api.zotero.org", "http://exa mple.com"])
def test_a_mistyped_address_is_one_line_not_a_crash(tmp_path: Path, address: str) -> None:
    config = ZoteroConfig(address, address, SECRET, "12345", FROM_FILE, FROM_FILE)
    zotero = Zotero(config, ZoteroSentStore(tmp_path / "zotero.json"), ApiClient(deadline=3))

    async def go() -> list[str]:
        try:
            return [*await zotero.check(), *await zotero.send([PAPER])]
        finally:
            await zotero.client.aclose()

    lines = asyncio.run(go())
    assert lines[0].startswith(f"connector: no Zotero at {address} (over SSH: ssh -R 23119:")
    assert lines[1].startswith("web API: ") and lines[2].startswith(f"{PAPER.id}: not sent: ")
    assert all(SECRET not in line and "\n" not in line for line in lines)
