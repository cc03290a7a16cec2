"""Safe URLs, code and project links found in abstracts, page links of a paper."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import make_paper
from tui.domain.links import (
    PaperLink,
    all_links,
    code_links,
    has_code_link,
    paper_page_url,
    pdf_link,
    project_links,
    safe_url,
    urls_in_text,
)
from tui.domain.paper import Paper

CORPUS = Path(__file__).parent.parent / "fixtures" / "papers_corpus.json"

HOSTILE = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "file:///etc/passwd",
    " https://example.com",
    "\thttps://example.com",
    "https://example.com/\n",
    "-flag",
    "--help",
    "https://x@evil.com",
    "https://hf.co@evil.com",
    "https://user:pass@example.com/",
    "https://example.com\\@evil.com",
    "https://example.com/\x1b]8;;https://evil.com\x1b\\",
    "https://exa\x1bmple.com/",
    "https://example.com/\u202eevil",
    "https://example.com:99999/",
    "https://example.com:0/",
    "https://example.com:http/",
    "https://example.com/" + "a" * 10_000,
    "ftp://example.com/file",
    "https://",
    "https:///path",
    "https://-bad-.com/",
    "https://exa_mple.com/",
    "https://a..com/",
    "https://localhost.123/",
    "//example.com/x",
    "example.com",
    "",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_hostile_urls_are_refused(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(
    ("url", "rebuilt"),
    [
        ("https://github.com/a/b", "https://github.com/a/b"),
        ("HTTPS://GitHub.COM/A/B", "https://github.com/A/B"),
        ("http://127.0.0.1:8080/x?y=1#z", "http://127.0.0.1:8080/x?y=1#z"),
        ("https://[::1]:8443/", "https://[::1]:8443/"),
        ("https://münchen.de/straße?q=ü", "https://xn--mnchen-3ya.de/stra%C3%9Fe?q=%C3%BC"),
        ("https://example.com/a%20b", "https://example.com/a%20b"),
        ('https://example.com/a"b<c>', "https://example.com/a%22b%3Cc%3E"),
        ("https://example.com.", "https://example.com"),
        ("http://localhost:5000/feed", "http://localhost:5000/feed"),
    ],
)
def test_safe_urls_are_rebuilt_from_parts(url: str, rebuilt: str) -> None:
    assert safe_url(url) == rebuilt


@given(st.text(max_size=300))
def test_safe_url_output_is_always_safe(text: str) -> None:
    url = safe_url(text)
    if url is None:
        return
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and url.startswith(f"{parts.scheme}://")
    assert url.isascii() and url.isprintable() and " " not in url and "\\" not in url
    assert parts.username is None and parts.password is None and parts.hostname
    assert len(url) <= 2_000
    assert safe_url(url) == url


@given(
    st.from_regex(
        r"https?://[a-z]{1,10}\.(com|org|io)(/[A-Za-z0-9._~-]{0,12}){0,3}", fullmatch=True
    )
)
def test_plain_urls_survive_unchanged(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Code: https://github.com/x/y.git.", ("https://github.com/x/y",)),
        ("See github.com/x/y.git.", ("https://github.com/x/y",)),
        ("(https://github.com/a/b).", ("https://github.com/a/b",)),
        ("at https://github.com/a/b/tree/main/src, and", ("https://github.com/a/b",)),
        ("https://github.com/a/b/ then https://GitHub.com/A/B", ("https://github.com/a/b",)),
        ("data: huggingface.co/datasets/org/set.", ("https://huggingface.co/datasets/org/set",)),
        ("(https://huggingface.co/spaces/o/demo),", ("https://huggingface.co/spaces/o/demo",)),
        (
            "model https://huggingface.co/org/model/blob/main/x",
            ("https://huggingface.co/org/model",),
        ),
        ("model https://hf.co/models/org/m;", ("https://huggingface.co/org/m",)),
        ("https://gitlab.com/g/sub/r/-/tree/main.", ("https://gitlab.com/g/sub/r",)),
        (
            "https://github.com/Haochen/PairUni{github.com/Haochen/PairUni}",
            ("https://github.com/Haochen/PairUni",),
        ),
        ("https://github.com/a/some\\_repo.", ("https://github.com/a/some_repo",)),
        ("'https://github.com/q/r'", ("https://github.com/q/r",)),
        ("https://huggingface.co/papers/2405.01234 and https://github.com/orgs/x", ()),
        ("https://github.com@evil.com/x/y and https://evil.com/github.com/x/y", ()),
        ("evilgithub.com/a/b", ()),
        ("no links here. e.g. this.that", ()),
    ],
)
def test_code_links_from_abstracts(abstract: str, expected: tuple[str, ...]) -> None:
    assert code_links(make_paper(abstract=abstract)) == expected


def test_github_field_comes_first_and_duplicates_go() -> None:
    paper = make_paper(
        abstract="Code at https://github.com/z/first and https://github.com/o/R.git.",
        github="https://github.com/O/r",
    )
    assert code_links(paper) == ("https://github.com/O/r", "https://github.com/z/first")


@pytest.mark.parametrize("github", ["o/r", "github.com/o/r", "https://github.com/o/r/"])
def test_github_field_forms(github: str) -> None:
    assert code_links(make_paper(github=github)) == ("https://github.com/o/r",)


def test_unsafe_github_field_is_dropped() -> None:
    assert code_links(make_paper(github="javascript:alert(1)")) == ()
    assert code_links(make_paper(github="https://github.com@evil.com/o/r")) == ()


def test_project_links() -> None:
    paper = make_paper(
        abstract="Project: https://nan-jiang-group.github.io/egg-sr. Demo (https://youtu.be/abc), "
        "code https://github.com/a/b. Also canonical-multimodal.github.io/ and "
        "http://linearfold.org/m.",
        project_page="https://example.org/project/",
    )
    assert project_links(paper) == (
        "https://example.org/project/",
        "https://nan-jiang-group.github.io/egg-sr",
        "https://youtu.be/abc",
        "https://canonical-multimodal.github.io/",
        "http://linearfold.org/m",
    )


def test_project_page_unsafe_is_dropped() -> None:
    assert project_links(make_paper(project_page="file:///etc/passwd")) == ()


def test_urls_in_text_drops_hostile_ones() -> None:
    text = "a https://hf.co@evil.com/x b https://ok.example.com/p), c https://x.com:99999/"
    assert urls_in_text(text) == ("https://ok.example.com/p",)


def test_corpus_code_links_are_clean() -> None:
    corpus = json.loads(CORPUS.read_text(encoding="utf-8"))
    repo = re.compile(r"^https://(github\.com|huggingface\.co/spaces)/[\w.-]+/[\w.-]+$")
    with_code = 0
    for record in corpus:
        links = code_links(make_paper(abstract=record["abstract"]))
        if "github.com/" in record["abstract"]:
            with_code += 1
            assert links, record["abstract"][-200:]
        for link in links:
            assert repo.match(link), link
            assert not link.endswith((".", ".git", "/", ")", ","))
            assert safe_url(link) == link
    assert with_code >= 30


def test_paper_page_url() -> None:
    assert paper_page_url(make_paper()) == "https://arxiv.org/abs/2405.01234"
    assert paper_page_url(make_paper(upvotes=0)) == "https://huggingface.co/papers/2405.01234"
    hf_link = make_paper(link="https://huggingface.co/papers/2405.01234")
    assert paper_page_url(hf_link) == "https://huggingface.co/papers/2405.01234"
    other = Paper(id="guid:1", title="T", link="https://blog.example.com/post")
    assert paper_page_url(other) == "https://blog.example.com/post"
    hostile = Paper(id="guid:2", title="T", link="javascript:alert(1)")
    assert paper_page_url(hostile) == ""
    with_doi = Paper(id="guid:3", title="T", link="javascript:x", doi="10.1000/x y")
    assert paper_page_url(with_doi) == "https://doi.org/10.1000/x%20y"


def test_pdf_link() -> None:
    assert pdf_link(make_paper()) == "https://arxiv.org/pdf/2405.01234"
    assert pdf_link(Paper(id="hep-th/9901001", title="T")) == "https://arxiv.org/pdf/hep-th/9901001"
    assert pdf_link(Paper(id="guid:1", title="T")) is None


def test_all_links_order_and_kinds() -> None:
    paper = make_paper(
        abstract="Code https://github.com/a/b and data huggingface.co/datasets/o/d; "
        "site https://a.github.io/",
        upvotes=3,
        project_page="https://proj.example.com",
    )
    assert all_links(paper) == (
        PaperLink("Hugging Face", "https://huggingface.co/papers/2405.01234", "paper"),
        PaperLink("arXiv", "https://arxiv.org/abs/2405.01234", "paper"),
        PaperLink("PDF", "https://arxiv.org/pdf/2405.01234", "pdf"),
        PaperLink("GitHub a/b", "https://github.com/a/b", "code"),
        PaperLink("Hugging Face dataset o/d", "https://huggingface.co/datasets/o/d", "code"),
        PaperLink("Project page", "https://proj.example.com", "project"),
        PaperLink("Link", "https://a.github.io/", "project"),
    )


def test_all_links_of_a_plain_feed_item() -> None:
    paper = Paper(id="guid:9", title="T", link="https://blog.example.com/p")
    assert all_links(paper) == (PaperLink("Paper", "https://blog.example.com/p", "paper"),)


@given(st.text(max_size=400))
def test_every_found_link_is_safe(abstract: str) -> None:
    paper = make_paper(abstract=abstract)
    for link in (*code_links(paper), *project_links(paper)):
        assert safe_url(link) == link


_URL_PIECES = st.sampled_from(
    ["http", "s://", "github", ".com/", ".io", "gitlab", "huggingface", ".co/", "hf", "www.",
     "a", "-", "/", " ", "\\_", "\\&", "HTTP", "GitHub", "é"]
)  # fmt: skip


@given(st.lists(_URL_PIECES, max_size=30).map("".join))
def test_the_quick_no_url_check_never_hides_a_url(text: str) -> None:
    """`urls_in_text` skips its regex when no hint is present: that must never lose a match.
    (The regex, case-insensitive, also takes homographs such as "gıthub.com"; skipping those
    is no loss, so the pieces here are ASCII apart from one accented letter.)"""
    from tui.domain import links

    unescaped = links._LATEX_ESCAPED.sub(r"\1", text)
    if links._IN_TEXT.search(unescaped):
        assert any(hint in text.lower() for hint in links._URL_HINTS)


_HOST_LABELS = st.text(alphabet="abcXYZ019-.", max_size=70)


@given(st.lists(_HOST_LABELS, min_size=1, max_size=5).map(".".join))
def test_ascii_hosts_skip_the_idna_codec_without_changing_the_answer(host: str) -> None:
    import ipaddress

    from tui.domain import links

    with contextlib.suppress(ValueError):  # IP literals take their own branch, before either
        ipaddress.ip_address(host)
        return
    try:
        through_idna = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        expected = None
    else:
        labels = through_idna.rstrip(".").split(".")
        valid = len(through_idna) <= 253 and len(labels) >= 2
        valid = valid and all(links._LABEL.match(x) for x in labels)
        expected = ".".join(labels) if valid and links._TLD.match(labels[-1]) else None
    assert links._ascii_host(host) == expected


def test_has_code_link_agrees_with_code_links() -> None:
    from tui.demo.bench.data import sample_papers

    papers = [
        *sample_papers(),
        make_paper(abstract="see https://github.com/a/b", github="https://github.com/about"),
        make_paper(abstract="no links here", github="not a repo at all"),
        make_paper(abstract="https://example.org/project only"),
        make_paper(abstract="", github="owner/repo"),
    ]
    assert any(p.github for p in papers) and any(not p.github for p in papers)
    for paper in papers:
        assert has_code_link(paper) == bool(code_links(paper)), (paper.github, paper.abstract)
