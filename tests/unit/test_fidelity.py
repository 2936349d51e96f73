"""check_translation and better: spotting broken translations."""

from __future__ import annotations

import pytest

from translator.backends import Hypothesis
from translator.fidelity import better, check_translation, longest_runs, polish_share

SOURCE = "Prezydent Kazachstanu odcina się od Łukaszenki."
CLEAN = "The President of Kazakhstan distances himself from Lukashenko."


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (SOURCE, CLEAN),
        (SOURCE, "The President of Kazakhstan distances himself from Łukaszenka."),
        (
            "Kasym-Żomart Tokajew krótko skomentował sytuację.",
            "Kasym-Żomart Tokayev briefly commented on the situation.",
        ),
        ("Łukaszenka", "Łukaszenka"),  # a name alone comes back as it is
        ("Ilta-Sanomat", "Ilta-Sanomat"),
        ("Rosja", "Russia"),
        ("2023", "2023"),
        (
            "Nie, nie, nie, nie - powtarzał prezydent.",
            "No, no, no, no, the president repeated.",
        ),
        (
            "Pomimo powszechnego potępienia działań Rosji podczas wojny w Ukrainie, Władimir Putin wciąż posiada kilku sojuszników.",
            "Despite widespread condemnation of Russia's actions during the war in Ukraine, "
            "Vladimir Putin still has some allies.",
        ),
        ("Doceniam jego żart.", "I appreciate his joke."),
    ],
)
def test_clean_translations_have_no_flags(source, target):
    assert check_translation(source, target) == ()


@pytest.mark.parametrize("target", ["", "   ", "\n"])
def test_empty(target):
    assert check_translation(SOURCE, target) == ("empty",)


def test_blank_source_and_target_is_fine():
    assert check_translation("  ", "") == ()


def test_echoed_polish_is_untranslated():
    assert check_translation(SOURCE, SOURCE) == ("untranslated",)
    assert check_translation(SOURCE, "  prezydent KAZACHSTANU   odcina się od łukaszenki. ") == ("untranslated",)


def test_half_polish_output_is_untranslated():
    source = "Prezydent Kazachstanu nie zareagował entuzjastycznie na propozycję dołączenia."
    target = "The president of Kazakhstan nie zareagował entuzjastycznie na propozycję dołączenia."
    assert "untranslated" in check_translation(source, target)


def test_mostly_english_with_one_polish_word_passes():
    source = "Kreml zauważył odcięcie się Kazachstanu i przestrzegł przed skutkami."
    target = "The Kremlin noticed Kazakhstan's distancing and warned of the consequences, mówi."
    assert check_translation(source, target) == ()


def test_polish_share_ignores_capitalised_names():
    assert polish_share("Łukaszenka met Żomart in Łódź") == (0, 5)
    assert polish_share("nie wiem, że tak") == (3, 4)


def test_looping_name_is_repetition():
    flags = check_translation("Putin wciąż posiada kilku sojuszników.", "Putin Putin Putin Putin Putin Putin")
    assert "repetition" in flags


def test_the_the_the_is_repetition():
    source = "Kazachstan nie chce dołączyć do Państwa Związkowego Rosji i Białorusi."
    assert check_translation(source, "Kazakhstan does not want to join the the the Union State.") == ("repetition",)


def test_twice_is_not_repetition():
    source = "Kazachstan nie chce dołączyć do Państwa Związkowego Rosji i Białorusi."
    assert check_translation(source, "Kazakhstan does not want to join the Union State, State of Russia.") == ()


def test_ngram_loop_is_repetition():
    source = "Kreml zauważył odcięcie się Kazachstanu i przestrzegł, że Państwo Związkowe ma wyższy poziom integracji."
    target = "The Kremlin noticed the Union State of the Union State of the Union State of the Union State."
    assert "repetition" in check_translation(source, target)


def test_low_distinct_ratio_in_long_output_is_repetition():
    source = (
        "Naukowiec Instytutu Polityki Zagranicznej Jussi Lassila uważa, że Rosja może zaoferować ochronę, "
        "jeśli pozycja autorytarnego przywództwa kraju osłabnie."
    )
    shuffles = ["R c o p", "c R p o", "o p R c", "p o c R", "R o c p", "c p R o"]
    names = {"R": "Russia", "c": "can", "o": "offer", "p": "protection"}
    words = [names[k] for shuffle in shuffles for k in shuffle.split()]
    target = " ".join(words) + "."
    assert len(words) >= 20 and len(set(words)) / len(words) < 0.3
    # No word or n-gram runs here: only the low share of distinct words gives it away.
    assert all(max(longest_runs(words, n).values(), default=1) < 3 for n in range(1, 5))
    assert check_translation(source, target) == ("repetition",)


def test_source_repeating_itself_excuses_the_target():
    assert check_translation("Putin, Putin, Putin, Putin!", "Putin, Putin, Putin, Putin!") == ()


def test_too_short_output_is_length_ratio():
    source = "Nie ma jednak co do tego pewności, ponieważ zdaniem Lassili Kazachstan może uzyskać pomoc z Chin."
    assert check_translation(source, "But.") == ("length_ratio",)


def test_short_sources_are_not_judged_too_short():
    assert check_translation("Tak.", "Yes.") == ()
    assert check_translation("Rosja i Chiny", "Russia") == ()


def test_too_long_output_is_length_ratio():
    source = "Kreml zauważył odcięcie się Kazachstanu."
    target = (
        "The Kremlin noticed that Kazakhstan was cutting itself off, and it also noticed many other things "
        "about the region, its neighbours, its economy, its politics and its long and complicated history."
    )
    assert check_translation(source, target) == ("length_ratio",)


def test_source_tokens_bound_the_number_of_words():
    source = "Kasym-Żomart Tokajew"
    target = "Kasym Zhomart Tokayev said he was"
    assert check_translation(source, target) == ()
    assert check_translation(source, target, source_tokens=8) == ()
    assert check_translation(source, target, source_tokens=0) == ("length_ratio",)


def test_flags_are_sorted():
    flags = check_translation("Putin", "Putin Putin Putin Putin Putin Putin Putin Putin Putin Putin Putin")
    assert flags == ("length_ratio", "repetition")


def test_longest_runs():
    words = "a b a b a b c c c".split()
    assert longest_runs(words, 1) == {("c",): 3}
    assert longest_runs(words, 2) == {("a", "b"): 3, ("b", "a"): 2}


def test_better_prefers_fewer_flags_then_higher_score():
    good, bad = Hypothesis("Russia.", -2.0), Hypothesis("Russia Russia Russia Russia.", -0.1)
    assert better(good, (), bad, ("repetition",))
    assert not better(bad, ("repetition",), good, ())
    assert better(Hypothesis("a", -0.2), (), Hypothesis("b", -0.5), ())
    assert not better(Hypothesis("a", -0.5), (), Hypothesis("b", -0.2), ())


def test_better_keeps_the_incumbent_on_a_tie():
    assert not better(Hypothesis("a", None), (), Hypothesis("b", -0.5), ())
    assert not better(Hypothesis("a", -0.5), (), Hypothesis("b", -0.5), ())
