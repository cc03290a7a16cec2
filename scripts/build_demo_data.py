"""Build the bundled offline sample `tui/demo/daily_papers.json` from the shared paper corpus.

Usage: python scripts/build_demo_data.py [CORPUS] [OUT]

The output has the Hugging Face daily-papers API shape. Titles, abstracts, author counts and
upvotes come from the corpus (LaTeX and code URLs kept); arXiv ids, author names, days and times
are made up deterministically, so the output is the same on every run.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

GIVEN = [
    "Ada",
    "Bilal",
    "Chen",
    "Dana",
    "Emil",
    "Farah",
    "Goran",
    "Hana",
    "Ivo",
    "Jun",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tomás",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoë",
]
FAMILY = [
    "Abara",
    "Brandt",
    "Castellanos",
    "Dubois",
    "Eriksen",
    "Fujita",
    "García",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Schneider",
    "Tanaka",
    "Ueda",
    "van der Berg",
    "Wójcik",
    "Xu",
    "Yilmaz",
    "Zhang",
]
DAYS = [
    date(2026, 11, 26),
    date(2026, 11, 25),
    date(2026, 11, 24),
    date(2026, 11, 23),
    date(2026, 11, 20),
]
GITHUB = re.compile(r"https?://github\.com/[\w.-]+/[\w.-]+")


def _digest(*parts: object) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:12], 16)


def _author(index: int, position: int) -> dict[str, object]:
    seed = _digest(index, position)
    name = f"{GIVEN[seed % len(GIVEN)]} {FAMILY[(seed // 31) % len(FAMILY)]}"
    return {"_id": f"{seed:024x}"[:24], "name": name, "hidden": False}


def _entry(index: int, record: dict[str, object]) -> dict[str, object]:
    day = DAYS[index % len(DAYS)]
    arxiv_id = f"2611.{10000 + (index * 7919) % 90000:05d}"
    featured = datetime(day.year, day.month, day.day, 1 + index % 20, index % 60, 7)
    published = featured - timedelta(days=1, hours=index % 9)
    abstract = str(record["abstract"])
    n_authors = int(record.get("n_authors") or 1)  # type: ignore[call-overload]
    upvotes = record.get("upvotes")
    paper: dict[str, object] = {
        "id": arxiv_id,
        "authors": [_author(index, i) for i in range(min(n_authors, 40))],
        "publishedAt": published.isoformat() + ".000Z",
        "submittedOnDailyAt": featured.isoformat() + ".000Z",
        "title": record["title"],
        "summary": abstract,
        "upvotes": upvotes if isinstance(upvotes, int) else _digest("up", index) % 12,
        "discussionId": f"{_digest('d', index):024x}"[:24],
    }
    code = GITHUB.search(abstract)
    if code:
        paper["githubRepo"] = code.group(0).rstrip(".").removesuffix(".git")
        paper["githubStars"] = _digest("stars", index) % 4000
    if index % 7 == 3:
        paper["projectPage"] = f"https://demo-lab-{index}.github.io/project"
    paper.update(_hub_extras(index, str(record["title"]), abstract))
    return {
        "paper": paper,
        "publishedAt": paper["publishedAt"],
        "title": record["title"],
        "summary": abstract,
        "numComments": _digest("c", index) % 6,
        "isAuthorParticipating": False,
    }


FIRST_SENTENCE = re.compile(r"^(.{40,200}?[.!?])\s")
KEYWORD = re.compile(r"[A-Za-z][A-Za-z-]{5,}")
LABS = ("sato-lab", "demo-univ", "open-models", "vision-group")


def _hub_extras(index: int, title: str, abstract: str) -> dict[str, object]:
    """What Hugging Face adds to about half of the papers, made up from the paper itself: a
    TL;DR (its first sentence), keywords (words of its title) and, for some, an organization."""
    extras: dict[str, object] = {}
    sentence = FIRST_SENTENCE.match(abstract)
    if index % 2 == 0 and sentence:
        extras["ai_summary"] = sentence.group(1)
        words = dict.fromkeys(w.lower() for w in KEYWORD.findall(title))
        extras["ai_keywords"] = list(words)[:5]
    if index % 5 < 2:
        lab = LABS[_digest("org", index) % len(LABS)]
        extras["organization"] = {"name": lab, "fullname": lab.replace("-", " ").title()}
    return extras


def build(corpus: list[dict[str, object]]) -> list[dict[str, object]]:
    """The sample: one entry per distinct corpus title, in corpus order."""
    seen: set[object] = set()
    entries = []
    for index, record in enumerate(corpus):
        if record["title"] in seen:
            continue
        seen.add(record["title"])
        entries.append(_entry(index, record))
    return entries


def main(argv: list[str]) -> int:
    corpus_path = Path(argv[1] if len(argv) > 1 else "../shared/fixtures/papers_corpus.json")
    out = Path(argv[2] if len(argv) > 2 else "tui/demo/daily_papers.json")
    entries = build(json.loads(corpus_path.read_text(encoding="utf-8")))
    out.write_text(json.dumps(entries, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(entries)} papers to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
