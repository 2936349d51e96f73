"""Leads: found by the markup's name for them, put before the body, never taken from a teaser box."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.inputs import extract_article
from translator.inputs.page import find_lead, put_lead_first, read_page, without_form_labels

LEAD = "Rada Miasta przyjęła budżet na przyszły rok. Najwięcej pieniędzy trafi na komunikację i szkoły."
BODY = [
    "Za budżetem głosowało 25 radnych, przeciw było 12, a trzech wstrzymało się od głosu podczas czwartkowej sesji.",
    "– To budżet rozwoju, a nie przejedzenia – mówił prezydent miasta, dziękując radnym za pracę nad projektem.",
    "Opozycja zarzuca władzom, że zbyt mało pieniędzy przeznaczono na remonty dróg w dzielnicach peryferyjnych.",
    "Kolejna sesja odbędzie się w styczniu; radni zajmą się wtedy poprawkami zgłoszonymi przez mieszkańców.",
]


def page(article: str, *, aside: str = "") -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Budżet przyjęty | Gazeta</title></head><body>"
        f"<header><nav><a href='/'>Start</a></nav></header><main><article><h1>Budżet przyjęty</h1>{article}"
        f"</article>{aside}</main><footer><p>Stopka</p></footer></body></html>"
    )


def body_html() -> str:
    return "".join(f"<p>{p}</p>" for p in BODY)


@pytest.mark.parametrize(
    "lead_html",
    [
        f'<div class="lead">{LEAD}</div>',
        f'<p class="lead">{LEAD}</p>',
        f'<div class="article__lead js-read">\n{LEAD}\n</div>',
        f'<div class="art-lead" id="art-lead-inner"><strong>{LEAD}</strong></div>',
        f'<section class="entry-intro"><p>{LEAD}</p></section>',
        f'<p class="standfirst">{LEAD}</p>',
        f'<div id="lead-text">{LEAD}</div>',
    ],
)
def test_a_lead_named_in_the_markup_comes_first(lead_html):
    article = extract_article(page(lead_html + f'<div class="article-body">{body_html()}</div>'))
    assert article.text.split("\n\n") == [LEAD, *BODY]


def test_a_lead_written_after_the_body_is_moved_before_it():
    html = page(f'<div class="content">{body_html()}</div><div class="lead">{LEAD}</div>')
    assert extract_article(html).text.split("\n\n") == [LEAD, *BODY]


def test_teasers_of_other_articles_are_not_leads():
    teasers = "".join(
        f'<div class="teaser"><a href="/t{i}"><p class="lead">Zapowiedź innego tekstu numer {i}, o czymś innym niż budżet.'
        "</p></a></div>"
        for i in range(3)
    )
    aside = f'<aside class="related">{teasers}</aside>'
    html = page(body_html(), aside=aside)
    assert read_page(html).lead is None
    assert extract_article(html).text.split("\n\n") == BODY


def test_a_lead_class_far_from_any_article_text_is_not_taken():
    html = (
        "<html><body><div><div><div><div><div class='intro'>"
        f"{LEAD}</div></div></div></div></div><div><p>Krótko.</p></div></body></html>"
    )
    assert find_lead(lxml.html.fromstring(html)) is None


def test_short_or_link_only_lead_elements_are_skipped():
    root = lxml.html.fromstring(
        f"<html><body><div><p class='lead'>Krótki</p><div class='lead'><a href='/x'>{LEAD}</a></div>"
        f"<p class='lead'>{LEAD}</p>{body_html()}</div></body></html>"
    )
    assert find_lead(root) == LEAD


def test_put_lead_first_moves_adds_or_leaves_alone():
    body = [(b, False) for b in BODY]
    assert put_lead_first(body, None) == body
    assert put_lead_first(body, LEAD) == [(LEAD, False), *body]
    assert put_lead_first([*body, (LEAD, False)], LEAD) == [(LEAD, False), *body]
    merged = [(LEAD + " " + BODY[0], False), *body[1:]]
    assert put_lead_first(merged, LEAD) == merged  # already there, inside the first block


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(BODY), min_size=1, max_size=6), st.integers(min_value=0, max_value=6))
def test_put_lead_first_keeps_every_other_block_in_order(blocks, where):
    body = [(b, False) for b in blocks]
    with_lead = [*body[:where], (LEAD, False), *body[where:]]
    assert put_lead_first(with_lead, LEAD) == [(LEAD, False), *body]


def test_titles_come_from_title_og_title_and_h1():
    html = (
        "<html><head><title>Budżet przyjęty | Gazeta</title>"
        "<meta property='og:title' content='Budżet przyjęty. Opozycja krytykuje'></head>"
        "<body><h1> Budżet   przyjęty </h1><p>x</p></body></html>"
    )
    assert read_page(html).titles == (
        "Budżet przyjęty | Gazeta",
        "Budżet przyjęty. Opozycja krytykuje",
        "Budżet przyjęty",
    )


def test_checkbox_labels_are_text():
    html = "<ul><li><label><input type='checkbox'><span>mąka pszenna</span></label> 500 g</li></ul>"
    assert (
        without_form_labels(html)
        == "<ul><li><span><input type='checkbox'><span>mąka pszenna</span></span> 500 g</li></ul>"
    )
    items = "".join(
        f"<li><label class='check'><input type='checkbox'><span>{name}</span></label><span>{qty}</span></li>"
        for name, qty in (("mąka pszenna", "500 g"), ("jajka", "2 sztuki"), ("masło", "50 g"))
    )
    text = extract_article(page(body_html() + f"<h2>Składniki</h2><ul>{items}</ul>" + body_html())).text
    for name in ("mąka pszenna", "jajka", "masło"):
        assert name in text


def test_a_lead_with_a_credit_inside_is_read_without_it_and_not_doubled():
    lead_html = (
        f"<div class='lead'><figure><img src='a.jpg'><figcaption>Fot. Jan Nowak / PAP</figcaption></figure>"
        f"<span class='label'>PILNE</span> {LEAD}</div>"
    )
    html = page(f"<div class='body'>{body_html()}</div>{lead_html}")
    assert read_page(html).lead == f"PILNE {LEAD}"
    assert put_lead_first([(b, False) for b in [*BODY, LEAD]], f"PILNE {LEAD}") == [
        (f"PILNE {LEAD}", False),
        *[(b, False) for b in BODY],
    ]
