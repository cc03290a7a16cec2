"""Links of a paper: the safe-URL gate, code and project links found in the abstract, page URLs.

Every URL this module returns has passed `safe_url`, which rebuilds it from parsed parts:
http/https only, a plausible host, no credentials, no controls or whitespace, at most 2,000
characters, and ASCII only (an IDNA host becomes punycode, other non-ASCII is percent-encoded).

Code links are canonicalised to the repository root (``https://github.com/owner/repo``): deep
paths such as ``/tree/main`` or ``/blob/main/x.py`` are trimmed, so one repository named twice in
an abstract shows up once in the chooser.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import SplitResult, quote, urlsplit

from tui.domain.arxiv import abs_url, hf_paper_url, normalise_arxiv_id, pdf_url
from tui.domain.paper import Paper

MAX_URL_LENGTH = 2_000

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
# Characters kept as they are when the path, query and fragment are rebuilt (plus "%").
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_QUERY_SAFE = _PATH_SAFE + "?"


def _ascii_host(host: str) -> str | None:
    """The host in ASCII when it is an IP literal or a plausible DNS name, else None."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return f"[{address.compressed}]" if address.version == 6 else address.compressed
    if host == "localhost":
        return host
    if host.isascii():  # the common case; the idna codec would only check label lengths
        ascii_host = host.lower()
    else:
        try:
            ascii_host = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return None
    # One root dot may end a name ("example.com."); an empty label anywhere else is no name.
    labels = ascii_host.removesuffix(".").split(".")
    if len(ascii_host) > 253 or len(labels) < 2:
        return None
    if not all(_LABEL.match(label) for label in labels) or not _TLD.match(labels[-1]):
        return None
    return ".".join(labels)


def _split(url: str) -> SplitResult | None:
    # isprintable() is False for controls, format characters (bidi), surrogates and separators.
    if not url or len(url) > MAX_URL_LENGTH or not url.isprintable():
        return None
    if " " in url or "\\" in url:
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad or out-of-range port
    except ValueError:
        return None
    return parts


def safe_url(url: str) -> str | None:
    """`url` rebuilt from its parsed parts when it is safe to open or show as a link, else None."""
    parts = _split(url)
    if parts is None or parts.scheme.lower() not in ("http", "https"):
        return None
    if "@" in parts.netloc or parts.username is not None or parts.password is not None:
        return None
    if not parts.hostname or parts.port == 0:
        return None
    host = _ascii_host(parts.hostname)
    if host is None:
        return None
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    rebuilt = f"{parts.scheme.lower()}://{netloc}{quote(parts.path, safe=_PATH_SAFE)}"
    if parts.query:
        rebuilt += "?" + quote(parts.query, safe=_QUERY_SAFE)
    if parts.fragment:
        rebuilt += "#" + quote(parts.fragment, safe=_QUERY_SAFE)
    return rebuilt if len(rebuilt) <= MAX_URL_LENGTH else None


# --- finding URLs in an abstract -------------------------------------------------------------

_URL_CHARS = r"[^\s<>\"'`{}|\\^\[\]]"
_IN_TEXT = re.compile(
    rf"https?://{_URL_CHARS}+"
    rf"|(?<![\w./@-])(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co|hf\.co)/{_URL_CHARS}+"
    rf"|(?<![\w./@-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.github\.io(?:/{_URL_CHARS}*)?",
    re.IGNORECASE,
)
_LATEX_ESCAPED = re.compile(r"\\([_&#%~])")
# Every branch of _IN_TEXT needs one of these: most abstracts have none and skip the regex.
_URL_HINTS = ("http", "github", "gitlab", "huggingface", "hf.co")
_TRAILING = ".,;:!?'\"}]"


def _trim(url: str) -> str:
    """`url` without trailing sentence punctuation, an unbalanced ")" or a ".git" suffix."""
    while True:
        before = url
        url = url.rstrip(_TRAILING)
        if url.endswith(")") and url.count("(") < url.count(")"):
            url = url[:-1]
        if url.lower().endswith(".git"):
            url = url[:-4]
        if url == before:
            return url


def urls_in_text(text: str) -> tuple[str, ...]:
    """Safe URLs written in free text (an abstract), trimmed, in order, duplicates dropped."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _URL_HINTS):
        return ()
    found: dict[str, str] = {}
    for match in _IN_TEXT.finditer(_LATEX_ESCAPED.sub(r"\1", text)):
        raw = _trim(match.group(0))
        if not raw.lower().startswith(("http://", "https://")):
            raw = "https://" + raw
        url = safe_url(raw)
        if url is not None:
            found.setdefault(url.rstrip("/").lower(), url)
    return tuple(found.values())


# --- code links ------------------------------------------------------------------------------

_GITHUB_RESERVED = frozenset(
    {
        "about", "features", "marketplace", "orgs", "settings", "sponsors", "topics", "login",
        "join", "explore", "pricing", "collections", "site", "search", "notifications", "apps",
        "enterprise",
    }
)  # fmt: skip
_HF_RESERVED = frozenset(
    {
        "papers", "blog", "docs", "learn", "posts", "collections", "organizations", "settings",
        "login", "join", "pricing", "chat", "tasks", "api", "search", "models-json", "new",
        "enterprise", "spaces-json",
    }
)  # fmt: skip
_SEGMENT = re.compile(r"^[A-Za-z0-9_.-]+$")


def _segments(path: str) -> list[str]:
    return [segment for segment in path.split("/") if segment]


def _repo(host: str, owner: str, name: str) -> str | None:
    if name.lower().endswith(".git"):
        name = name[:-4]
    if not (_SEGMENT.match(owner) and _SEGMENT.match(name)) or name.strip(".") == "":
        return None
    return f"https://{host}/{owner}/{name}"


def _github(segments: list[str]) -> str | None:
    if len(segments) < 2 or segments[0].lower() in _GITHUB_RESERVED:
        return None
    return _repo("github.com", segments[0], segments[1])


def _gitlab(segments: list[str]) -> str | None:
    # Groups nest (group/subgroup/repo); GitLab puts "/-/" before deep paths.
    if "-" in segments:
        segments = segments[: segments.index("-")]
    if len(segments) < 2 or not all(_SEGMENT.match(segment) for segment in segments):
        return None
    return "https://gitlab.com/" + "/".join(segments)


def _huggingface(segments: list[str]) -> str | None:
    if segments and segments[0] in ("datasets", "spaces", "models"):
        kind, rest = segments[0], segments[1:]
        if len(rest) < 2:
            return None
        repo = _repo("huggingface.co", rest[0], rest[1])
        if repo is None or kind == "models":
            return repo
        return repo.replace("huggingface.co/", f"huggingface.co/{kind}/", 1)
    if len(segments) < 2 or segments[0].lower() in _HF_RESERVED:
        return None
    return _repo("huggingface.co", segments[0], segments[1])


def code_repo(url: str) -> str | None:
    """The canonical repository root when `url` is a GitHub, GitLab or Hugging Face repo."""
    safe = safe_url(_trim(url.strip()))
    if safe is None:
        return None
    parts = urlsplit(safe)
    host = (parts.hostname or "").removeprefix("www.")
    segments = _segments(parts.path)
    if host == "github.com":
        return _github(segments)
    if host == "gitlab.com":
        return _gitlab(segments)
    if host in ("huggingface.co", "hf.co"):
        return _huggingface(segments)
    return None


def _unique(urls: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for url in urls:
        seen.setdefault(url.rstrip("/").lower(), url)
    return tuple(seen.values())


_OWNER_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def _github_field(github: str) -> str:
    """The GitHub field as a URL; feeds give it as a URL, ``github.com/o/r`` or ``o/r``."""
    github = github.strip()
    if _OWNER_REPO.match(github):
        return f"https://github.com/{github}"
    if not github.lower().startswith(("http://", "https://")):
        return f"https://{github}"
    return github


def code_links(paper: Paper) -> tuple[str, ...]:
    """Code repositories of `paper`: its GitHub field first, then those named in the abstract."""
    candidates = [_github_field(paper.github)] if paper.github else []
    candidates += urls_in_text(paper.abstract)
    repos = [repo for repo in (code_repo(url) for url in candidates) if repo]
    return _unique(repos)


def has_code_link(paper: Paper) -> bool:
    """Whether `paper` has any code repository: `bool(code_links(paper))`, but the GitHub field
    alone usually answers it, without scanning the abstract (the list asks for every row)."""
    if paper.github and code_repo(_github_field(paper.github)):
        return True
    return any(code_repo(url) for url in urls_in_text(paper.abstract))


def project_links(paper: Paper) -> tuple[str, ...]:
    """The project page and every other non-code URL of the abstract, safe and deduplicated."""
    candidates = [paper.project_page] if paper.project_page else []
    candidates += urls_in_text(paper.abstract)
    links = []
    for candidate in candidates:
        url = safe_url(_trim(candidate.strip()))
        if url is not None and code_repo(url) is None:
            links.append(url)
    return _unique(links)


# --- page links ------------------------------------------------------------------------------


def _on_hugging_face(paper: Paper) -> bool:
    link_host = urlsplit(safe_url(paper.link or "") or "").hostname or ""
    from_feed = any("huggingface.co" in feed for feed in paper.feeds)
    return link_host in ("huggingface.co", "hf.co") or paper.upvotes is not None or from_feed


def paper_page_url(paper: Paper) -> str:
    """The page to open for `paper`: Hugging Face for Hugging Face items, else arXiv abs.

    A paper without an arXiv id gets its own link when safe, else its DOI page, else "".
    """
    arxiv_id = normalise_arxiv_id(paper.id) if paper.is_arxiv else None
    if arxiv_id:
        return hf_paper_url(arxiv_id) if _on_hugging_face(paper) else abs_url(arxiv_id)
    link = safe_url(paper.link) if paper.link else None
    if link:
        return link
    if paper.doi:
        return safe_url(f"https://doi.org/{quote(paper.doi, safe='/')}") or ""
    return ""


def pdf_link(paper: Paper) -> str | None:
    """The arXiv PDF of `paper`, or None for a paper without an arXiv id."""
    arxiv_id = normalise_arxiv_id(paper.id) if paper.is_arxiv else None
    return pdf_url(arxiv_id) if arxiv_id else None


@dataclass(frozen=True)
class PaperLink:
    """One link shown in the preview pane. `kind` is paper, pdf, code or project."""

    label: str
    url: str
    kind: str


def _code_label(url: str) -> str:
    path = urlsplit(url).path.strip("/")
    host = urlsplit(url).hostname or ""
    if host == "github.com":
        return f"GitHub {path}"
    if host == "gitlab.com":
        return f"GitLab {path}"
    kind, _, rest = path.partition("/")
    if kind in ("datasets", "spaces"):
        return f"Hugging Face {kind[:-1]} {rest}"
    return f"Hugging Face model {path}"


def _page_links(paper: Paper) -> list[PaperLink]:
    page = paper_page_url(paper)
    if not page:
        return []
    arxiv_id = normalise_arxiv_id(paper.id) if paper.is_arxiv else None
    if urlsplit(page).hostname == "huggingface.co" and arxiv_id:
        return [
            PaperLink("Hugging Face", page, "paper"),
            PaperLink("arXiv", abs_url(arxiv_id), "paper"),
        ]
    return [PaperLink("arXiv" if arxiv_id else "Paper", page, "paper")]


def all_links(paper: Paper) -> tuple[PaperLink, ...]:
    """Every link of `paper` for the preview: paper page(s), PDF, code, then project pages."""
    links = _page_links(paper)
    pdf = pdf_link(paper)
    if pdf:
        links.append(PaperLink("PDF", pdf, "pdf"))
    links += [PaperLink(_code_label(url), url, "code") for url in code_links(paper)]
    project_page = safe_url(paper.project_page.strip()) if paper.project_page else None
    for url in project_links(paper):
        links.append(PaperLink("Project page" if url == project_page else "Link", url, "project"))
    return tuple(links)


def discussion_link(paper: Paper) -> str | None:
    """The paper's discussion on Hugging Face (``/papers/{id}#community``), when the feed gave a
    discussion id or a comment count for an arXiv paper; else None."""
    if not paper.is_arxiv or (paper.discussion_id is None and paper.comments is None):
        return None
    return safe_url(f"https://huggingface.co/papers/{paper.id}#community")
