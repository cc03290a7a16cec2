"""The bad-input feed fixtures: hostile text, malformed entries, entity bombs, broken XML.

Imported by `make_fixtures.py`, which writes them to `tests/fixtures/`. Each constant names the
row of `bad-inputs.md` it serves where that is not obvious.
"""

from __future__ import annotations

import json
from typing import Any

HOSTILE_TITLES = [
    "OSC52 \x1b]52;c;ZWNobyBwd25lZA==\x07clipboard",
    "Title \x1b]0;pwned-title\x07 change \x1b]2;again\x1b\\ done",
    "Link \x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\ here",
    "Clear \x1b[2J\x1b[H screen \x1b[21t report",
    "DCS \x1bP1$r0m\x1b\\ and APC \x1b_hidden\x1b\\ end",
    "Unterminated \x1b]0;never ends",
    "C1 \u009b31m csi \u009d0;osc\u009c nul\x00 del\x7f bs\x08 cr\r end",
    "Bidi \u202egnp.exe\u202c iso \u2066x\u2069 zw\u200bsp\ufeffbom",
    "Markup [b]bold[/b] [@click=app.quit]x[/] [link=https://evil.example]l[/link] [unbalanced",
    "Lone surrogate \ud83d here",
]


def hostile_json() -> list[dict[str, Any]]:
    """Hugging Face shape; every title and abstract carries terminal or markup tricks."""
    entries = []
    for i, title in enumerate(HOSTILE_TITLES):
        abstract = f"Line one.\n{title}\tTabbed.\x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07"
        entries.append(
            {
                "paper": {
                    "id": f"2405.2{i:04d}",
                    "title": title,
                    "summary": abstract,
                    "authors": [{"name": f"Mallory \x1b[5m{i}\x1b[0m"}, {"name": "\u202eevE"}],
                    "publishedAt": "2024-05-15T17:59:58.000Z",
                    "submittedOnDailyAt": "2024-05-16T00:21:07.497Z",
                    "upvotes": i,
                    "githubRepo": "https://github.com/example/\x1b]52;c;x\x07repo",
                    "projectPage": "javascript:alert(1)",
                },
                "numComments": 1,
            }
        )
    return entries


HOSTILE_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Hostile &#27;]0;feed&#7;</title>
<item><title>Entity ESC &#27;]0;pwned&#7; and &#x1b;[2J and &#x9d; and &#x202e;rev</title>
<link>https://huggingface.co/papers/2405.30001</link>
<description>&lt;p&gt;HTML &amp;#27;]52;c;aGk=&amp;#7; then &amp;#x9b;31m
and &amp;amp;#27;[2J&lt;/p&gt;</description>
<pubDate>Thu, 16 May 2024 06:00:00 GMT</pubDate></item>
<item><title>Raw C1 \u009b31m and bidi \u202e and zw \u200b
[b]markup[/b] [@click=app.quit]q[/]</title>
<link>https://huggingface.co/papers/2405.30002</link>
<description><![CDATA[<p>CDATA with <b>bold</b> &#27;[31m
and &#x1b;]8;;https://evil/&#x1b;\\ link</p>]]></description>
<pubDate>Thu, 16 May 2024 06:00:00 GMT</pubDate></item>
</channel></rss>
"""

MALFORMED_JSON_ENTRIES: list[Any] = [
    {"paper": {"id": "2405.40001", "title": "Good one", "upvotes": 5}, "numComments": 2},
    {"no_paper": True},
    {"paper": "not a dict"},
    {"paper": {"title": "No id"}},
    {"paper": {"id": "2405.40002"}},
    {"paper": {"id": None, "title": None}},
    None,
    "string entry",
    42,
    {"paper": {"id": 240540003, "title": "Numeric id"}},
    {"paper": {"id": "2405.40004", "title": "NaN upvotes", "upvotes": "NaN", "authors": None}},
    {"paper": {"id": "2405.40005", "title": "Text count", "upvotes": "1.2k", "numComments": 3}},
    {"paper": {"id": "2405.40006", "title": "String count", "upvotes": "12"}, "numComments": "4"},
    {"paper": {"id": "2405.40007", "title": "Bool count", "upvotes": True}, "numComments": -3},
    {"paper": {"id": "2405.40008", "title": "Huge count", "upvotes": "HUGE_NUMBER"}},
    {"paper": {"id": "2405.40009", "title": "Float count", "upvotes": 7.0, "githubStars": 1.5}},
    {"paper": {"id": "2405.40010", "title": ["not", "a", "string"]}},
    {"paper": {"id": "2405.40011", "title": "Odd authors", "authors": [None, 3, {"x": 1}]}},
    {"paper": {"id": "2405.40012", "title": "Bad dates", "publishedAt": "2024-02-30T00:00:00Z"}},
    {"paper": {"id": "2405.40013", "title": "Bad time", "publishedAt": "2024-05-01T99:99:00Z"}},
    {"paper": {"id": "2405.40014", "title": "Year zero", "publishedAt": "0000-01-01T00:00:00Z"}},
    {
        "paper": {
            "id": "2405.40015",
            "title": "Year 9999",
            "publishedAt": "9999-12-31T23:59:59Z",
            "submittedOnDailyAt": "9999-12-31T23:59:59Z",
        }
    },
    {"paper": {"id": "2405.40016", "title": "Naive", "publishedAt": "2024-05-01T12:00:00"}},
    {
        "paper": {
            "id": "2405.40017",
            "title": "Offset",
            "publishedAt": "2024-05-01T23:30:00-05:00",
            "submittedOnDailyAt": "2024-05-02T23:30:00-05:00",
        }
    },
    {"paper": {"id": "2405.40018", "title": "Date as number", "publishedAt": 1715000000}},
    {"paper": {"id": "2405.40001", "title": "Good one, seen again", "upvotes": 9}},
]


def malformed_json() -> str:
    """Row 7 of bad-inputs: bad entries among good ones (and one 5,000-digit number)."""
    text = json.dumps(MALFORMED_JSON_ENTRIES, indent=1)
    return text.replace('"HUGE_NUMBER"', "9" * 5000)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title>
<item><title>&lol4;</title><link>https://example.org/1</link></item></channel></rss>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title>
<item><title>&xxe;</title><link>https://example.org/1</link></item></channel></rss>
"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">
<rss version="2.0"><channel><title>x</title>
<item><title>t</title><link>https://example.org/1</link></item></channel></rss>
"""

MALFORMED_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Broken</title>
<item><title>First good item</title><link>https://arxiv.org/abs/2405.50001</link>
<description>Fine.</description></item>
<item><title>Second item <b>unclosed</title><link>https://arxiv.org/abs/2405.50002</link>
<description>Also here</description></item>
<item><title>Third & bare ampersand</title><link>https://arxiv.org/abs/2405.50003</link></item>
</channel>
"""

MISSING_IDS_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Ids</title>
<item><title>Title only, no link or guid</title><description>a</description></item>
<item><title>Another title only</title><description>b</description></item>
<item><description>Neither title nor link: skipped</description></item>
<item><title>Guid only</title><guid isPermaLink="false">urn:example:42</guid></item>
<item><title>Plain link</title><link>https://example.org/posts/7</link></item>
<item><title>Bare arXiv guid</title><guid isPermaLink="false">2405.50009</guid></item>
</channel></rss>
"""
