"""What is not news: teasers that announce content, counterfactuals, and the paragraph-order prior
(sentences and articles of our own)."""

from __future__ import annotations

from translator.parse import parse_document
from translator.summarize import extract_claims
from translator.summarize.signals import is_hypothetical, is_teaser
from translator.summarize.speakers import tokenize


def _claims(text: str):
    return [c.source for c in extract_claims(parse_document(text, name="t.txt"))]


def test_teasers_announce_rather_than_state():
    assert is_teaser(tokenize("Oto miasta, w których najtaniej wynajmiemy mieszkanie."))
    assert is_teaser(tokenize("Sprawdź, ile zapłacisz za prąd od lipca."))
    assert is_teaser(tokenize("Zobacz, jak głosowali posłowie z twojego okręgu."))
    assert not is_teaser(tokenize("Ceny prądu wzrosną od lipca o 12 proc."))
    assert not is_teaser(tokenize("– Zobaczymy, co zrobi rząd – powiedział poseł."))


def test_counterfactuals_are_background():
    assert is_hypothetical(tokenize("Gdyby ustawa nie weszła w życie, gminy straciłyby 2 mld zł."))
    assert is_hypothetical(tokenize("Jeżeliby Senat odrzucił projekt, Sejm musiałby głosować ponownie."))
    assert not is_hypothetical(tokenize("Senat odrzucił projekt ustawy o podatku cyfrowym."))
    assert not is_hypothetical(tokenize("Jeśli Senat odrzuci projekt, Sejm zagłosuje ponownie w lipcu."))


RENT_STORY = """Oto miasta, w których najtaniej wynajmiemy mieszkanie w tym roku.

Średni czynsz za kawalerkę w Łodzi wyniósł w maju 1850 zł, o 4 proc. mniej niż przed rokiem. \
W Krakowie za podobne mieszkanie trzeba zapłacić 2900 zł.

Najdroższa pozostaje Warszawa, gdzie średnia stawka przekroczyła 3400 zł. \
Gdyby popyt studentów nie spadł, czynsze rosłyby dalej w całym kraju. \
Analitycy spodziewają się stabilizacji cen do końca roku.
"""


def test_the_claims_start_from_the_first_fact_not_a_teaser_or_a_counterfactual():
    claims = _claims(RENT_STORY)
    assert claims[0].startswith("Średni czynsz za kawalerkę w Łodzi")
    assert not any(c.startswith(("Oto", "Gdyby")) for c in claims)


def test_thousands_written_with_a_space_still_count_as_an_amount():
    from translator.summarize.signals import fact_weight

    with_unit = fact_weight(tokenize("Spółka zatrudni w tym roku 2 500 osób w nowym zakładzie."))
    bare_year = fact_weight(tokenize("Spółka otworzyła nowy zakład w 2019 roku."))
    assert with_unit >= 0.7 > bare_year


def test_plans_count_as_decisions():
    from translator.summarize.signals import fact_weight

    assert fact_weight(tokenize("Miasto planuje zamknąć stare schronisko dla zwierząt.")) >= 0.3
    assert fact_weight(tokenize("Miasto ma stare schronisko dla zwierząt.")) == 0.0


def test_the_body_restating_the_standfirst_in_full_is_kept_instead_of_it():
    from translator.summarize.centrality import lemma_bag, restates

    standfirst = "Inflacja w Polsce spadła w maju do 2,5 proc. – podał GUS."
    fuller = (
        "Inflacja w Polsce spadła w maju 2024 roku do 2,5 proc. wobec 2,4 proc. w kwietniu"
        " – poinformował w piątek Główny Urząd Statystyczny (GUS)."
    )
    assert restates(lemma_bag(fuller), lemma_bag(standfirst))
    assert not restates(lemma_bag(standfirst), lemma_bag(fuller))
    text = f"""{standfirst}

{fuller} Ceny żywności wzrosły o 1,6 proc. w skali roku.

Najbardziej podrożały usługi, o 6,7 proc. Paliwa potaniały o 2,1 proc.

Ekonomiści spodziewają się wzrostu inflacji w drugiej połowie roku, gdy wygaśnie tarcza energetyczna.
"""
    claims = _claims(text)
    assert fuller in claims
    assert standfirst not in claims


def test_recommendations_are_commentary_but_what_must_happen_next_is_news():
    from translator.summarize.signals import is_prescriptive

    assert is_prescriptive(tokenize("Rząd powinien jak najszybciej obniżyć akcyzę na paliwo."))
    assert is_prescriptive(tokenize("– Trzeba pilnować, by dotacje trafiły do małych firm – mówi ekspert."))
    assert is_prescriptive(tokenize("Gminy powinny dostać pieniądze jeszcze w tym roku."))
    assert not is_prescriptive(tokenize("Ustawę musi jeszcze podpisać prezydent."))
    assert not is_prescriptive(tokenize("Rząd obniżył akcyzę na paliwo o 20 proc."))


# A standfirst of two sentences before the body: the lead runs on into the first body paragraph.
STANDFIRST_STORY = """Radni Gdańska zdecydowali o przyszłości linii tramwajowej na Morenę. \
Spór trwał od miesięcy.

Na wtorkowej sesji rada miasta przyjęła uchwałę o budowie nowej trasy. \
Za głosowało 21 radnych, przeciw było 9, a 4 wstrzymało się od głosu. \
Budowa ma kosztować 420 mln zł i potrwa do 2027 roku.

– To najważniejsza inwestycja tej kadencji – mówi prezydent miasta Anna Lis. \
– Mieszkańcy czekali na nią od lat – dodaje Lis.

Piotr Mazur z klubu opozycji uważa, że miasta nie stać na taki wydatek. \
– Zadłużymy Gdańsk na dekady – mówi Mazur.

Tomasz Wrona ze stowarzyszenia Rowerowy Gdańsk przekonuje, że trasa ominie najgęstsze osiedla. \
– Pieniądze lepiej wydać na autobusy – ocenia Wrona.

Joanna Kruk z rady dzielnicy twierdzi, że mieszkańcy nie zostali wysłuchani. \
– Konsultacje były fikcją – mówi Kruk.
"""


def test_the_lead_reaches_past_a_standfirst_into_the_first_body_paragraph():
    from translator.summarize.attribution import attribute_sentences
    from translator.summarize.ranking import lead_facts

    doc = parse_document(STANDFIRST_STORY, name="t.txt")
    pairs = [(b, s) for b, s in doc.sentences if b.kind == "paragraph"]
    lead = [pairs[k][1].source for k in lead_facts(pairs, attribute_sentences(doc))]
    assert lead[0].startswith("Radni Gdańska zdecydowali")
    assert any(s.startswith("Za głosowało 21 radnych") for s in lead)  # the fourth full sentence
    assert any(s.startswith("Budowa ma kosztować 420 mln zł") for s in lead)  # the fifth
    assert not any(s.startswith("Spór trwał") for s in lead)  # no fact: not a lead fact
