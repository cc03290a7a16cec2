"""The Hugging Face parts of the preview: the TL;DR line, the facts (organization, submitter,
author participating) and the discussion link. Nothing is shown for what the feed did not say."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from tui.domain.links import PaperLink, discussion_link
from tui.domain.paper import Paper


def hub_tldr(paper: Paper, render: Callable[[str], str]) -> Text:
    """``TL;DR: …`` when Hugging Face has an AI summary of the paper, else nothing."""
    if not paper.tldr:
        return Text()
    text = Text("TL;DR: ", style="bold")
    text.append(render(paper.tldr))
    return text


def hub_facts(paper: Paper) -> list[str]:
    """The organization, the submitter and "author participating", where known."""
    facts = []
    if paper.organization:
        facts.append(f"org {paper.organization}")
    if paper.submitter:
        facts.append(f"submitted by {paper.submitter}")
    if paper.author_participating:
        facts.append("author participating")
    return facts


def hub_links(paper: Paper) -> tuple[PaperLink, ...]:
    """The discussion on Hugging Face, when the paper has one there."""
    url = discussion_link(paper)
    return (PaperLink("Discussion", url, "discussion"),) if url else ()
