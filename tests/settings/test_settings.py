"""config.toml -> Settings: every key's effect, and bad configuration as one line per problem."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.domain.rules import Rules
from tui.settings.settings import (
    DEFAULT_FEEDS,
    EXAMPLE_CONFIG,
    HF_DAILY_PAPERS_URL,
    Settings,
    example_config,
    load_settings,
    parse_settings,
)

BINDINGS = ("toggle_saved", "next_unread", "quit")


def _settings(text: str) -> Settings:
    loaded = parse_settings(text, binding_ids=BINDINGS)
    assert loaded.notices == (), loaded.notices
    return loaded.settings


# -- the shipped example ---------------------------------------------------------------------


def test_the_example_parses_without_notices_and_holds_the_defaults() -> None:
    assert _settings(example_config()) == Settings()


def test_the_example_shows_every_settings_field() -> None:
    text = example_config()
    for field in fields(Settings):
        if field.name == "feeds":
            assert "[[feeds]]" in text
        elif field.name == "keymap":
            assert "[keymap]" in text
        else:
            key = field.name.removeprefix("zotero_")  # the [zotero] table's api_key, user_id
            assert re.search(rf"^{key} = ", text, re.MULTILINE), field.name


def test_the_documentation_names_every_key() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "configuration.md").read_text("utf-8")
    for field in fields(Settings):
        key = field.name.removeprefix("zotero_")
        assert f"`{key}`" in docs or f"`[{key}]`" in docs, field.name


def test_the_example_lives_inside_the_package() -> None:
    package = Path(__file__).parents[2] / "tui" / "settings"
    assert EXAMPLE_CONFIG.parent.resolve() == package.resolve()


# -- each key's effect -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("refresh_minutes = 5", "refresh_minutes", 5.0),
        ("refresh_minutes = 0", "refresh_minutes", 0.0),
        ("refresh_minutes = 7.5", "refresh_minutes", 7.5),
        ("mark_read_after = 0", "mark_read_after", 0.0),
        ("mark_read_after = -1", "mark_read_after", -1.0),
        ("mark_read_after = 3", "mark_read_after", 3.0),
        ('sort = "newest"', "sort", "newest"),
        ('sort = "Stars"', "sort", "stars"),
        ('sort = "title"', "sort", "title"),
        ('view = "unread"', "view", "unread"),
        ('citation_format = "apa"', "citation_format", "apa"),
        ('citation_format = "arxiv-id"', "citation_format", "arxiv-id"),
        ("bibtex_ascii = true", "bibtex_ascii", True),
        ('bibtex_key_style = "arxiv-id"', "bibtex_key_style", "arxiv-id"),
        ("author_width = 120", "author_width", 120),
        ('theme = "textual-light"', "theme", "textual-light"),
        ('theme = "my-own-theme"', "theme", "my-own-theme"),
        ('browser = ["firefox", "--new-tab"]', "browser", ("firefox", "--new-tab")),
        ("browser = []", "browser", ()),
        ("[rules]\nhide_below_upvotes = 10", "hide_below_upvotes", 10),
        ("[rules]\nhide_below_upvotes = 0", "hide_below_upvotes", None),
        ("[rules]\nhide_cross_lists = true", "hide_cross_lists", True),
        ("[rules]\nhide_replacements = true", "hide_replacements", True),
        (
            '[rules]\nwatch_authors = ["Yann LeCun", " ", "Yann LeCun"]',
            "watch_authors",
            ("Yann LeCun",),
        ),
        (
            '[rules]\nwatch_keywords = ["diffusion", "RLHF"]',
            "watch_keywords",
            ("diffusion", "RLHF"),
        ),
        ("[rules]\nwatched_first = true", "watched_first", True),
        ('[keymap]\ntoggle_saved = "s,ctrl+s"', "keymap", {"toggle_saved": "s,ctrl+s"}),
        ('[keymap]\ntoggle_saved = "s, ctrl+s"', "keymap", {"toggle_saved": "s,ctrl+s"}),
        ('[keymap]\nquit = ["q", "ctrl+q"]', "keymap", {"quit": "q,ctrl+q"}),
        ("rules.hide_cross_lists = true", "hide_cross_lists", True),
    ],
)
def test_each_key_sets_its_field(text: str, field: str, value: Any) -> None:
    settings = _settings(text)
    assert getattr(settings, field) == value
    assert getattr(Settings(), field) != value or (field, value) in [
        ("browser", ()),
        ("hide_below_upvotes", None),
    ]


def test_an_empty_file_is_all_defaults() -> None:
    assert parse_settings("") == parse_settings("# only a comment\n")
    assert parse_settings("").settings == Settings()
    assert Settings().feeds == DEFAULT_FEEDS
    assert DEFAULT_FEEDS[0] == FeedSpec("Hugging Face", HF_DAILY_PAPERS_URL, FeedKind.HF_JSON)


def test_rules_become_the_domain_rules() -> None:
    settings = _settings('[rules]\nhide_below_upvotes = 3\nwatch_authors = ["Ada"]')
    assert settings.rules() == Rules(hide_below_upvotes=3, watch_authors=("Ada",))


def test_feeds_replace_the_default_and_keep_their_fields() -> None:
    settings = _settings(
        """
        [[feeds]]
        name = "arXiv cs.CL"
        url = "https://rss.arxiv.org/rss/cs.CL"
        kind = "rss"
        refresh_minutes = 120

        [[feeds]]
        url = "https://example.org/atom.xml"
        kind = "ATOM"
        enabled = false
        """
    )
    assert settings.feeds == (
        FeedSpec("arXiv cs.CL", "https://rss.arxiv.org/rss/cs.CL", FeedKind.RSS, 120),
        FeedSpec(
            "https://example.org/atom.xml",
            "https://example.org/atom.xml",
            FeedKind.ATOM,
            enabled=False,
        ),
    )


def test_feeds_as_inline_tables_and_local_paths() -> None:
    home = str(Path.home())
    settings = _settings(
        'feeds = [\n  { name = "mine", url = "~/feeds/a.rss" },\n'
        '  { name = "abs", url = "file:///srv/b.xml" },\n]'
    )
    assert [feed.url for feed in settings.feeds] == [f"{home}/feeds/a.rss", "/srv/b.xml"]


# -- bad configuration: one line naming file, line and key; the rest still applies ------------

GOOD_BEFORE = 'sort = "newest"\n'
GOOD_AFTER = "\n[rules]\nhide_cross_lists = true\n"


@pytest.mark.parametrize(
    ("bad", "key", "says"),
    [
        ("colour = 1", "colour", "unknown key"),
        ("refresh_minuts = 5", "refresh_minuts", "did you mean refresh_minutes?"),
        ('refresh_minutes = "soon"', "refresh_minutes", 'expected a number, got "soon"; using 30'),
        ("refresh_minutes = -5", "refresh_minutes", "using 30"),
        ("refresh_minutes = nan", "refresh_minutes", "expected a number"),
        ("mark_read_after = true", "mark_read_after", "got true; using 1.5"),
        ('view = "everything"', "view", 'expected one of "all", "unread"'),
        ('citation_format = "chicago"', "citation_format", 'using "bibtex"'),
        ('bibtex_key_style = "random"', "bibtex_key_style", 'using "lastnameyearword"'),
        ('bibtex_ascii = "yes"', "bibtex_ascii", "expected true or false"),
        ("author_width = 2.5", "author_width", "expected a whole number"),
        ("author_width = 0", "author_width", "using 60"),
        ('theme = ""', "theme", 'using "textual-dark"'),
        ("theme = 3", "theme", "got 3"),
        (
            'browser = "firefox --new-tab"',
            "browser",
            'browser must be a list like ["firefox", "--new-tab"]; using the system browser',
        ),
        ('browser = ["firefox", ""]', "browser", "list of non-empty strings"),
        ("keymap = 3", "keymap", "expected a [keymap] table"),
        ("hide_cross_lists = true", "hide_cross_lists", "belongs in the [rules] table"),
        ("feeds = 3", "feeds", "expected a list of [[feeds]] tables"),
        ("feeds = []", "feeds", "the list is empty; using the default Hugging Face feed"),
        ("last_day = 2024-01-01", "last_day", "unknown key"),
        ("refresh_minutes = soon", "refresh_minutes", "invalid TOML (invalid value)"),
        ('theme = "unterminated', "theme", "invalid TOML"),
        ("theme", None, "invalid TOML"),
    ],
)
def test_one_bad_top_level_key_is_one_line_and_the_rest_applies(
    bad: str, key: str | None, says: str
) -> None:
    text = GOOD_BEFORE + bad + "\n" + GOOD_AFTER
    loaded = parse_settings(text, source="/home/me/config.toml")
    assert len(loaded.notices) == 1, loaded.notices
    notice = loaded.notices[0]
    prefix = f"/home/me/config.toml:2: {key}" if key else "/home/me/config.toml:2: "
    assert notice.startswith(prefix), notice
    assert says in notice
    assert "\n" not in notice
    assert loaded.settings.sort == "newest"
    assert loaded.settings.hide_cross_lists is True


@pytest.mark.parametrize(
    ("bad", "key", "says"),
    [
        ('hide_below_upvotes = "ten"', "rules.hide_below_upvotes", "using no limit"),
        ('watch_authors = "Yann LeCun"', "rules.watch_authors", 'like ["Yann LeCun"]'),
        ("watch_keywords = [1, 2]", "rules.watch_keywords", "using []"),
        ("watched_first = 1", "rules.watched_first", "expected true or false"),
        ("hide_crosslists = true", "rules.hide_crosslists", "did you mean hide_cross_lists?"),
    ],
)
def test_one_bad_rule_is_one_line_and_the_other_rules_apply(bad: str, key: str, says: str) -> None:
    text = 'sort = "title"\n[rules]\nhide_replacements = true\n' + bad + "\nwatched_first = true\n"
    if bad.startswith("watched_first"):
        text = text.replace("\nwatched_first = true\n", "\n")
    loaded = parse_settings(text, source="config.toml")
    assert len(loaded.notices) == 1, loaded.notices
    assert loaded.notices[0].startswith(f"config.toml:4: {key}: ")
    assert says in loaded.notices[0]
    assert loaded.settings.hide_replacements is True
    assert loaded.settings.sort == "title"


@pytest.mark.parametrize(
    ("lines", "key", "says"),
    [
        (['toggle_saved = ""'], "keymap.toggle_saved", "using the default keys"),
        (["toggle_saved = 5"], "keymap.toggle_saved", 'expected keys like "s,ctrl+s"'),
        (['toggle_saved = "s x"'], "keymap.toggle_saved", "without spaces"),
        (['toggle_savd = "s"'], "keymap.toggle_savd", "did you mean toggle_saved?"),
    ],
)
def test_one_bad_keymap_entry_is_one_line(lines: list[str], key: str, says: str) -> None:
    text = "[keymap]\n" + "\n".join(lines) + '\nquit = "Q"\n'
    loaded = parse_settings(text, binding_ids=BINDINGS)
    assert len(loaded.notices) == 1, loaded.notices
    assert loaded.notices[0].startswith(f"config.toml:2: {key}: ")
    assert says in loaded.notices[0]
    assert loaded.settings.keymap == {"quit": "Q"}


def test_rules_that_are_not_a_table_are_one_line() -> None:
    loaded = parse_settings('rules = 3\nview = "unread"\n')
    assert loaded.notices == ("config.toml:1: rules: expected a [rules] table; ignored",)
    assert loaded.settings.view == "unread"


def test_a_table_defined_twice_is_one_line() -> None:
    loaded = parse_settings("[rules]\nhide_cross_lists = true\n[rules]\nwatched_first = true\n")
    assert len(loaded.notices) == 1
    assert loaded.notices[0].startswith("config.toml:3: [rules]: invalid TOML")
    assert loaded.settings.hide_cross_lists is True


def test_any_keymap_id_is_kept_without_a_list_of_ids() -> None:
    assert parse_settings('[keymap]\nwhatever = "x"').settings.keymap == {"whatever": "x"}


FEED_OK = '[[feeds]]\nname = "ok"\nurl = "https://a.example/f"\n\n'


@pytest.mark.parametrize(
    ("body", "line", "key", "says", "feeds"),
    [
        ('name = "x"\nurl = "ftp://b.example/f"', 7, "feeds[2].url", "not ftp; feed skipped", 1),
        ('name = "x"\nurl = "javascript:alert(1)"', 7, "feeds[2].url", "not javascript", 1),
        ('name = "x"', 5, "feeds[2]", "a feed needs a url; feed skipped", 1),
        ('url = "https://A.example/f"', 6, "feeds[2].url", "the same URL as feeds[1]", 1),
        ('url = "https://b.example/f"\nkind = "json"', 7, "feeds[2].kind", 'using "auto"', 2),
        (
            'url = "https://b.example/f"\nrefresh_minutes = 0',
            7,
            "feeds[2].refresh_minutes",
            "expected 1 to 10080",
            2,
        ),
        ('url = "https://b.example/f"\nenabled = "no"', 7, "feeds[2].enabled", "using true", 2),
        ('url = "https://b.example/f"\nname = ""', 7, "feeds[2].name", "using the URL", 2),
        ('url = "https://b.example/f"\ncolour = 1', 7, "feeds[2].colour", "unknown key", 2),
    ],
)
def test_one_bad_feed_entry_is_one_line_and_the_other_feeds_stay(
    body: str, line: int, key: str, says: str, feeds: int
) -> None:
    text = FEED_OK + "[[feeds]]\n" + body + "\n"
    loaded = parse_settings(text)
    assert len(loaded.notices) == 1, loaded.notices
    assert loaded.notices[0].startswith(f"config.toml:{line}: {key}"), loaded.notices[0]
    assert says in loaded.notices[0]
    assert loaded.settings.feeds[0] == FeedSpec("ok", "https://a.example/f")
    assert len(loaded.settings.feeds) == feeds


def test_when_no_feed_is_usable_the_default_feed_is_read_and_said_once() -> None:
    loaded = parse_settings('[[feeds]]\nname = "x"\nurl = "gopher://old.example/"\n')
    assert loaded.settings.feeds == DEFAULT_FEEDS
    assert loaded.notices == (
        "config.toml:3: feeds[1].url: only http and https feeds are allowed, not gopher; "
        "feed skipped; no feed left, using the default Hugging Face feed",
    )


def test_a_broken_table_header_costs_only_that_table() -> None:
    text = 'view = "unread"\n[rules\nhide_cross_lists = true\n[keymap]\nquit = "Q"\n'
    loaded = parse_settings(text)
    assert len(loaded.notices) == 1
    assert loaded.notices[0].startswith("config.toml:2: [rules]: invalid TOML")
    assert loaded.settings.view == "unread"
    assert loaded.settings.keymap == {"quit": "Q"}
    assert loaded.settings.hide_cross_lists is False


def test_an_unclosed_list_names_the_key_that_opened_it() -> None:
    text = 'browser = ["firefox",\n  "--new-tab"\nview = "unread"\n'
    loaded = parse_settings(text)
    assert len(loaded.notices) == 1
    assert loaded.notices[0].startswith("config.toml:1: browser: invalid TOML (unclosed array)")
    assert loaded.settings.view == "unread"
    assert loaded.settings.browser == ()


def test_a_repeated_key_keeps_the_first_and_says_so() -> None:
    loaded = parse_settings('view = "unread"\nview = "all"\n')
    assert loaded.notices == (
        "config.toml:2: view: invalid TOML (cannot overwrite a value); using the default",
    )
    assert loaded.settings.view == "unread"


def test_several_problems_are_one_line_each_in_line_order() -> None:
    text = (
        'sort = 1\nview = "x"\n[[feeds]]\nurl = "ftp://a"\n[[feeds]]\nurl = "https://b.example"\n'
    )
    loaded = parse_settings(text)
    assert [notice.split(":")[1] for notice in loaded.notices] == ["1", "2", "4"]
    assert [feed.url for feed in loaded.settings.feeds] == ["https://b.example"]


def test_hostile_text_in_a_value_cannot_reach_the_terminal() -> None:
    loaded = parse_settings('sort = "\\u001b[31mred\\u202e"')
    assert "\x1b" not in loaded.notices[0] and "\u202e" not in loaded.notices[0]
    assert 'got "red"' in loaded.notices[0]


# -- reading the file ------------------------------------------------------------------------


def test_a_missing_file_is_the_defaults_without_a_word(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "nope.toml") == parse_settings("")


def test_the_notice_names_the_file_that_was_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('view = "unread"\nsort = "random"\n', encoding="utf-8")
    loaded = load_settings(path, binding_ids=BINDINGS)
    assert loaded.settings.view == "unread"
    assert loaded.notices[0].startswith(f"{path}:2: sort: ")


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.mkdir(), "is a folder, not a file; using defaults"),
        (lambda p: p.write_bytes(b'view = "\xff"'), "not UTF-8 text; using defaults"),
    ],
)
def test_an_unreadable_file_is_one_line_and_defaults(tmp_path: Path, make: Any, says: str) -> None:
    path = tmp_path / "config.toml"
    make(path)
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.notices == (f"{path}: {says}",)


# -- nothing stops the reader ----------------------------------------------------------------

_KEYS = st.sampled_from(
    [
        "refresh_minutes",
        "mark_read_after",
        "sort",
        "view",
        "theme",
        "browser",
        "feeds",
        "keymap",
        "rules",
        "author_width",
        "bibtex_ascii",
        "x",
        "[rules]",
        "[[feeds]]",
        "[keymap]",
        "url",
    ]
)
_VALUES = st.sampled_from(
    [
        '"a"',
        "1",
        "-3.5",
        "true",
        "[]",
        '["a", 1]',
        "{}",
        '{ url = "https://a.b" }',
        "nan",
        "2024-01-01",
        '"""x\n"""',
        "[",
        "]",
        "",
        '"\\u001b"',
    ]
)


@given(st.lists(st.tuples(_KEYS, _VALUES), max_size=12))
def test_no_text_makes_parsing_raise_and_every_notice_is_one_line(
    pairs: list[tuple[str, str]],
) -> None:
    text = "\n".join(key if key.startswith("[") else f"{key} = {value}" for key, value in pairs)
    loaded = parse_settings(text)
    assert isinstance(loaded.settings, Settings)
    assert all("\n" not in notice and notice.startswith("config.toml") for notice in loaded.notices)


@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    loaded = parse_settings(text)
    assert all("\n" not in notice for notice in loaded.notices)
