"""arXiv ids: recognising them in ids, URLs and guids, versions dropped, page URLs built."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.arxiv import (
    abs_url,
    find_arxiv_id,
    hf_paper_url,
    month_key,
    normalise_arxiv_id,
    pdf_url,
    year_of,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2405.01234", "2405.01234"),
        ("2405.01234v2", "2405.01234"),
        ("arXiv:2405.01234v13", "2405.01234"),
        ("  ARXIV: 2405.01234  ", "2405.01234"),
        ("0704.0001", "0704.0001"),  # the first new-style id, four digits
        ("hep-th/9901001", "hep-th/9901001"),
        ("hep-th/9901001v2", "hep-th/9901001"),
        ("HEP-TH/9901001", "hep-th/9901001"),
        ("cond-mat/0102536v1", "cond-mat/0102536"),
        ("math.GT/0309136", "math.GT/0309136"),
        ("math.gt/0309136", "math.GT/0309136"),
        ("2405.123", None),
        ("2405.012345", None),
        ("2405.01234 and more", None),
        ("hep-th/99010", None),
        ("hello", None),
        ("٢٤٠٥.٠١٢٣٤", None),  # other scripts' digits
        ("", None),
    ],
)
def test_normalise_arxiv_id(text: str, expected: str | None) -> None:
    assert normalise_arxiv_id(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://arxiv.org/abs/2405.01234v2", "2405.01234"),
        ("http://arxiv.org/abs/2405.01234", "2405.01234"),
        ("https://arxiv.org/pdf/2405.01234v1.pdf", "2405.01234"),
        ("https://arxiv.org/pdf/2405.01234", "2405.01234"),
        ("https://arxiv.org/html/2405.01234v3", "2405.01234"),
        ("http://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001"),
        ("https://export.arxiv.org/abs/math.GT/0309136", "math.GT/0309136"),
        ("oai:arXiv.org:2405.01234v1", "2405.01234"),  # arXiv RSS guid
        ("oai:arXiv.org:hep-th/9901001v2", "hep-th/9901001"),
        ("https://huggingface.co/papers/2405.01234", "2405.01234"),
        ("https://hf.co/papers/2405.01234", "2405.01234"),
        ("See arXiv:2405.01234 for details", "2405.01234"),
        ("2405.01234v2", "2405.01234"),
        ("https://example.org/papers/2405.01234/", "2405.01234"),  # a bare new-style id
        ("https://arxiv.org/abs/2405.012345", None),  # six digits: not an id
        ("release 12405.01234", None),
        ("version 1.2.3", None),
        ("https://arxiv.org/abs/٢٤٠٥.٠١٢٣٤", None),
        ("https://example.org/item/42", None),
        ("", None),
    ],
)
def test_find_arxiv_id(text: str, expected: str | None) -> None:
    assert find_arxiv_id(text) == expected


@pytest.mark.parametrize(
    ("arxiv_id", "year", "month"),
    [
        ("2405.01234", 2024, "2405"),
        ("0704.0001", 2007, "0704"),
        ("1501.00001", 2015, "1501"),
        ("hep-th/9901001", 1999, "9901"),
        ("hep-th/9108001", 1991, "9108"),
        ("math.GT/0309136", 2003, "0309"),
        ("guid:3f2a9c", None, "other"),
        ("guid:", None, "other"),
        ("²³⁴⁵.00001", None, "other"),  # digits to str.isdigit, not to int()
        ("١٢٣٤.00001", None, "other"),
    ],
)
def test_year_of_and_month_key(arxiv_id: str, year: int | None, month: str) -> None:
    assert year_of(arxiv_id) == year
    assert month_key(arxiv_id) == month


def test_urls() -> None:
    assert abs_url("2405.01234") == "https://arxiv.org/abs/2405.01234"
    assert pdf_url("2405.01234") == "https://arxiv.org/pdf/2405.01234"
    assert hf_paper_url("2405.01234") == "https://huggingface.co/papers/2405.01234"
    assert abs_url("hep-th/9901001") == "https://arxiv.org/abs/hep-th/9901001"


NEW_IDS = st.builds(
    lambda yy, mm, number, wide: (
        f"{yy:02d}{mm:02d}.{number:05d}" if wide else f"{yy:02d}{mm:02d}.{number % 10_000:04d}"
    ),
    st.integers(7, 99),
    st.integers(1, 12),
    st.integers(0, 99_999),
    st.booleans(),
)
OLD_IDS = st.builds(
    lambda archive, yy, mm, number: f"{archive}/{yy:02d}{mm:02d}{number:03d}",
    st.sampled_from(["hep-th", "cond-mat", "astro-ph", "math.GT", "cs"]),
    st.sampled_from([91, 95, 99, 0, 3, 7]),
    st.integers(1, 12),
    st.integers(1, 999),
)


@given(st.one_of(NEW_IDS, OLD_IDS), st.integers(1, 30))
def test_ids_survive_versions_prefixes_and_urls(arxiv_id: str, version: int) -> None:
    assert normalise_arxiv_id(arxiv_id) == arxiv_id
    assert normalise_arxiv_id(f"arXiv:{arxiv_id}v{version}") == arxiv_id
    for url in (abs_url(arxiv_id), pdf_url(arxiv_id), hf_paper_url(arxiv_id)):
        assert find_arxiv_id(url) == arxiv_id
        assert find_arxiv_id(f"{url}v{version}") == arxiv_id
    assert find_arxiv_id(f"oai:arXiv.org:{arxiv_id}v{version}") == arxiv_id
    digits = arxiv_id.split("/")[-1]
    assert month_key(arxiv_id) == digits[:4]
    year = year_of(arxiv_id)
    assert year is not None and 1991 <= year <= 2099 and str(year)[2:] == digits[:2]


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    found = find_arxiv_id(text)
    assert found is None or normalise_arxiv_id(found) == found
    exact = normalise_arxiv_id(text)
    assert exact is None or find_arxiv_id(exact) == exact
    year_of(text)
    key = month_key(text)
    assert key == "other" or (key.isascii() and key.isdigit() and len(key) == 4)
