"""Published versions: Semantic Scholar, then DBLP, then Crossref, cached; `bib upgrade` keeps
every key and field the user wrote.

Loopback answers follow the services' documentation:
- Semantic Scholar Academic Graph API (api.semanticscholar.org/api-docs/graph):
  ``GET /graph/v1/paper/arXiv:{id}?fields=...`` -> 200 a paper object (``venue``, ``year``,
  ``externalIds`` with ``DOI``/``ArXiv``, ``journal`` {name, volume, pages}, ``publicationVenue``
  {name, type}, ``publicationTypes``), 404 ``{"error": "Paper with id ... not found"}``, 429.
- DBLP search API (dblp.org/faq/How+to+use+the+dblp+search+API.html): ``GET
  /search/publ/api?q=...&format=json`` -> ``{"result": {"hits": {"hit": [{"info": {title,
  venue, year, type, doi, ...}}]}}}``; arXiv copies are type "Informal Publications", venue CoRR.
- Crossref REST API (api.crossref.org/swagger-ui): ``GET /works?query.bibliographic=...`` ->
  ``{"status": "ok", "message": {"items": [{DOI, title: [...], container-title: [...], type,
  issued: {date-parts}, volume, page}]}}``.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from pytest_httpserver import HTTPServer

from tui.domain.paper import Paper
from tui.library.published import VenueLookup, upgrade_file
from tui.sources.api_client import ApiClient
from tui.sources.pacing import HostPacer

PAPER = Paper(id="2305.18290", title="Direct Preference Optimization", authors=("R. Rafailov",))
S2_PAPER = {
    "paperId": "0d1c76d45afa012ded7ab741194baf142117c495",
    "externalIds": {"ArXiv": "2305.18290", "DBLP": "conf/nips/RafailovSMMEF23", "DOI": None},
    "title": "Direct Preference Optimization",
    "venue": "Neural Information Processing Systems",
    "year": 2023,
    "journal": {"name": "ArXiv", "volume": "abs/2305.18290"},
    "publicationVenue": {"name": "Neural Information Processing Systems", "type": "conference"},
    "publicationTypes": ["JournalArticle", "Conference"],
}


def _lookup(server: HTTPServer, tmp_path: Path) -> VenueLookup:
    base = server.url_for("").rstrip("/")
    env = {"DAILYPAPERS_S2_API": base, "DAILYPAPERS_DBLP_API": base}
    env["DAILYPAPERS_CROSSREF_API"] = base
    lookup = VenueLookup(tmp_path / "venues.json", ApiClient(deadline=5), env)
    assert lookup.client is not None
    lookup.client.pacer = HostPacer({})  # no room between requests to the test server
    return lookup


def test_semantic_scholar_first_then_the_cache(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_oneshot_request("/graph/v1/paper/arXiv:2305.18290").respond_with_json(
        S2_PAPER
    )
    lookup = _lookup(httpserver, tmp_path)
    venue = asyncio.run(lookup.venue(PAPER))
    assert venue is not None and venue.kind == "inproceedings" and venue.badge == "NeurIPS 2023"
    again = _lookup(httpserver, tmp_path)  # the server would now answer 500: cached
    assert asyncio.run(again.venue(PAPER)) == venue


def test_dblp_when_semantic_scholar_does_not_know(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/graph/v1/paper/arXiv:2305.18290").respond_with_json(
        {"error": "Paper with id arXiv:2305.18290 not found"}, status=404
    )
    corr = {"title": "Direct Preference Optimization.", "venue": "CoRR", "year": "2023"}
    corr["type"] = "Informal Publications"
    nips = {"title": "Direct Preference Optimization.", "venue": "NeurIPS", "year": "2023"}
    nips |= {"type": "Conference and Workshop Papers", "doi": "10.5555/3666122.3668460"}
    hits = {"result": {"hits": {"@total": "2", "hit": [{"info": corr}, {"info": nips}]}}}
    httpserver.expect_request("/search/publ/api").respond_with_json(hits)
    venue = asyncio.run(_lookup(httpserver, tmp_path).venue(PAPER))
    assert venue is not None and venue.name == "NeurIPS" and venue.source == "DBLP"
    assert venue.doi == "10.5555/3666122.3668460"


def test_crossref_last_and_rate_limits_move_on(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/graph/v1/paper/arXiv:2305.18290").respond_with_data(
        '{"message": "Too Many Requests"}', status=429
    )
    httpserver.expect_request("/search/publ/api").respond_with_json({"result": {"hits": {}}})
    item = {"DOI": "10.1000/dpo", "title": ["Direct Preference Optimization"]}
    item |= {"container-title": ["Journal of Things"], "type": "journal-article"}
    item |= {"issued": {"date-parts": [[2024, 1]]}, "volume": "7", "page": "1-20"}
    posted = item | {"type": "posted-content", "DOI": "10.48550/arXiv.2305.18290"}
    httpserver.expect_request("/works").respond_with_json(
        {"status": "ok", "message": {"items": [posted, item]}}
    )
    lookup = _lookup(httpserver, tmp_path)
    venue = asyncio.run(lookup.venue(PAPER))
    assert venue is not None and (venue.kind, venue.doi) == ("article", "10.1000/dpo")
    assert any("Semantic Scholar asks to slow down" in n for n in lookup.notices)


def test_bib_upgrade_keeps_keys_and_fields(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/graph/v1/paper/arXiv:2305.18290").respond_with_json(S2_PAPER)
    httpserver.expect_request("/graph/v1/paper/arXiv:2101.00001").respond_with_json(
        {"error": "not found"}, status=404
    )
    httpserver.expect_request("/search/publ/api").respond_with_json({"result": {"hits": {}}})
    httpserver.expect_request("/works").respond_with_json({"message": {"items": []}})
    bib = tmp_path / "refs.bib"
    text = (
        "% mine\n@misc{myDPO,\n  title={Direct Preference Optimization},\n"
        "  note={my note},\n  eprint={2305.18290},\n  archivePrefix={arXiv},\n}\n\n"
        "@article{scholar, title={Unknown}, journal={arXiv preprint arXiv:2101.00001}}\n"
    )
    bib.write_text(text, encoding="utf-8")
    lines = asyncio.run(upgrade_file(bib, _lookup(httpserver, tmp_path)))
    new = bib.read_text(encoding="utf-8")
    assert new.startswith("% mine\n@inproceedings{myDPO,\n  title={Direct Preference")
    assert "note={my note}" in new and "booktitle={Neural Information Processing Systems}" in new
    assert new.endswith(text[text.index("@article{scholar") :])
    assert lines[0] == (
        "myDPO: @misc -> @inproceedings; booktitle Neural Information Processing Systems"
    )
    assert "1 arXiv entries with no published version found" in lines[2]
    assert list(tmp_path.glob("refs.bib.bak-*"))


def test_a_miss_is_cached_only_when_every_service_answered(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/graph/v1/paper/arXiv:2305.18290").respond_with_json(
        {"error": "not found"}, status=404
    )
    httpserver.expect_request("/search/publ/api").respond_with_data("down", status=502)
    httpserver.expect_request("/works").respond_with_json({"message": {"items": []}})
    assert asyncio.run(_lookup(httpserver, tmp_path).venue(PAPER)) is None
    assert not (tmp_path / "venues.json").exists(), "DBLP gave no answer: not a miss"
    httpserver.clear()
    httpserver.expect_request("/graph/v1/paper/arXiv:2305.18290").respond_with_json(
        {"error": "not found"}, status=404
    )
    httpserver.expect_request("/search/publ/api").respond_with_json({"result": {"hits": {}}})
    httpserver.expect_request("/works").respond_with_json({"message": {"items": []}})
    assert asyncio.run(_lookup(httpserver, tmp_path).venue(PAPER)) is None
    asked = len(httpserver.log)
    assert asyncio.run(_lookup(httpserver, tmp_path).venue(PAPER)) is None
    assert len(httpserver.log) == asked, "a real miss is cached (for a week)"


def test_a_refused_connection_caches_nothing(tmp_path: Path) -> None:
    env = dict.fromkeys(
        ("DAILYPAPERS_S2_API", "DAILYPAPERS_DBLP_API", "DAILYPAPERS_CROSSREF_API"),
        "http://127.0.0.1:9",
    )
    lookup = VenueLookup(tmp_path / "venues.json", ApiClient(deadline=3), env)
    lookup.client.min_interval = {}  # type: ignore[union-attr]
    assert asyncio.run(lookup.venue(PAPER)) is None
    assert not (tmp_path / "venues.json").exists()
    assert any("connection refused" in notice for notice in lookup.notices)


def test_retry_after_leaves_the_service_alone(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/graph/v1/paper/arXiv:2305.18290").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "120"}
    )
    httpserver.expect_request("/search/publ/api").respond_with_json({"result": {"hits": {}}})
    httpserver.expect_request("/works").respond_with_json({"message": {"items": []}})
    lookup = _lookup(httpserver, tmp_path)
    other = Paper(id="2101.00001", title="Another Paper")

    async def twice() -> None:
        await lookup.venue(PAPER)
        await lookup.venue(other)
        await lookup.aclose()

    asyncio.run(twice())
    s2 = [entry for entry, _ in httpserver.log if entry.path.startswith("/graph/")]
    assert len(s2) == 1, "the second paper did not ask Semantic Scholar again"
    assert not (tmp_path / "venues.json").exists()


def test_a_planted_cache_entry_is_sanitised_or_ignored(tmp_path: Path) -> None:
    planted = {
        "2305.18290": {
            "venue": {"kind": "article", "name": "Evil\x1b]52;c;aGk=\x07 Journal", "year": 2024},
            "asked": "2099-01-01T00:00:00+00:00",
        },
        "2101.00001": {"venue": {"kind": "script", "name": "x"}, "asked": "2099-01-01"},
    }
    (tmp_path / "venues.json").write_text(json.dumps(planted), encoding="utf-8")
    lookup = VenueLookup(tmp_path / "venues.json", None, {})
    venue = asyncio.run(lookup.venue(PAPER))
    assert venue is not None and venue.name == "Evil Journal" and "\x1b" not in venue.badge
    assert lookup.known("2101.00001") == (False, None)


def test_bib_upgrade_of_a_latin1_file_keeps_its_bytes(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/graph/v1/paper/arXiv:2305.18290").respond_with_json(S2_PAPER)
    bib = tmp_path / "refs.bib"
    head = "@book{goedel, author={G\xf6del, Kurt}, title={\xdcber}}\n\n".encode("latin-1")
    bib.write_bytes(head + b"@misc{myDPO,\n  eprint={2305.18290},\n}\n")
    lines = asyncio.run(upgrade_file(bib, _lookup(httpserver, tmp_path)))
    new = bib.read_bytes()
    assert new.startswith(head + b"@inproceedings{myDPO,\n  eprint={2305.18290},\n  booktitle=")
    assert lines[0].startswith("myDPO: @misc -> @inproceedings")


def test_a_title_hit_by_other_authors_is_another_work(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """ "Deep Learning" by LeCun in Nature is not the arXiv preprint "Deep Learning" by Smith:
    DBLP hits carry ``authors.author[].text``, Crossref items ``author[].family``."""
    paper = Paper(id="2401.00001", title="Deep Learning", authors=("Jo Smith",))
    httpserver.expect_request("/graph/v1/paper/arXiv:2401.00001").respond_with_json(
        {"error": "not found"}, status=404
    )
    lecun = {"title": "Deep learning.", "venue": "Nat.", "year": "2015", "type": "Journal Articles"}
    lecun["authors"] = {"author": [{"@pid": "l/YannLeCun", "text": "Yann LeCun"}]}
    httpserver.expect_request("/search/publ/api").respond_with_json(
        {"result": {"hits": {"@total": "1", "hit": [{"info": lecun}]}}}
    )
    nature = {"DOI": "10.1038/nature14539", "title": ["Deep learning"], "type": "journal-article"}
    nature |= {"container-title": ["Nature"], "author": [{"given": "Yann", "family": "LeCun"}]}
    smith = nature | {"DOI": "10.1000/smith", "container-title": ["J. Smith Studies"]}
    smith |= {"author": [{"given": "Jo", "family": "Smith"}]}
    httpserver.expect_request("/works").respond_with_json({"message": {"items": [nature, smith]}})
    venue = asyncio.run(_lookup(httpserver, tmp_path).venue(paper))
    assert venue is not None and venue.doi == "10.1000/smith"
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{s, author={Smith, Jo}, title={Deep Learning}, eprint={2401.00001}}")
    (tmp_path / "venues.json").unlink()
    asyncio.run(upgrade_file(bib, _lookup(httpserver, tmp_path)))
    assert "J. Smith Studies" in bib.read_text() and "Nature" not in bib.read_text()
