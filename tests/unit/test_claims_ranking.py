"""Which sentences become claims: the lead, facts, and a spread of speakers (articles of our own)."""

from __future__ import annotations

from collections import Counter

from translator.parse import parse_document
from translator.summarize import extract_claims
from translator.summarize.ranking import is_interview
from translator.summarize.signals import fact_weight, is_author_aside, is_first_person, is_question
from translator.summarize.speakers import tokenize

VOTE = (
    "Ostatecznie 301 posłów głosowało za ustawą o asystencji osobistej, 120 było przeciw, a 12 wstrzymało się od głosu."
)
LEAD = "Sejm uchwalił w piątek ustawę o asystencji osobistej dla osób z niepełnosprawnościami."

# A news story: the lead and the vote first, then a long tail of comments from interest groups.
SEJM_STORY = f"""{LEAD} {VOTE}

Projekt trafi teraz do Senatu, który ma na jego rozpatrzenie trzydzieści dni.

– To dobry dzień dla rodzin – mówi Anna Kowalczyk z fundacji Razem. – Czekaliśmy na to od lat. \
Asystenci zmienią życie tysięcy ludzi – dodaje Kowalczyk. – Pieniądze muszą jednak trafić do gmin na czas – zaznacza.

Jan Zieliński z Konfederacji Lewiatan uważa, że ustawa nałoży nowe obowiązki na samorządy. \
– Gminy nie mają ludzi do obsługi wniosków – mówi Zieliński. – Potrzebny jest okres przejściowy – dodaje.

Maria Wójcik z Forum Rodziców przekonuje, że asystentów zabraknie na wsi. \
– W małych gminach nikt nie zgłosi się do pracy za takie pieniądze – mówi Wójcik.

Według ekonomisty Piotra Nowaka koszt programu wyniesie 6 mld zł rocznie. \
– To rozsądna cena za samodzielność – ocenia Nowak.
"""


def _claims(text: str):
    return extract_claims(parse_document(text, name="t.txt"))


def test_the_lead_and_the_vote_come_before_commentary() -> None:
    sources = [c.source for c in _claims(SEJM_STORY)]
    assert LEAD in sources
    assert VOTE in sources


def test_at_most_two_claims_from_one_speaker_outside_an_interview() -> None:
    claims = _claims(SEJM_STORY)
    counts = Counter(c.speaker for c in claims if c.speaker)
    assert counts and max(counts.values()) <= 2
    assert len(counts) >= 2  # more than one voice is heard


def test_numbers_votes_and_decisions_count_as_facts() -> None:
    assert fact_weight(tokenize(VOTE)) >= 0.9
    assert fact_weight(tokenize("Rząd przyjął projekt budżetu na przyszły rok.")) > 0.3
    assert fact_weight(tokenize("Bezrobocie wyniosło w maju 5,1 proc.")) > 0.6
    assert fact_weight(tokenize("Na program przeznaczono 4,5 mld zł.")) > 0.6
    assert fact_weight(tokenize("Politycy długo dyskutowali o przyszłości regionu.")) == 0.0


def test_sentence_kinds() -> None:
    assert is_question("Co dalej z reformą?")
    assert not is_question("Reforma wejdzie w życie w maju.")
    assert is_author_aside(tokenize("Przypomnijmy, że ustawa była już raz odrzucona."))
    assert not is_author_aside(tokenize("– Warto dodać, że nikt nas nie pytał – mówi Kowalski."))
    assert is_first_person(tokenize("Cieszę się z tej decyzji."))
    assert is_first_person(tokenize("Apelujemy do rządu o rozsądek."))
    assert not is_first_person(tokenize("Opozycja straciła szansę na zwycięstwo."))


def test_an_interview_is_recognised_by_its_questions() -> None:
    turns = []
    for n in range(5):
        turns.append(f"Jak ocenia pan sytuację w regionie numer {n}?")
        turns.append(f"Sytuacja w regionie numer {n} jest trudna, ale stabilna. Rząd pracuje nad rozwiązaniem.")
    interview = parse_document("\n\n".join(turns), name="t.txt")
    assert is_interview(interview, [])
    assert not is_interview(parse_document(SEJM_STORY, name="t.txt"), [])


def test_an_interview_may_quote_one_speaker_more_than_twice() -> None:
    turns = ["Rozmowa z ministrem rolnictwa Stefanem Krajewskim o cenach zbóż i protestach rolników."]
    answers = [
        "Ceny zbóż spadły o 30 proc., a koszty nawozów wzrosły dwukrotnie – mówi Stefan Krajewski.",
        "Rząd przeznaczy 2 mld zł na dopłaty do nawozów – zapowiada Krajewski.",
        "Import zboża z Ukrainy zostanie wstrzymany do końca roku – mówi Krajewski.",
        "Rolnicy dostaną pieniądze jeszcze przed żniwami – zapewnia Krajewski.",
        "Skup interwencyjny obejmie 500 tys. ton pszenicy – zapowiada Krajewski.",
        "Kontrole w portach potrwają do wiosny – mówi Krajewski.",
    ]
    for n, answer in enumerate(answers):
        turns.append(f"Co rząd zrobi w sprawie numer {n + 1}?")
        turns.append(answer)
    claims = extract_claims(parse_document("\n\n".join(turns), name="t.txt"))
    assert sum(1 for c in claims if c.speaker == "Stefan Krajewski") >= 3
