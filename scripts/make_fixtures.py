"""Build the feed-parser test fixtures in `tests/fixtures/` from the shared paper corpus.

Usage: python scripts/make_fixtures.py [CORPUS] [OUT_DIR]

Titles and abstracts come from the corpus (LaTeX and URLs kept). arXiv ids (``2405.1NNNN``, the
corpus index), author names, days, counts and categories are made up deterministically, so every
run writes the same bytes. Papers 0-5 appear in the Hugging Face JSON, the Hugging Face mirror
RSS and the arXiv listing RSS alike, so the merge tests can show one row each. The bad-input
fixtures (hostile text, malformed entries, entity bombs) live in `bad_fixtures.py`.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import bad_fixtures as bad

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "fixtures" / "papers_corpus.json"
DEFAULT_OUT = ROOT / "tests" / "fixtures"

NAMES = [
    "Ada Brandt",
    "Bilal Haddad",
    "Chen Lindqvist",
    "Dana Okafor",
    "Emil Fujita",
    "Farah Castellanos",
    "Goran Ivanova",
    "Hana Jensen",
    "Ivo Kowalski",
    "Jun Moreau",
    "Kofi Eriksen",
    "Lena García",
    "Mateo Dubois",
    "Nadia Abara",
    "Omar Petrov",
    "Priya Sato",
    "Quinn Tanaka",
    "Rosa Ueda",
    "Sven Varga",
    "Tomás Weber",
]
FIRST_DAY = date(2024, 5, 13)
HF_RANGE = range(20)
MIRROR_RANGE = [*range(6), 40, 41, 42, 43]
ARXIV_RANGE = [*range(6), 60, 61, 62, 63, 64, 65]
API_RANGE = range(80, 85)
CATEGORIES = ["cs.LG", "cs.CL", "cs.AI", "cs.CV", "stat.ML"]


def arxiv_id(index: int) -> str:
    """The made-up arXiv id of corpus entry `index`."""
    return f"2405.{10000 + index}"


def authors_of(index: int, record: dict[str, Any]) -> list[str]:
    """A fixed list of made-up names, as many as the corpus says (at most 8)."""
    count = min(max(record.get("n_authors") or 3, 1), 8)
    return [NAMES[(index * 7 + j) % len(NAMES)] for j in range(count)]


def day_of(index: int) -> date:
    """The featured day: four weekdays in turn."""
    return FIRST_DAY + timedelta(days=index % 4)


def github_of(index: int, record: dict[str, Any]) -> str:
    """A repository URL: the one in the abstract where there is one, else a made-up one."""
    for word in record["abstract"].split():
        if word.startswith("https://github.com/"):
            return word.rstrip(".,;)").removesuffix(".git")
    return f"https://github.com/example-lab/paper-{index}"


def hf_entry(index: int, record: dict[str, Any]) -> dict[str, Any]:
    """One `/api/daily_papers` element in the real shape, with optional fields varied."""
    pid, day = arxiv_id(index), day_of(index)
    published = datetime(day.year, day.month, day.day, 17, 59, 58) - timedelta(days=1)
    paper: dict[str, Any] = {
        "id": pid,
        "authors": [
            {"_id": f"66{index:04d}{j:02d}", "name": name, "hidden": index == 4 and j == 1}
            for j, name in enumerate(authors_of(index, record))
        ],
        "publishedAt": published.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "submittedOnDailyAt": f"{day.isoformat()}T0{index % 10}:21:07.497Z",
        "title": record["title"],
        "summary": record["abstract"],
        "upvotes": record.get("upvotes") or (index * 7) % 50,
        "discussionId": f"6645b7{index:018d}",
    }
    if index == 7:
        del paper["submittedOnDailyAt"]  # the day then comes from the request's date=
    if index % 3 == 0:
        paper["githubRepo"] = github_of(index, record)
        paper["githubStars"] = 0 if index == 9 else index * 11
        paper["githubRepoAddedBy"] = "user"
    if index % 4 == 1:
        paper["projectPage"] = f"https://example-lab.github.io/paper-{index}/"
    if index % 5 == 2:
        paper["ai_summary"] = "One-sentence machine summary."
        paper["ai_keywords"] = ["keyword one", "keyword two"]
    entry: dict[str, Any] = {
        "paper": paper,
        "publishedAt": (published - timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "title": record["title"],
        "summary": record["abstract"],
        "thumbnail": f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{pid}.png",
        "numComments": index % 5,
        "submittedBy": {"_id": "60f1", "name": "akhaliq", "fullname": "AK", "type": "user"},
        "isAuthorParticipating": False,
    }
    if index == 11:
        del entry["numComments"]
    return entry


def rfc822(day: date, hour: int = 0, offset: str = "GMT") -> str:
    """An RSS pubDate."""
    text = format_datetime(datetime(day.year, day.month, day.day, hour, 0, 0))
    return text.replace("-0000", offset)


def rss(channel_title: str, items: list[str], namespaces: str = "") -> str:
    """An RSS 2.0 document around `items`."""
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"{namespaces}>\n<channel>\n'
    meta = (
        f"<title>{escape(channel_title)}</title>\n<link>https://example.org/</link>\n"
        "<description>Fixture feed</description>\n"
    )
    return head + meta + "".join(items) + "</channel>\n</rss>\n"


def mirror_item(index: int, record: dict[str, Any]) -> str:
    """A third-party Hugging Face mirror item: HF link, HTML abstract, no authors or counts."""
    link = f"https://huggingface.co/papers/{arxiv_id(index)}"
    html = f"<p>{escape(record['abstract'])}</p>"
    return (
        f"<item>\n<title>{escape(record['title'])}</title>\n<link>{link}</link>\n"
        f"<description><![CDATA[{html}]]></description>\n"
        f"<pubDate>{rfc822(day_of(index), 6)}</pubDate>\n"
        f'<guid isPermaLink="true">{link}</guid>\n</item>\n'
    )


ANNOUNCE = {60: "cross", 61: "replace", 62: "replace-cross"}


def arxiv_item(index: int, record: dict[str, Any]) -> str:
    """An arXiv listing item: dc:creator, announce type, categories, oai guid."""
    pid, kind = arxiv_id(index), ANNOUNCE.get(index, "new")
    version = 2 if kind.startswith("replace") else 1
    cats = [CATEGORIES[index % 5], CATEGORIES[(index + 2) % 5]]
    description = f"arXiv:{pid}v{version} Announce Type: {kind} \nAbstract: {record['abstract']}"
    return (
        f"<item>\n<title>{escape(record['title'])}</title>\n"
        f"<link>https://arxiv.org/abs/{pid}</link>\n"
        f"<description>{escape(description)}</description>\n"
        f'<guid isPermaLink="false">oai:arXiv.org:{pid}v{version}</guid>\n'
        + "".join(f"<category>{c}</category>\n" for c in cats)
        + f"<pubDate>{rfc822(day_of(index), 0, '-0400')}</pubDate>\n"
        f"<arxiv:announce_type>{kind}</arxiv:announce_type>\n"
        "<dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>\n"
        f"<dc:creator>{escape(', '.join(authors_of(index, record)))}</dc:creator>\n</item>\n"
    )


def api_entry(index: int, record: dict[str, Any]) -> str:
    """An arXiv API Atom entry: versioned http id, hard-wrapped text, pdf link, categories."""
    pid = arxiv_id(index)
    words = record["abstract"].split()
    wrapped = "\n".join(" ".join(words[i : i + 12]) for i in range(0, len(words), 12))
    primary = CATEGORIES[index % 5]
    extra = ""
    if index == 81:
        extra += "<arxiv:doi>10.1000/fixture.81</arxiv:doi>\n"
        extra += "<arxiv:journal_ref>Fixture J. 1 (2024) 1-2</arxiv:journal_ref>\n"
    if index == 82:
        extra += "<arxiv:comment>12 pages. Code: https://github.com/example-lab/x</arxiv:comment>\n"
    authors = "".join(
        f"<author><name>{escape(name)}</name></author>\n" for name in authors_of(index, record)
    )
    title_words = record["title"].split()
    title = " ".join(title_words[:5]) + "\n  " + " ".join(title_words[5:])
    return (
        f"<entry>\n<id>http://arxiv.org/abs/{pid}v2</id>\n"
        f"<published>{day_of(index).isoformat()}T13:46:39-04:00</published>\n"
        f"<updated>{day_of(index).isoformat()}T15:00:00-04:00</updated>\n"
        f"<title>{escape(title.strip())}</title>\n<summary>  {escape(wrapped)}\n</summary>\n"
        + authors
        + extra
        + f'<link href="http://arxiv.org/abs/{pid}v2" rel="alternate" type="text/html"/>\n'
        f'<link title="pdf" href="http://arxiv.org/pdf/{pid}v2" rel="related" '
        'type="application/pdf"/>\n'
        f'<arxiv:primary_category term="{primary}" scheme="http://arxiv.org/schemas/atom"/>\n'
        f'<category term="{primary}" scheme="http://arxiv.org/schemas/atom"/>\n'
        f'<category term="{CATEGORIES[(index + 1) % 5]}" scheme="http://arxiv.org/schemas/atom"/>\n'
        "</entry>\n"
    )


def api_atom(corpus: list[dict[str, Any]]) -> str:
    """The arXiv API response document."""
    entries = "".join(api_entry(i, corpus[i]) for i in API_RANGE)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
        'xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
        '<link href="http://arxiv.org/api/query?id_list=x" rel="self" '
        'type="application/atom+xml"/>\n'
        "<title>arXiv Query: id_list=x</title>\n<id>http://arxiv.org/api/fixture</id>\n"
        "<updated>2024-05-16T00:00:00-04:00</updated>\n"
        f"<opensearch:totalResults>{len(API_RANGE)}</opensearch:totalResults>\n"
        "<opensearch:startIndex>0</opensearch:startIndex>\n"
        f"<opensearch:itemsPerPage>{len(API_RANGE)}</opensearch:itemsPerPage>\n"
        + entries
        + "</feed>\n"
    )


def generic_atom(corpus: list[dict[str, Any]]) -> str:
    """A blog-like Atom feed: tag: ids, HTML content, one entry pointing at an arXiv paper."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Example Lab Blog</title>
<id>tag:example.org,2024:blog</id>
<updated>2024-05-16T10:00:00+02:00</updated>
<link href="https://example.org/"/>
<entry>
<title type="html">Reading notes: &lt;em&gt;{escape(escape(corpus[90]["title"]))}&lt;/em&gt;</title>
<id>tag:example.org,2024:post-1</id>
<link rel="alternate" href="https://arxiv.org/abs/{arxiv_id(90)}"/>
<updated>2024-05-15T10:00:00+02:00</updated>
<author><name>Example Writer</name></author>
<summary type="html">&lt;p&gt;We read {escape(escape(corpus[90]["title"]))}.&lt;/p&gt;</summary>
</entry>
<entry>
<title>Lab news</title>
<id>tag:example.org,2024:post-2</id>
<link rel="alternate" href="https://example.org/posts/2"/>
<published>2024-05-14T08:30:00-07:00</published>
<updated>2024-05-14T08:30:00-07:00</updated>
<content type="html">&lt;p&gt;Two new members &amp;amp; a
&lt;a href="https://example.org"&gt;new site&lt;/a&gt;.&lt;/p&gt;
&lt;p&gt;Second paragraph.&lt;/p&gt;</content>
</entry>
<entry>
<title>An entry with only an id</title>
<id>tag:example.org,2024:post-3</id>
<updated>2024-05-13T00:00:00Z</updated>
<summary>Plain text summary with a literal &lt;tag&gt; and x &lt; y.</summary>
</entry>
</feed>
"""


def rss091(corpus: list[dict[str, Any]]) -> str:
    """A small RSS 0.91 feed with the Netscape DOCTYPE (a PUBLIC DTD, which must be accepted)."""
    items = "".join(
        f"<item>\n<title>{escape(corpus[i]['title'])}</title>\n"
        f"<link>https://arxiv.org/abs/{arxiv_id(i)}</link>\n"
        f"<description>{escape(corpus[i]['abstract'][:300])}</description>\n</item>\n"
        for i in (100, 101)
    )
    return (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        '<rss version="0.91">\n<channel>\n<title>Old Feed</title>\n'
        "<link>https://example.org/</link>\n<description>RSS 0.91</description>\n"
        "<language>en-us</language>\n" + items + "</channel>\n</rss>\n"
    )


def rss10(corpus: list[dict[str, Any]]) -> str:
    """A small RSS 1.0 (RDF) feed with dc:creator and dc:date."""
    ids = (110, 111)
    seq = "".join(f'<rdf:li rdf:resource="https://arxiv.org/abs/{arxiv_id(i)}"/>' for i in ids)
    items = "".join(
        f"<item rdf:about={quoteattr('https://arxiv.org/abs/' + arxiv_id(i))}>\n"
        f"<title>{escape(corpus[i]['title'])}</title>\n"
        f"<link>https://arxiv.org/abs/{arxiv_id(i)}</link>\n"
        f"<description>{escape(corpus[i]['abstract'][:300])}</description>\n"
        f"<dc:creator>{escape(', '.join(authors_of(i, corpus[i])))}</dc:creator>\n"
        f"<dc:date>2024-05-1{i % 10}T09:00:00Z</dc:date>\n</item>\n"
        for i in ids
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        '<channel rdf:about="https://example.org/rss10">\n<title>RDF Feed</title>\n'
        "<link>https://example.org/</link>\n<description>RSS 1.0</description>\n"
        f"<items><rdf:Seq>{seq}</rdf:Seq></items>\n</channel>\n" + items + "</rdf:RDF>\n"
    )


def write(out: Path, name: str, text: str | bytes) -> None:
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    (out / name).write_bytes(data)


def main(argv: list[str]) -> int:
    corpus_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    out = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    corpus: list[dict[str, Any]] = json.loads(corpus_path.read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    hf = [hf_entry(i, corpus[i]) for i in HF_RANGE]
    write(out, "hf_daily.json", json.dumps(hf, indent=1, ensure_ascii=False) + "\n")
    mirror = [mirror_item(i, corpus[i]) for i in MIRROR_RANGE]
    write(out, "hf_mirror.rss", rss("Hugging Face Daily Papers (mirror)", mirror))
    arxiv_ns = (
        ' xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/"'
    )
    listing = [arxiv_item(i, corpus[i]) for i in ARXIV_RANGE]
    write(out, "arxiv.rss", rss("cs.LG updates on arXiv.org", listing, arxiv_ns))
    write(out, "arxiv_api.atom", api_atom(corpus))
    write(out, "generic.atom", generic_atom(corpus))
    write(out, "rss091.xml", rss091(corpus).encode("iso-8859-1", "replace"))
    write(out, "rss10.rdf", rss10(corpus))
    write(out, "hostile.json", json.dumps(bad.hostile_json(), indent=1, ensure_ascii=True) + "\n")
    write(out, "hostile.rss", bad.HOSTILE_RSS)
    write(out, "hf_malformed.json", bad.malformed_json() + "\n")
    write(out, "billion_laughs.xml", bad.BILLION_LAUGHS)
    write(out, "xxe.xml", bad.XXE)
    write(out, "external_dtd.xml", bad.EXTERNAL_DTD)
    write(out, "malformed.rss", bad.MALFORMED_RSS)
    write(out, "missing_ids.rss", bad.MISSING_IDS_RSS)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
