"""The user's settings: the `Settings` value and `load_settings`, TOML text -> Settings + notices.

Bad configuration never stops the reader: an unknown key, a wrong type, a bad value or broken
TOML becomes one line naming the file, the line and the key, and the default is used only for
what was wrong; the rest of the file still applies. The app never writes the config file.
Every key is documented in docs/configuration.md and shown in tui/settings/example.toml.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.domain.feeds.feed_list import feed_url_key, web_url_problem
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.domain.rules import Rules
from tui.domain.sanitise import sanitise_line
from tui.settings.checks import (
    MISSING,
    BadValue,
    Checker,
    Report,
    check_bool,
    check_browser,
    check_choice,
    check_int,
    check_keys,
    check_minutes,
    check_name,
    check_optional_int,
    check_seconds,
    check_secret,
    check_strings,
    check_text,
    check_user_id,
)
from tui.store.safe_files import read_regular

if TYPE_CHECKING:
    from tui.settings.toml_lines import KeyPath, SyntaxNote

__all__ = [
    "DEFAULT_FEEDS",
    "EXAMPLE_CONFIG",
    "HF_DAILY_PAPERS_URL",
    "LoadedSettings",
    "Settings",
    "example_config",
    "load_settings",
    "parse_settings",
]

HF_DAILY_PAPERS_URL = "https://huggingface.co/api/daily_papers"
DEFAULT_FEEDS = (FeedSpec(name="Hugging Face", url=HF_DAILY_PAPERS_URL, kind=FeedKind.HF_JSON),)
EXAMPLE_CONFIG = Path(__file__).with_name("example.toml")

SORTS = ("upvotes", "newest", "stars", "title", "for-you")
VIEWS = ("all", "unread")
CITATION_FORMATS = ("bibtex", "apa", "mla", "plain", "markdown", "url", "arxiv-id")
BIBTEX_KEY_STYLES = ("lastnameyearword", "arxiv-id")


@dataclass(frozen=True)
class Settings:
    """Everything the user can configure, with the defaults documented in docs/configuration.md."""

    feeds: tuple[FeedSpec, ...] = DEFAULT_FEEDS
    refresh_minutes: float = 30.0
    mark_read_after: float = 1.5
    sort: str = "upvotes"
    view: str = "all"
    citation_format: str = "bibtex"
    bibtex_ascii: bool = False
    author_width: int = 60
    theme: str = "textual-dark"
    keymap: dict[str, str] = field(default_factory=dict)
    browser: tuple[str, ...] = ()
    hide_below_upvotes: int | None = None
    hide_cross_lists: bool = False
    hide_replacements: bool = False
    watch_authors: tuple[str, ...] = ()
    watch_keywords: tuple[str, ...] = ()
    bibtex_key_style: str = "lastnameyearword"
    watched_first: bool = False
    mute: tuple[str, ...] = ()  # words (or phrases): papers holding one are hidden
    # A shared folder (Syncthing, Dropbox, git) to exchange marks through; "" for none.
    sync_dir: str = ""
    # Look up where the paper shown was published (Semantic Scholar, DBLP, Crossref).
    venue_lookups: bool = True
    # Cite a paper as published once its venue is known (looked up before; never asked on copy).
    cite_published: bool = True
    # The [zotero] table: the Web API key (a secret: never in a repr, notice or log) and user id.
    # ZOTERO_API_KEY and ZOTERO_USER_ID in the environment win over these.
    zotero_api_key: str = field(default="", repr=False)
    zotero_user_id: str = ""

    def rules(self) -> Rules:
        """The hide/watch rules of the `[rules]` table as a domain value."""
        return Rules(
            hide_below_upvotes=self.hide_below_upvotes,
            hide_cross_lists=self.hide_cross_lists,
            hide_replacements=self.hide_replacements,
            watch_authors=self.watch_authors,
            watch_keywords=self.watch_keywords,
        )


@dataclass(frozen=True)
class LoadedSettings:
    """Settings and the one-line notices about what in the file could not be used."""

    settings: Settings
    notices: tuple[str, ...] = ()


# Plain keys: the TOML key is the Settings field; how to check it.
_TOP: dict[str, Checker] = {
    "refresh_minutes": check_minutes,
    "mark_read_after": check_seconds,
    "sort": check_choice(SORTS),
    "view": check_choice(VIEWS),
    "citation_format": check_choice(CITATION_FORMATS),
    "bibtex_ascii": check_bool,
    "bibtex_key_style": check_choice(BIBTEX_KEY_STYLES),
    "author_width": check_int(10, 10_000),
    "theme": check_name,
    "browser": check_browser,
    "mute": check_strings,
    "sync_dir": check_text,
    "venue_lookups": check_bool,
    "cite_published": check_bool,
}
_RULES: dict[str, Checker] = {
    "hide_below_upvotes": check_optional_int,
    "hide_cross_lists": check_bool,
    "hide_replacements": check_bool,
    "watch_authors": check_strings,
    "watch_keywords": check_strings,
    "watched_first": check_bool,
}
# The [zotero] table: TOML key -> (Settings field, checker).
_ZOTERO: dict[str, tuple[str, Checker]] = {
    "api_key": ("zotero_api_key", check_secret),
    "user_id": ("zotero_user_id", check_user_id),
}
_TABLES = ("feeds", "keymap", "rules", "zotero")
_FEED_KEYS = ("name", "url", "kind", "refresh_minutes", "enabled")
_DEFAULT_TEXT = {
    "browser": "the system browser",
    "hide_below_upvotes": "no limit",
    "watch_authors": "[]",
    "watch_keywords": "[]",
    "mute": "[]",
}


def _default_text(name: str) -> str:
    """How the default of Settings field `name` reads in a notice (`30`, `"upvotes"`)."""
    if name in _DEFAULT_TEXT:
        return _DEFAULT_TEXT[name]
    value = next(f.default for f in fields(Settings) if f.name == name)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def example_config() -> str:
    """The commented example config shipped with the package (`dailypapers config --example`)."""
    return EXAMPLE_CONFIG.read_text(encoding="utf-8")


def load_settings(path: Path, *, binding_ids: Collection[str] | None = None) -> LoadedSettings:
    """Read `path` (absent means defaults). Never raises for a bad file."""
    shown = sanitise_line(str(path))
    try:
        # A regular file only (a FIFO would block); a link to one is fine (dotfile managers).
        text = read_regular(path, follow_links=True).decode("utf-8")
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except IsADirectoryError:
        return LoadedSettings(Settings(), (f"{shown}: is a folder, not a file; using defaults",))
    except UnicodeDecodeError:
        return LoadedSettings(Settings(), (f"{shown}: not UTF-8 text; using defaults",))
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return LoadedSettings(Settings(), (f"{shown}: cannot read ({reason}); using defaults",))
    loaded = parse_settings(text, source=shown, binding_ids=binding_ids)
    if loaded.settings.zotero_api_key and _readable_by_others(path):
        warning = f"{shown}: holds your Zotero API key and others can read it (chmod 600 it)"
        loaded = LoadedSettings(loaded.settings, (*loaded.notices, warning))
    return loaded


def _readable_by_others(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & 0o077)
    except OSError:
        return False


def parse_settings(
    text: str, *, source: str = "config.toml", binding_ids: Collection[str] | None = None
) -> LoadedSettings:
    """Settings from TOML text; every problem is one notice and costs only its own key.

    `binding_ids` are the command ids a `[keymap]` may rebind (unknown ids are reported);
    None accepts any id.
    """
    from tui.settings.toml_lines import KeyLines, parse_tolerant  # only when there is a config file

    data, syntax_notes, readable = parse_tolerant(text)
    report = Report(source, KeyLines(text))
    for note in syntax_notes:
        report.note(note.line, _syntax_notice(report, note, readable))
    values: dict[str, Any] = {}
    for key, raw in data.items():
        path: KeyPath = (key,)
        if key in _TOP:
            _take(values, key, report.check(path, raw, _TOP[key], _default_text(key)))
        elif key == "feeds":
            _take(values, key, _feeds(raw, report))
        elif key == "keymap":
            _take(values, key, _keymap(raw, report, binding_ids))
        elif key == "rules":
            values.update(_rules(raw, report))
        elif key == "zotero":
            values.update(_zotero(raw, report))
        elif key in _RULES:
            report.add(path, "belongs in the [rules] table", "ignored")
        else:
            report.unknown(path, (*_TOP, *_TABLES))
    return LoadedSettings(Settings(**values), report.sorted_notices())


def _take(values: dict[str, Any], key: str, value: Any) -> None:
    if value is not MISSING:
        values[key] = value


def _syntax_notice(report: Report, note: SyntaxNote, readable: bool) -> str:
    where = report.where(line=note.line)
    reason = note.reason[:1].lower() + note.reason[1:]
    if not readable:
        return f"{where}: invalid TOML ({reason}); using defaults for the whole file"
    if note.key is None:
        return f"{where}: invalid TOML ({reason}); line ignored"
    if note.table:
        return f"{where}: [{note.key}]: invalid TOML ({reason}); table ignored, using defaults"
    return f"{where}: {note.key}: invalid TOML ({reason}); using the default"


def _rules(raw: object, report: Report) -> dict[str, Any]:
    if not isinstance(raw, dict):
        report.add(("rules",), "expected a [rules] table", "ignored")
        return {}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        path: KeyPath = ("rules", key)
        if key in _RULES:
            _take(values, key, report.check(path, value, _RULES[key], _default_text(key)))
        else:
            report.unknown(path, tuple(_RULES))
    return values


def _zotero(raw: object, report: Report) -> dict[str, Any]:
    """The [zotero] table; a bad api_key is reported without a word of what it holds."""
    if not isinstance(raw, dict):
        report.add(("zotero",), "expected a [zotero] table with api_key and user_id", "ignored")
        return {}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        path: KeyPath = ("zotero", key)
        if key in _ZOTERO:
            name, checker = _ZOTERO[key]
            _take(values, name, report.check(path, value, checker, "none"))
        else:
            report.unknown(path, tuple(_ZOTERO))
    return values


def _keymap(raw: object, report: Report, binding_ids: Collection[str] | None) -> Any:
    if not isinstance(raw, dict):
        report.add(("keymap",), "expected a [keymap] table of id = keys", "ignored")
        return MISSING
    keymap: dict[str, str] = {}
    for binding, value in raw.items():
        path: KeyPath = ("keymap", binding)
        if binding_ids is not None and binding not in binding_ids:
            report.unknown(path, binding_ids)
            continue
        keys = report.check(path, value, check_keys, "the default keys")
        if keys is not MISSING:
            keymap[binding] = keys
    return keymap


def _feed_url(value: object) -> str:
    """An http(s) URL, or a local file path (`~` expanded; `file://` accepted)."""
    if not isinstance(value, str) or not value.strip():
        raise BadValue("expected a URL or a file path")
    url = value.strip()
    if url.lower().startswith("file://"):
        url = url[len("file://") :]
    if "://" in url or url.lower().startswith(("http:", "https:")):
        problem = web_url_problem(url)
        if problem is not None:
            raise BadValue(problem)
        return url
    if ":" in url.split("/", 1)[0]:
        raise BadValue(f"only http and https feeds are allowed, not {url.split(':', 1)[0]}")
    return os.path.expanduser(url)


def _feed_refresh(value: object) -> int:
    minutes: int = check_int(1, 7 * 24 * 60)(value)
    return minutes


def _feed(raw: object, index: int, report: Report) -> FeedSpec | tuple[KeyPath, str]:
    """One `[[feeds]]` table as a FeedSpec, or where and why it was skipped."""
    base: KeyPath = ("feeds", index)
    if not isinstance(raw, dict):
        return base, "expected a table with name and url"
    for key in raw:
        if key not in _FEED_KEYS:
            report.unknown((*base, key), _FEED_KEYS)
    if "url" not in raw:
        return base, "a feed needs a url"
    try:
        url = _feed_url(raw["url"])
    except BadValue as error:
        return (*base, "url"), str(error)
    spec: dict[str, Any] = {"name": url, "url": url}
    checks: dict[str, tuple[Checker, str]] = {
        "name": (check_name, "the URL"),
        "kind": (check_choice(kind.value for kind in FeedKind), '"auto"'),
        "refresh_minutes": (_feed_refresh, "refresh_minutes"),
        "enabled": (check_bool, "true"),
    }
    for key, (checker, default) in checks.items():
        if key in raw:
            _take(spec, key, report.check((*base, key), raw[key], checker, default))
    if "kind" in spec:
        spec["kind"] = FeedKind(spec["kind"])
    return FeedSpec(**spec)


def _feeds(raw: object, report: Report) -> Any:
    default = "the default Hugging Face feed"
    if not isinstance(raw, list):
        report.add(("feeds",), "expected a list of [[feeds]] tables", f"using {default}")
        return MISSING
    feeds: list[FeedSpec] = []
    skipped: list[tuple[KeyPath, str]] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(raw):
        feed = _feed(item, index, report)
        if not isinstance(feed, FeedSpec):
            skipped.append(feed)
        elif feed_url_key(feed.url) in seen:
            first = seen[feed_url_key(feed.url)] + 1
            skipped.append((("feeds", index, "url"), f"the same URL as feeds[{first}]"))
        else:
            seen[feed_url_key(feed.url)] = index
            feeds.append(feed)
    for number, (path, problem) in enumerate(skipped, start=1):
        last = number == len(skipped) and not feeds
        report.add(
            path,
            problem,
            f"feed skipped; no feed left, using {default}" if last else "feed skipped",
        )
    if not raw:
        report.add(("feeds",), "the list is empty", f"using {default}")
    return tuple(feeds) if feeds else MISSING
