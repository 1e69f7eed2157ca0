"""The search folding (matching.domain.search): what a coordinator types and what is stored are folded
alike, so an accent, a capital or extra spaces never hide a person. Hypothesis properties, plus the
cases from the issue."""
from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import given, strategies as st

from matching.domain.search import ListQuery, fold, matches, search_text, terms

pytestmark = pytest.mark.unit

LATIN = st.text(alphabet=string.ascii_letters + " -'", min_size=0, max_size=30)
ACCENTS = ["\u0300", "\u0301", "\u0302", "\u0308", "\u0327", "\u030c", "\u0303"]  # grave, acute, circumflex, diaeresis, cedilla, caron, tilde


def _accented(text: str, marks: list[int]) -> str:
    """`text` with combining accents put on its letters, then composed (é, ë, ç as one character where one exists)."""
    out = []
    for i, ch in enumerate(text):
        out.append(ch + (ACCENTS[marks[i % len(marks)] % len(ACCENTS)] if ch.isalpha() and marks else ""))
    return unicodedata.normalize("NFC", "".join(out))


def test_the_issues_example():
    stored = search_text("Sanne", "de Vriës", "sanne@example.org", "06-1234 5678", "3511")
    assert matches(stored, "Sanne de vries") and matches(stored, "SANNE DE VRIËS") and matches(stored, "vries")
    assert matches(stored, "0612345678") and matches(stored, "06 1234 5678") and matches(stored, "3511 AB")
    assert not matches(stored, "Sanne de Jong")


@given(LATIN)
def test_folding_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(LATIN)
def test_capitals_do_not_matter(text):
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


@given(LATIN, st.lists(st.integers(0, 20), min_size=1, max_size=5))
def test_accents_do_not_matter(text, marks):
    assert fold(_accented(text, marks)) == fold(text)


@given(st.text(max_size=40))
def test_folded_text_has_no_capitals_marks_or_double_spaces(text):
    folded = fold(text)
    assert folded == folded.strip() and "  " not in folded
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFKD", folded))
    assert folded == folded.casefold() or not folded.isascii()


@given(LATIN, LATIN, st.data())
def test_any_part_of_a_name_typed_anyhow_finds_the_person(first, last, data):
    stored = search_text(first, last, None, None, "3511")
    words = fold(f"{first} {last}").split()
    if not words:
        return
    chosen = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=3))
    typed = data.draw(st.sampled_from([str.upper, str.title, str.lower]))(" ".join(chosen))
    assert matches(stored, "  " + _accented(typed, [1]) + " ")


@given(st.text(max_size=60))
def test_terms_are_folded_non_empty_and_unique(query):
    found = terms(query)
    assert all(term and term == fold(term) and " " not in term for term in found)
    assert len(found) == len(set(found))


def test_an_erased_person_is_found_by_nothing():
    assert search_text(None, None, None, None, "") == ""
    assert not matches("", "a")


def test_a_query_is_a_page_of_the_list():
    spec = ListQuery(q="Anna", page=3, per_page=20)
    assert spec.offset == 40 and spec.terms == ["anna"]
