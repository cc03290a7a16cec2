"""OPML import and export: round trips, other readers' exports, hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.feeds.opml import parse_opml, write_opml
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.domain.sanitise import sanitise_line

FIXTURES = Path(__file__).parents[2] / "fixtures" / "opml"


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_export_then_import_gives_the_same_feeds() -> None:
    feeds = [
        FeedSpec("Hugging Face", "https://huggingface.co/api/daily_papers", FeedKind.HF_JSON),
        FeedSpec("arXiv cs.CL", "https://rss.arxiv.org/rss/cs.CL", FeedKind.RSS, 120),
        FeedSpec("Atom <&> \"quoted\" 'x'", "https://example.org/a?x=1&y=<2>", FeedKind.ATOM),
        FeedSpec("Paused", "http://example.org/paused.xml", enabled=False),
    ]
    text = write_opml(feeds)
    imported, warnings = parse_opml(text)
    assert imported == feeds
    assert warnings == []
    assert parse_opml(text.encode("utf-8")) == (feeds, [])


def test_export_is_opml_2_with_type_rss_and_the_title() -> None:
    text = write_opml([FeedSpec("A", "https://a.example/feed")], title="my <feeds>")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"')
    assert "<title>my &lt;feeds&gt;</title>" in text
    assert 'type="rss"' in text and 'xmlUrl="https://a.example/feed"' in text
    assert "dailypapers:kind" not in text  # AUTO is the default: nothing extra written


def test_characters_xml_cannot_hold_are_dropped_from_the_export() -> None:
    feeds = [FeedSpec("bell\x07 and \ufffe", "https://a.example/f")]
    imported, warnings = parse_opml(write_opml(feeds))
    assert imported == [FeedSpec("bell and", "https://a.example/f")]
    assert warnings == []


def test_empty_export_imports_as_no_feeds_with_a_warning() -> None:
    assert parse_opml(write_opml([])) == ([], ["the OPML file lists no feeds"])


# Names as the reader keeps them: already one clean line; U+FFFE/U+FFFF cannot be XML at all.
_names = st.text(min_size=1, max_size=30).filter(
    lambda s: sanitise_line(s) == s and "\ufffe" not in s and "\uffff" not in s
)
_paths = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters="#"),
    max_size=20,
)


@given(
    st.lists(
        st.tuples(
            _names,
            _paths,
            st.sampled_from(list(FeedKind)),
            st.booleans(),
            st.none() | st.integers(1, 10_000),
        ),
        max_size=6,
    )
)
def test_round_trip_holds_for_any_names_and_urls(
    rows: list[tuple[str, str, FeedKind, bool, int | None]],
) -> None:
    feeds = [
        FeedSpec(name, f"https://host{index}.example/{path}", kind, minutes, enabled)
        for index, (name, path, kind, enabled, minutes) in enumerate(rows)
    ]
    imported, _ = parse_opml(write_opml(feeds))
    assert imported == feeds


def test_newsboat_export_imports_with_its_folder() -> None:
    feeds, warnings = parse_opml(_read("newsboat.opml"))
    assert [feed.url for feed in feeds] == [
        "https://rss.arxiv.org/rss/cs.CL",
        "https://rss.arxiv.org/atom/cs.LG",
        "https://huggingface.co/api/daily_papers",
        "https://example.org/lab/feed.xml",
    ]
    assert feeds[0].name == "cs.CL updates on arXiv.org"
    assert all(feed.kind is FeedKind.AUTO and feed.enabled for feed in feeds)
    assert warnings == []


def test_feedly_export_nested_folders_and_duplicates() -> None:
    feeds, warnings = parse_opml(_read("feedly.opml"))
    assert [feed.name for feed in feeds] == [
        "cs.AI updates on arXiv.org",
        "cs.CV updates on arXiv.org",
        "The Gradient",
        "Distill & Friends",
    ]
    assert warnings == ["skipped 1 duplicate feed (same URL)"]


def test_inoreader_export_deep_folders_text_names_and_escaped_urls() -> None:
    feeds, warnings = parse_opml(_read("inoreader.opml"))
    assert [(feed.name, feed.url) for feed in feeds] == [
        ("arXiv stat.ML", "https://rss.arxiv.org/rss/stat.ML"),
        ("Papers with Code: Trending", "https://paperswithcode.com/latest.rss"),
        ("HF daily", "https://huggingface.co/api/daily_papers?limit=50&sort=trending"),
    ]
    assert len(warnings) == 1
    assert "file:///etc/passwd" in warnings[0] and "only http and https" in warnings[0]


@pytest.mark.parametrize("name", ["entities.opml", "xxe.opml"])
def test_entity_declarations_are_refused_before_parsing(name: str) -> None:
    feeds, warnings = parse_opml(_read(name))
    assert feeds == []
    assert warnings == ["OPML file declares XML entities or an internal DTD; refused for safety"]


def test_entities_hidden_in_utf16_are_refused() -> None:
    text = _read("entities.opml").decode("utf-8").replace('<?xml version="1.0"?>', "")
    feeds, warnings = parse_opml(text.encode("utf-16"))
    assert feeds == [] and "refused" in warnings[0]


def test_unsafe_urls_are_skipped_and_names_sanitised() -> None:
    feeds, warnings = parse_opml(_read("hostile_urls.opml"))
    assert feeds == [FeedSpec("red title evil", "https://example.org/ok.xml")]
    assert len(warnings) == 6
    assert all(warning.startswith("skipped ") and "\n" not in warning for warning in warnings)
    assert any("javascript" in warning for warning in warnings)


def test_a_plain_doctype_without_a_subset_is_read() -> None:
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE opml>\n<opml version="1.0"><body>'
        '<outline xmlurl="https://a.example/f" text="lower-case attribute"/></body></opml>'
    )
    assert parse_opml(text) == ([FeedSpec("lower-case attribute", "https://a.example/f")], [])


def test_a_str_with_a_declared_encoding_is_not_decoded_twice() -> None:
    text = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><opml version="1.0"><body>'
        '<outline text="Café Münster" xmlUrl="https://a.example/f"/></body></opml>'
    )
    feeds, _ = parse_opml(text)
    assert feeds[0].name == "Café Münster"


def test_latin1_bytes_follow_their_declaration() -> None:
    text = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><opml version="1.0"><body>'
        '<outline text="Café" xmlUrl="https://a.example/f"/></body></opml>'
    )
    feeds, _ = parse_opml(text.encode("latin-1"))
    assert feeds[0].name == "Café"


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("<opml><body><outline", "not a readable OPML file"),
        ("", "not a readable OPML file"),
        ('<rss version="2.0"><channel/></rss>', "not an OPML file: the document is <rss>"),
    ],
)
def test_broken_or_foreign_documents_give_one_warning(text: str, start: str) -> None:
    feeds, warnings = parse_opml(text)
    assert feeds == []
    assert len(warnings) == 1 and warnings[0].startswith(start)


def test_unknown_kind_attribute_falls_back_to_auto_and_missing_names_to_the_url() -> None:
    text = (
        '<opml version="2.0" xmlns:dailypapers="https://dailypapers.invalid/opml/1"><body>'
        '<outline xmlUrl="https://a.example/f" dailypapers:kind="gopher"'
        ' dailypapers:refresh-minutes="-5"/></body></opml>'
    )
    assert parse_opml(text) == ([FeedSpec("https://a.example/f", "https://a.example/f")], [])


@given(st.binary(max_size=300))
def test_parse_never_raises_on_arbitrary_bytes(body: bytes) -> None:
    feeds, warnings = parse_opml(b"<opml><body>" + body)
    assert isinstance(feeds, list) and all("\n" not in warning for warning in warnings)
