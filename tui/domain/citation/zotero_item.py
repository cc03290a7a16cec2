"""A paper as Zotero items: the Web API's item JSON, and the RIS the connector imports.

Web API (``POST /users/{id}/items``, API v3): an array of item objects. A preprint is
``itemType: preprint`` (repository arXiv, archiveID ``arXiv:<id>``); a published paper
``journalArticle`` or ``conferencePaper`` with its journal DOI. The PDF is a child
``attachment`` (``linkMode: linked_url``) in the same request, after its parent, whose
``parentItem`` is a locally made item key (eight characters of
``23456789ABCDEFGHIJKLMNPQRSTUVWXYZ``, as the write-requests documentation requires), derived
from the write token so a retry sends the very same objects. The connector
(``/connector/import``) takes the RIS record with the PDF link as ``L1``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from tui.domain.citation import formats
from tui.domain.citation.text import clean_line, latex_to_plain
from tui.domain.citation.venue import PROCEEDINGS, Venue
from tui.domain.links import pdf_link
from tui.domain.paper import Paper

_KEY_ALPHABET = "23456789ABCDEFGHIJKLMNPQRSTUVWXYZ"


def item_key(seed: str) -> str:
    """An eight-character Zotero object key derived from `seed` (the same seed, the same key)."""
    digest = hashlib.sha256(seed.encode("utf-8", "surrogatepass")).digest()
    return "".join(_KEY_ALPHABET[byte % len(_KEY_ALPHABET)] for byte in digest[:8])


def _creators(paper: Paper) -> list[dict[str, str]]:
    creators = []
    for name in formats.names_of(paper):
        if name.given:
            # Zotero keeps a suffix after a comma in the first name (citeproc reads it there).
            first = f"{name.given}, {name.suffix}" if name.suffix else name.given
            creators.append({"creatorType": "author", "firstName": first, "lastName": name.family})
        else:
            creators.append({"creatorType": "author", "name": name.family})
    return creators


def _date(paper: Paper, venue: Venue | None) -> str:
    if venue is not None and venue.year:
        return str(venue.year)
    if paper.published is not None:
        return paper.published.date().isoformat()
    year = formats.citation_year(paper)
    return str(year) if year else ""


def _kind_fields(paper: Paper, venue: Venue | None) -> dict[str, str]:
    arxiv_id = formats.arxiv_id_of(paper)
    if venue is None:
        fields = {"itemType": "preprint", "repository": "arXiv" if arxiv_id else ""}
        return fields | ({"archiveID": f"arXiv:{arxiv_id}"} if arxiv_id else {})
    kind = "conferencePaper" if venue.kind == PROCEEDINGS else "journalArticle"
    where = "proceedingsTitle" if kind == "conferencePaper" else "publicationTitle"
    fields = {"itemType": kind, where: latex_to_plain(venue.name)}
    fields |= {"volume": venue.volume} if venue.volume else {}
    fields |= {"pages": venue.pages} if venue.pages else {}
    return fields | ({"extra": f"arXiv: {arxiv_id}"} if arxiv_id else {})


def web_api_items(paper: Paper, token: str, venue: Venue | None = None) -> list[dict[str, Any]]:
    """The parent item and (when there is a PDF) its linked-URL attachment, for one POST."""
    venue = formats.venue_of(paper, venue)
    parent_key = item_key(f"{token}:parent")
    item: dict[str, Any] = {
        "key": parent_key,
        **_kind_fields(paper, venue),
        "title": formats.plain_title(paper),
        "creators": _creators(paper),
        "abstractNote": clean_line(paper.abstract),
        "date": _date(paper, venue),
        "url": formats.landing_url(paper),
        "tags": [],
        "collections": [],
        "relations": {},
    }
    doi = formats.cited_doi(paper, venue)
    if doi:
        item["DOI"] = doi
    items = [item]
    pdf = pdf_link(paper)
    if pdf:
        items.append(
            {
                "key": item_key(f"{token}:pdf"),
                "itemType": "attachment",
                "parentItem": parent_key,
                "linkMode": "linked_url",
                "title": "Full Text PDF",
                "url": pdf,
                "contentType": "application/pdf",
                "tags": [],
                "relations": {},
            }
        )
    return items


def connector_ris(paper: Paper, key: str, venue: Venue | None = None) -> str:
    """The RIS record the connector imports, the PDF link as ``L1``."""
    return formats.ris(paper, key, venue, pdf=pdf_link(paper) or "") + "\n"
