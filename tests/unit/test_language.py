"""Language guess: Polish articles pass quietly, other languages are named."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.language import LanguageGuess, detect_language, find_mojibake, repair_mojibake, warning_for

SEED = Path(__file__).resolve().parents[2] / "seeds" / "kazachstan-dystansuje-sie-od-rosji.txt"

ENGLISH = (
    "Despite widespread condemnation of Russia's actions during the war in Ukraine, Vladimir Putin "
    "still has several allies. Among them are representatives of Belarus, North Korea, Syria, "
    "Eritrea and Nicaragua. Kazakhstan, however, has begun to distance itself from the Kremlin, "
    "experts told the Finnish newspaper on Monday."
)
CZECH = (
    "Navzdory všeobecnému odsouzení ruských akcí během války na Ukrajině má Vladimir Putin stále "
    "několik spojenců. Kazachstán se však od politiky Kremlu postupně distancuje, řekl expert "
    "v rozhovoru pro finský deník."
)
SLOVAK = (
    "Napriek všeobecnému odsúdeniu ruských akcií počas vojny na Ukrajine má Vladimir Putin stále "
    "niekoľko spojencov. Kazachstan sa však od politiky Kremľa postupne dištancuje, povedal expert "
    "v rozhovore pre fínsky denník."
)
RUSSIAN = (
    "Несмотря на всеобщее осуждение действий России во время войны в Украине, у Владимира Путина "
    "все еще есть несколько союзников. Казахстан постепенно дистанцируется от политики Кремля."
)
GERMAN = (
    "Trotz der weit verbreiteten Verurteilung des russischen Vorgehens im Krieg in der Ukraine hat "
    "Wladimir Putin noch einige Verbündete. Kasachstan distanziert sich jedoch schrittweise von der "
    "Politik des Kreml."
)
POLISH_WITH_CYRILLIC_NAMES = (
    "Prezydent Kazachstanu Kasym-Żomart Tokajew (Касым-Жомарт Токаев) spotkał się w Moskwie "
    "z Władimirem Putinem (Владимир Путин). Rozmowy dotyczyły współpracy gospodarczej "
    "i bezpieczeństwa w regionie."
)


def test_seed_article_is_polish_with_high_confidence():
    guess = detect_language(SEED.read_text(encoding="utf-8"))
    assert guess == LanguageGuess(code="pl", name="Polish", confidence=guess.confidence, is_polish=True)
    assert guess.confidence >= 0.9
    assert warning_for(guess) is None


@pytest.mark.parametrize("index", range(6))
def test_each_seed_block_alone_is_polish(index):
    block = [b for b in SEED.read_text(encoding="utf-8").split("\n\n") if b.strip()][index]
    guess = detect_language(block)
    assert guess.is_polish and guess.code == "pl"


def test_polish_without_diacritics_is_still_polish():
    guess = detect_language(
        "Kazachstan nie chce dolaczyc do Panstwa Zwiazkowego, ale jego prezydent mowi, ze to nie jest potrzebne."
    )
    assert guess.code == "pl" and guess.is_polish


def test_polish_with_a_few_cyrillic_names_is_polish():
    guess = detect_language(POLISH_WITH_CYRILLIC_NAMES)
    assert guess.code == "pl" and guess.is_polish


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        (ENGLISH, "en", "English"),
        (CZECH, "cs", "Czech"),
        (SLOVAK, "sk", "Slovak"),
        (RUSSIAN, "ru", "Russian"),
        (GERMAN, "de", "German"),
    ],
)
def test_other_languages_are_not_polish(text, code, name):
    guess = detect_language(text)
    assert (guess.code, guess.name, guess.is_polish) == (code, name, False)
    assert 0.5 <= guess.confidence <= 1.0
    assert warning_for(guess) == f"input does not look Polish (looks {name}); translating anyway"


def test_ukrainian_letters_are_told_from_russian():
    guess = detect_language("Незважаючи на загальне засудження дій Росії, Володимир Путін досі має кількох союзників.")
    assert (guess.code, guess.is_polish) == ("uk", False)


@pytest.mark.parametrize("text", ["Kazachstan", "Putin", "", "   \n", "2023-06-12", "Hello world"])
def test_very_short_text_is_assumed_polish_without_warning(text):
    guess = detect_language(text)
    assert guess.is_polish
    assert guess.confidence < 0.3
    assert warning_for(guess) is None


def test_warning_is_one_line_and_names_the_language():
    message = warning_for(detect_language(ENGLISH))
    assert message is not None and "\n" not in message and "English" in message


def test_warning_without_a_language_name():
    message = warning_for(LanguageGuess(code=None, name=None, confidence=0.9, is_polish=False))
    assert message == "input does not look Polish; translating anyway"


# --- mis-decoded Polish -----------------------------------------------------------------

POLISH = (
    "Posłowie sprzeciwiają się ustawie, ale większość głosowała za. Źródło sporu leży w podziale "
    "środków: samorządy żądają miejsca w komitecie, który będzie oceniał wydatki."
)


@pytest.mark.parametrize("codec", ["cp1250", "iso8859_2", "mac_latin2", "cp1252", "latin_1"])
def test_utf8_read_as_a_single_byte_code_page_is_flagged(codec):
    misread = POLISH.encode("utf-8").decode(codec, errors="replace")
    guess = detect_language(misread)
    assert guess.mojibake, misread
    message = warning_for(guess)
    assert message is not None and "\n" not in message
    assert message.startswith("input looks like mis-decoded Polish (mojibake such as ")
    assert message.endswith("; check its encoding")


def test_the_pairs_from_the_field_are_known():
    for pair in ("Ä…", "Ĺ›", "ńÖ", "Ã³", "Å‚", "Ä™", "ńô"):
        assert find_mojibake(f"Tekst {pair} i {pair} oraz {pair} bez polskich liter.") == (pair,)


def test_clean_polish_and_other_languages_have_no_mojibake():
    for text in (POLISH, ENGLISH, CZECH, SLOVAK, GERMAN, RUSSIAN, SEED.read_text(encoding="utf-8")):
        assert detect_language(text).mojibake == ()
    assert warning_for(detect_language(POLISH)) is None


def test_a_stray_pair_among_real_polish_is_tolerated():
    # One pair (a quoted byte sequence, a foreign name) does not make an article mis-decoded.
    assert find_mojibake(POLISH + " Firma ĹťM i Ä… w nazwie. " + POLISH) == ()


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="aąbcćdeęfghijklłmnńoóprsśtuwyzźż .,", min_size=30, max_size=400))
def test_utf8_polish_read_as_cp1250_is_flagged_when_it_has_polish_letters(text):
    letters = sum(1 for c in text if c in "ąćęłńóśźż")
    misread = text.encode("utf-8").decode("cp1250", errors="replace")
    assert detect_language(text).mojibake == ()
    if letters >= 3:
        assert detect_language(misread).mojibake


@pytest.mark.parametrize("codec", ["iso8859_2", "mac_latin2", "latin_1", "cp852"])
def test_mojibake_is_repaired_with_the_code_page_that_explains_it(codec):
    misread = POLISH.encode("utf-8").decode(codec)
    assert repair_mojibake(misread) == (POLISH, sum(1 for c in POLISH if c in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"))


def test_clean_text_and_a_stray_pair_are_not_repaired():
    assert repair_mojibake(POLISH) == (POLISH, 0)
    stray = POLISH + " Firma Ä… w nazwie."
    assert repair_mojibake(stray) == (stray, 0)


def test_mojibake_is_the_reason_given_and_the_pipeline_warns_about_it():
    from translator.parse import parse_document
    from translator.pipeline import Pipeline, Settings

    misread = POLISH.encode("utf-8").decode("mac_latin2")
    guess = detect_language(misread)
    assert guess.reason is not None and guess.reason.startswith("input looks like mis-decoded Polish")
    warnings: list[str] = []
    Pipeline(Settings(summary_model=None), warn=warnings.append).check_language(parse_document(misread), "wklejka")
    assert len(warnings) == 1 and warnings[0].startswith("wklejka: input looks like mis-decoded Polish (")
    assert warnings[0].endswith("; check its encoding")
    assert detect_language(POLISH).reason is None
