"""Key claims and speakers, on the Polish side: checked by content, no model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from translator.document import Document
from translator.parse import parse_document
from translator.summarize import extract_claims
from translator.summarize.attribution import attribute_sentences
from translator.summarize.ranking import claim_count
from translator.summarize.speakers import INSTITUTIONS, Speaker, english_form, genitive_to_base

SEED = Path(__file__).resolve().parents[2] / "seeds" / "kazachstan-dystansuje-sie-od-rosji.txt"

FORSBERG = "Kraj obawia się, że Rosja może użyć siły"
LASSILA = "Jussi Lassila uważa"
LASSILA_OPINION = "zdaniem Lassili"
TOKAJEW_QUOTES = ("Doceniam jego żart", "Nie sądzę, aby było to potrzebne")
KREML = "Kreml zauważył odcięcie się Kazachstanu i przestrzegł"

# Every paragraph sentence of the seed (by its opening words) and who says it.
SEED_SPEAKERS = {
    "Pomimo powszechnego": None,
    "Wśród nich są": None,
    "Od negatywnej oceny": None,
    "Wśród krajów": None,
    "Kazachstan od niedawna": None,
    "- W wielu kwestiach": "Tuomas Forsberg",
    "Kraj obawia się": "Tuomas Forsberg",
    "Naukowiec Instytutu": "Jussi Lassila",
    "Nie ma jednak": "Jussi Lassila",
    "- Znaczącym przesłaniem": "Jussi Lassila",  # "– dodaje ekspert": the paragraph's last speaker
    "Putin prawdopodobnie": "Jussi Lassila",
    "Jak informowaliśmy": None,
    "Pomysł został": None,
    "Kasym-Żomart Tokajew krótko": "Kasym-Żomart Tokajew",
    "- Doceniam": "Kasym-Żomart Tokajew",
    "Nie sądzę": "Kasym-Żomart Tokajew",
    "Kreml zauważył": "Kreml",
}

# Hand-written English for some seed sentences, to check speaker_en.
ENGLISH = {
    "- W wielu kwestiach": "- On many issues it has distanced itself from Russia and verbally criticised the war.",
    "Kraj obawia się": "The country fears that Russia could use force against it too - says Tuomas Forsberg "
    'in an interview with the Finnish newspaper "Ilta-Sanomat".',
    "Naukowiec Instytutu": "Jussi Lassila, a researcher at the Institute of Foreign Affairs, believes that Russia "
    "could offer protection.",
    "Nie ma jednak": "There is no certainty about it, however, because in Lassila's opinion Kazakhstan could get "
    "help from China.",
    "- Doceniam": '"I appreciate his joke," Tokayev said.',
    "Nie sądzę": "Tokayev added that he did not think it was necessary, because there are other arrangements.",
    "Kreml zauważył": "The Kremlin noticed Kazakhstan's distancing and warned that the Union State has a far more "
    "advanced level of integration.",
}


def _opening(source: str, table: dict[str, object]) -> str:
    matches = [k for k in table if source.startswith(k)]
    assert len(matches) == 1, source
    return matches[0]


@pytest.fixture(scope="module")
def seed() -> Document:
    return parse_document(SEED.read_text(encoding="utf-8"), name=SEED.name)


@pytest.fixture(scope="module")
def translated_seed(seed: Document) -> Document:
    doc = seed
    for block in seed.blocks:
        sentences = tuple(
            replace(s, target=ENGLISH.get(_opening(s.source, SEED_SPEAKERS), "Something else entirely."))
            if block.kind == "paragraph"
            else replace(s, target="A heading.")
            for s in block.sentences
        )
        doc = doc.with_block(replace(block, sentences=sentences))
    return doc


def _claim_with(claims, text: str):
    found = [c for c in claims if text in c.source]
    assert found, f"no claim contains {text!r}: {[c.source[:40] for c in claims]}"
    return found[0]


def _only_claim(text: str):
    claims = extract_claims(parse_document(text, name="t.txt"))
    assert len(claims) == 1
    return claims[0]


# -- the seed ------------------------------------------------------------------


def test_seed_claims_point_at_paragraph_sentences(seed: Document) -> None:
    claims = extract_claims(seed)
    assert 3 <= len(claims) <= 7
    for claim in claims:
        block = seed.blocks[claim.block]
        assert block.kind == "paragraph"
        assert block.sentences[claim.sentence].source == claim.source
    order = [(c.block, c.sentence) for c in claims]
    assert order == sorted(order) and len(set(order)) == len(order)


def test_seed_claims_include_the_attributed_statements(seed: Document) -> None:
    claims = extract_claims(seed)
    assert _claim_with(claims, FORSBERG).speaker == "Tuomas Forsberg"
    assert _claim_with(claims, FORSBERG).cue == "mówi"
    lassila = [c for c in claims if LASSILA in c.source or LASSILA_OPINION in c.source]
    assert lassila and all(c.speaker in ("Jussi Lassila", "Lassila") for c in lassila)
    tokajew = [c for c in claims if any(q in c.source for q in TOKAJEW_QUOTES)]
    assert tokajew and all(c.speaker in ("Kasym-Żomart Tokajew", "Tokajew") for c in tokajew)
    kreml = _claim_with(claims, KREML)
    assert kreml.speaker == "Kreml"
    assert kreml.cue == "przestrzegł"


def test_seed_every_sentence_has_the_right_speaker_or_none(seed: Document) -> None:
    attributions = attribute_sentences(seed)
    paragraph_sentences = [(b, s) for b, s in seed.sentences if b.kind == "paragraph"]
    assert len(attributions) == len(paragraph_sentences) == len(SEED_SPEAKERS)
    for block, sentence in paragraph_sentences:
        expected = SEED_SPEAKERS[_opening(sentence.source, SEED_SPEAKERS)]
        got = attributions[(block.id, sentence.id)].speaker
        assert (got.name if got else None) == expected, sentence.source
    for claim in extract_claims(seed):
        assert claim.speaker == SEED_SPEAKERS[_opening(claim.source, SEED_SPEAKERS)]


def test_seed_claims_carry_english_and_speaker_en(seed: Document, translated_seed: Document) -> None:
    plain = extract_claims(seed)
    claims = extract_claims(translated_seed)
    assert [(c.block, c.sentence) for c in claims] == [(c.block, c.sentence) for c in plain]
    assert all(c.target is None and c.speaker_en is None for c in plain)
    for claim in claims:
        assert claim.target == translated_seed.sentence(claim.block, claim.sentence).target
    assert _claim_with(claims, FORSBERG).speaker_en == "Tuomas Forsberg"
    assert _claim_with(claims, KREML).speaker_en == "Kremlin"
    tokajew = [c for c in claims if any(q in c.source for q in TOKAJEW_QUOTES)]
    assert tokajew and all(c.speaker_en == "Tokayev" for c in tokajew)
    for claim in claims:
        if claim.speaker_en is not None:
            assert claim.speaker_en in claim.target
        if "W wielu kwestiach" in claim.source:
            assert claim.speaker_en is None  # the English names nobody


def test_headings_are_never_chosen(seed: Document) -> None:
    assert all(seed.blocks[c.block].kind == "paragraph" for c in extract_claims(seed, max_claims=7, min_claims=7))
    text = (
        "Kreml ostrzega, że użyje siły\n\n"
        "Ceny paliw wzrosły w maju. Kierowcy tankują mniej. Stacje obniżają marże. "
        "Rafinerie pracują normalnie. Import ropy spadł. Magazyny są pełne.\n"
    )
    doc = parse_document(text, name="t.txt")
    assert doc.blocks[0].kind == "heading"
    claims = extract_claims(doc)
    assert claims and all(doc.blocks[c.block].kind == "paragraph" for c in claims)


def test_same_input_same_output(seed: Document) -> None:
    first = extract_claims(seed)
    again = extract_claims(parse_document(SEED.read_text(encoding="utf-8"), name=SEED.name))
    round_trip = extract_claims(Document.from_json(seed.to_json()))
    assert first == again == round_trip


# -- short texts with known speakers ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "Według ministra finansów Andrzeja Domańskiego deficyt wyniesie 5 proc. w przyszłym roku.",
            "Andrzej Domański",
            "według",
        ),
        ("Zdaniem prof. Anny Nowak inflacja zacznie spadać jesienią.", "Anna Nowak", "zdaniem"),
        ("– To jest skandal – powiedział poseł Jan Kowalski.", "Jan Kowalski", "powiedział"),
        (
            "Rzecznik rządu Piotr Müller zapowiedział, że ustawa trafi do Sejmu w czerwcu.",
            "Piotr Müller",
            "zapowiedział",
        ),
        ("Ministerstwo Zdrowia podkreśla, że szczepionki są bezpieczne.", "Ministerstwo Zdrowia", "podkreśla"),
        ("Kreml przestrzegł, że odpowie na każdą prowokację.", "Kreml", "przestrzegł"),
        ("Zdaniem Kremla sankcje nie działają.", "Kreml", "zdaniem"),
        (
            "Według Marii Kowalskiej z Sądu Najwyższego przepis jest niezgodny z konstytucją.",
            "Maria Kowalska",
            "według",
        ),
        ("Według Sądu Najwyższego przepis jest niezgodny z konstytucją.", "Sąd Najwyższy", "według"),
        ("Zdaniem Jussiego Lassili Rosja nie zaatakuje.", "Jussi Lassila", "zdaniem"),
        (
            "Prezydent Kazachstanu Kasym-Żomart Tokajew powiedział, że kraj pozostanie neutralny.",
            "Kasym-Żomart Tokajew",
            "powiedział",
        ),
        ("Jak podkreśla minister zdrowia Adam Niedzielski, sytuacja jest stabilna.", "Adam Niedzielski", "podkreśla"),
        ("„Nie zgodzimy się na to” – dodał Donald Tusk.", "Donald Tusk", "dodał"),
    ],
)
def test_speaker_in_a_short_text(text: str, speaker: str, cue: str) -> None:
    claim = _only_claim(text)
    assert (claim.speaker, claim.cue) == (speaker, cue)
    assert claim.source == text


@pytest.mark.parametrize(
    "text",
    [
        "Ceny paliw wzrosły w maju o kilka procent.",
        "Prezydent zapowiedział, że podpisze ustawę.",  # a role with no name: leave it empty
        "Jak informowaliśmy, rząd przyjął projekt budżetu.",  # the newsroom, not a speaker
    ],
)
def test_no_speaker_when_the_text_names_none(text: str) -> None:
    assert _only_claim(text).speaker is None


def test_surname_alone_takes_the_full_name_from_the_article() -> None:
    text = (
        "Politolog Jussi Lassila uważa, że Rosja nie zaatakuje. "
        "Nie ma jednak pewności, ponieważ zdaniem Lassili sytuacja szybko się zmienia."
    )
    attributions = attribute_sentences(parse_document(text, name="t.txt"))
    assert [a.speaker.name for a in attributions.values()] == ["Jussi Lassila", "Jussi Lassila"]


def test_generic_role_after_a_dash_resolves_to_the_last_speaker_or_none() -> None:
    named = "Jan Kowalski uważa, że podatki wzrosną. – To pewne – dodaje ekspert."
    anonymous = "Podatki wzrosną w przyszłym roku. – To pewne – dodaje ekspert."
    assert [a.speaker.name for a in attribute_sentences(parse_document(named, name="t")).values()] == [
        "Jan Kowalski",
        "Jan Kowalski",
    ]
    assert [a.speaker for a in attribute_sentences(parse_document(anonymous, name="t")).values()] == [None, None]


def test_quote_after_a_named_comment_belongs_to_that_person() -> None:
    text = "Ceny rosną. Premier Donald Tusk skomentował sytuację. – Nie ma powodu do paniki. Ceny spadną."
    atts = list(attribute_sentences(parse_document(text, name="t")).values())
    assert [a.speaker.name if a.speaker else None for a in atts] == [None, "Donald Tusk", "Donald Tusk", "Donald Tusk"]
    assert [a.cue for a in atts] == [None, "skomentował", "quote", "quote"]


# -- choosing --------------------------------------------------------------------


def test_near_duplicates_are_not_both_chosen() -> None:
    first = "Minister Jan Kowalski powiedział, że podatki wzrosną w przyszłym roku o 2 proc."
    second = "Minister Jan Kowalski powiedział, że podatki wzrosną w przyszłym roku o 3 proc."
    text = (
        f"{first} {second} Ceny paliw spadły w maju. Kierowcy tankują więcej niż zimą. "
        "Stacje obniżają marże na olej napędowy. Import ropy naftowej wzrósł o połowę."
    )
    claims = extract_claims(parse_document(text, name="t"))
    assert len(claims) == 3
    picked = [c.source for c in claims]
    assert (first in picked) != (second in picked)


def test_very_short_text_gives_one_claim() -> None:
    claims = extract_claims(parse_document("Ceny paliw wzrosły w maju. Kierowcy tankują mniej.", name="t"))
    assert len(claims) == 1


def test_claim_count_is_about_a_third_within_bounds() -> None:
    assert [claim_count(n) for n in (0, 1, 2, 3, 5, 6, 18, 21, 60)] == [0, 1, 1, 1, 2, 3, 6, 7, 7]
    assert claim_count(60, max_claims=5) == 5
    assert claim_count(8, min_claims=4) == 4
    assert extract_claims(Document()) == ()


# -- names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("genitive", "base"),
    [
        ("Lassili", "Lassila"),
        ("Domańskiego", "Domański"),
        ("Anny", "Anna"),
        ("Kowalskiej", "Kowalska"),
        ("Tokajewa", "Tokajew"),
        ("Forsberga", "Forsberg"),
        ("Nowak", "Nowak"),
        ("Jussiego", "Jussi"),
    ],
)
def test_genitive_names_go_back_to_base_form(genitive: str, base: str) -> None:
    assert genitive_to_base(genitive) == base


def test_english_forms_are_found_only_when_present() -> None:
    kreml = next(i for i in INSTITUTIONS if i.name == "Kreml")
    ministry = next(i for i in INSTITUTIONS if i.name == "ministerstwo")
    assert english_form(Speaker("Kreml", kreml), "The Kremlin warned.") == "Kremlin"
    assert english_form(Speaker("Kreml", kreml), "Moscow warned.") is None
    health = Speaker("Ministerstwo Zdrowia", ministry)
    assert english_form(health, "The Ministry of Health says so.") == "Ministry of Health"
    assert english_form(Speaker("Kasym-Żomart Tokajew"), "Kassym-Jomart Tokayev's reply") == "Tokayev"
    assert english_form(Speaker("Siergiej Ławrow"), "said Sergei Lavrov.") == "Lavrov"
    assert english_form(Speaker("Wołodymyr Zełenski"), "Volodymyr Zelensky said") == "Volodymyr Zelensky"
    assert english_form(Speaker("Tuomas Forsberg"), "says Tuomas Forsberg in an interview") == "Tuomas Forsberg"
    assert english_form(Speaker("Jan Kowalski"), "The minister said so.") is None
    assert english_form(Speaker("Jan Kowalski"), None) is None
