"""A country's people as a speaker: ``Rosjanie twierdzą …`` (sentences of our own)."""

from __future__ import annotations

from translator.parse import parse_document
from translator.summarize.attribution import attribute_sentences
from translator.summarize.demonyms import demonym_stem, same_side
from translator.summarize.speakers import Speaker


def _speakers(text: str) -> list[str | None]:
    atts = attribute_sentences(parse_document(text, name="t.txt"))
    return [a.speaker.name if a.speaker else None for _, a in sorted(atts.items())]


def test_demonyms_are_capitalised_plurals():
    assert demonym_stem("Rosjanie") == "rosyj"
    assert demonym_stem("Węgrzy") == "węgier"
    assert demonym_stem("niemcy") is None  # lower case: not a people
    assert demonym_stem("Kowalscy") is None


def test_the_demonym_refers_back_to_its_side():
    named = [Speaker("Władze węgierskie"), Speaker("Jan Nowak")]
    assert same_side("węgier", named) == Speaker("Władze węgierskie")
    assert same_side("czes", named) is None


def test_the_people_speak_when_no_side_was_named():
    text = "Ambasada w Pradze od rana jest zamknięta.\n\nCzesi uważają, że Moskwa przygotowała prowokację."
    assert _speakers(text)[-1] == "Czesi"


def test_the_people_are_the_side_named_before():
    text = (
        "Ukraińskie media alarmują, że zapasy węgla wystarczą na dwa tygodnie.\n\n"
        "Ukraińcy twierdzą, że Moskwa blokuje dostawy przez Białoruś."
    )
    assert _speakers(text) == ["Ukraińskie media", "Ukraińskie media"]
