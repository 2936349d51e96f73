"""A page's date at the precision the page gives: never a day the page does not state."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.inputs import extract_article
from translator.inputs.dates import MONTHS, source_precision

PARAGRAPHS = "".join(
    f"<p>{text}</p>"
    for text in (
        "Rada Miasta przyjęła w czwartek budżet na przyszły rok, choć radni opozycji zgłosili do niego poprawki.",
        "Za budżetem głosowało 25 radnych, przeciw było 12, a trzech wstrzymało się od głosu podczas sesji.",
        "Kolejna sesja odbędzie się w styczniu; radni zajmą się wtedy poprawkami zgłoszonymi przez mieszkańców.",
    )
)


def page(marker: str = "", head: str = "") -> str:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Budżet</title>{head}</head>"
        f"<body><article><h1>Budżet przyjęty</h1>{marker}{PARAGRAPHS}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("marker", "date"),
    [
        ("<p>date 2023-06</p>", "2023-06"),
        ("<p>2023-06</p>", "2023-06"),
        ("<p>Opublikowano: 06.2023</p>", "2023-06"),
        ("<p>czerwiec 2023</p>", "2023-06"),
        ("<p>Wydanie z 2023 roku</p>", "2023"),
    ],
)
def test_a_month_or_a_year_stays_a_month_or_a_year(marker, date):
    assert extract_article(page(marker)).date == date


@pytest.mark.parametrize(
    ("head", "marker"),
    [
        ("<meta property='article:published_time' content='2023-06-12T08:30:00+02:00'>", ""),
        ("", "<p><time datetime='2023-06-12'>12 czerwca 2023</time></p>"),
        ("", "<p>Aktualizacja: 12.06.2023, 08:30</p>"),
    ],
)
def test_a_day_the_page_states_is_kept(head, marker):
    assert extract_article(page(marker, head)).date == "2023-06-12"


def test_the_first_of_the_month_is_kept_when_the_page_says_it():
    assert source_precision("2023-06-01", "<p>1 czerwca 2023</p>") == "2023-06-01"
    assert source_precision("2023-06-01", "<a href='/2023/06/01/budzet'>x</a>") == "2023-06-01"
    assert source_precision("2023-06-01", "<p>date 2023-06</p>") == "2023-06"
    assert source_precision("2023-01-01", "<p>Raport za 2023</p>") == "2023"


def test_no_date_or_no_evidence_is_left_alone():
    assert source_precision(None, "<p>2023-06</p>") is None
    assert source_precision("2023-06", "<p>2023-06</p>") == "2023-06"
    assert source_precision("2023-06-12", "<p>bez daty</p>") == "2023-06-12"


FORMATS = (
    lambda d: d.isoformat(),
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{d.day}.{d.month}.{d.year}",
    lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
    lambda d: f"{d.day} {MONTHS[d.month - 1][0]} {d.year}",
    lambda d: f"{d:%Y%m%d}",
)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)), st.sampled_from(range(len(FORMATS))))
def test_a_stated_day_is_kept_and_a_month_is_never_made_a_day(day, fmt):
    stated = f"<p>Opublikowano {FORMATS[fmt](day)} w dziale Kraj</p>"
    assert source_precision(day.isoformat(), stated) == day.isoformat()
    month_only = f"<p>Wydanie {day.year}-{day.month:02d}</p>"
    assert source_precision(day.isoformat(), month_only) == f"{day.year}-{day.month:02d}"
