"""Page furniture: bylines, agency tags, credits, prompts, related boxes, repeated titles, lone bullets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.inputs import extract_article
from translator.inputs.furniture import clean_block, is_furniture_line, is_title, remove_furniture

PROSE = (
    "Rada Miasta przyjęła w czwartek budżet na przyszły rok, choć radni opozycji zgłosili do niego "
    "kilkadziesiąt poprawek dotyczących komunikacji miejskiej i remontów szkół."
)


@pytest.mark.parametrize(
    "line",
    [
        "kb/PAP",
        "mm, jkr/IAR",
        "oprac. ms/wPolityce.pl",
        "(PAP)",
        "PAP/EPA",
        "red.",
        "(red)",
        "oprac. red.",
        "Autor: Jan Nowak",
        "Autorka: Anna Kowalska",
        "Data: 03-02-2022, 14:05",
        "Data publikacji: 3 lutego 2022",
        "Źródło: Onet, PAP",
        "Opublikowano: 12.05.2022",
        "Fot. Adam Stępień / Agencja Gazeta",
        "fot. archiwum",
        "il. Jan Nowak",
        "Zdjęcie: Jan Nowak",
        "Marek Kowalski / East News",
        "plaża w Sopocie / Shutterstock",
        "PAP/ Leszek Szymański",
        "Publikacja dostępna na stronie: https://example.pl/wiadomosci/1-artykul",
        "Otwórz galerię (12)",
        "Zobacz galerię zdjęć",
        "ZOBACZ WIDEO: Burmistrz odpowiada mieszkańcom",
        "Zobacz wideo",
        "Zagłosuj w ankiecie:",
        "Zagłosuj w sondzie",
        "Czytaj też: Rząd zmienia zasady dopłat",
        "Przeczytaj także: Nowe przepisy od lipca",
        "Czytaj więcej",
        "Dowiedz się więcej: Jak głosowali radni?",
        "Sprawdź szczegóły tego projektu:",
        "Polecamy: Najciekawsze wydarzenia tygodnia",
        "REKLAMA",
        "Dalsza część artykułu pod materiałem wideo",
        "Materiał chroniony prawem autorskim - wszelkie prawa zastrzeżone.",
        "Ten tekst przeczytasz w 3 minuty",
        "Komentarze (14)",
        "12",
        "?",
        "•",
        "***",
        "12.05.2022, 14:05",
        "12 maja 2022 r.",
        "Data aktualizacji: 12 maja 2022",
        "Oprac. Jan Nowak",
        "Oceń jakość naszego artykułu: Twoja opinia pozwala nam tworzyć lepsze treści.",
        "Bądź na bieżąco! Obserwuj nas w Wiadomościach Google.",
        "Posłuchaj: rozmowa z burmistrzem",
        "Rozmawiała: Anna Kowalska",
        "Źródło zdjęcia głównego: Gazeta Lokalna",
        "INTERIA.PL/PAP",
        "RMF FM/PAP",
        "Dalszy ciąg materiału pod wideo",
        "Więcej podobnych treści znajdziesz na stronie głównej serwisu",
        "Drukuj",
        "(fot. PAP)",
        "Getty Images",
        "Jan Nowak | 12.05.2022, 14:05",
        "12.05.2022 | aktualizacja 15:20",
        "Ostatnia aktualizacja: wczoraj",
        ">>> Czytaj też: Nowe przepisy od lipca",
        "Skomentuj artykuł",
        "Pokaż komentarze (3)",
        "Następny artykuł",
    ],
)
def test_furniture_lines_are_recognised(line):
    assert is_furniture_line(line)
    assert clean_block(line) == ""


@pytest.mark.parametrize(
    "line",
    [
        PROSE,
        "Wynik meczu: 3:1 dla gospodarzy.",
        "Przerwa w obradach.",
        "Jan Kowalski 3",
        "Składniki",
        "Krok 2",
        "ciasto:",
        "Komentarz",
        "Zobacz, jak głosowali radni w poprzedniej kadencji.",
        "UE/NATO",
        "Polska/Niemcy: rozmowy o granicy",
        "Autor projektu, inżynier Jan Nowak, mówi, że prace potrwają rok.",
        "Fotografia zawsze była jego pasją.",
        "Data wyborów nie jest jeszcze znana.",
        "Źródłem problemu jest brak pieniędzy w budżecie gminy.",
        "2 łyżki",
        "Red Bull Air Race wraca do Gdyni.",
        "12 maja 2022 r. radni przyjęli budżet.",
        "Posłuchaj, co mówi burmistrz.",
        "Opracowanie projektu trwało dwa lata.",
        "Tekst ustawy trafi teraz do Senatu.",
        "Kliknięcia w reklamy spadły o połowę.",
        "Następny krok to wybór wykonawcy.",
        "Forum Ekonomiczne rozpoczęło się w Karpaczu.",
        "Il Volo zaśpiewa w Krakowie w sobotę.",
        "Źródło sporu: budżet.",
    ],
)
def test_article_lines_are_kept(line):
    assert not is_furniture_line(line)
    assert clean_block(line) == line


def test_furniture_lines_leave_a_multi_line_block_and_bullets_go():
    block = "Autor: Jan Nowak\n? Najwięcej pieniędzy trafi na drogi.\n• Reszta na szkoły.\nfot. archiwum"
    assert clean_block(block) == "Najwięcej pieniędzy trafi na drogi.\nReszta na szkoły."
    assert clean_block("Czytaj też:\nRząd zmienia zasady dopłat\nNowe przepisy od lipca") == ""
    assert clean_block("– To dobry dzień – powiedział burmistrz.") == "– To dobry dzień – powiedział burmistrz."


def test_title_repeats_with_or_without_the_site_name():
    titles = ["Budżet miasta przyjęty. Opozycja krytykuje - Wiadomości | Gazeta Lokalna", "Budżet miasta przyjęty"]
    assert is_title("Budżet miasta przyjęty. Opozycja krytykuje", titles)
    assert is_title("„Budżet miasta przyjęty”", titles)
    assert not is_title("Budżet miasta przyjęty w czwartek po długiej debacie.", titles)
    assert not is_title(PROSE, titles)


def test_related_boxes_go_with_their_heading_and_the_article_goes_on():
    blocks = [
        (PROSE, False),
        ("Czytaj także", True),
        ("Rząd zmienia zasady dopłat", False),
        ("Nowe przepisy od lipca", False),
        (PROSE.replace("czwartek", "piątek"), False),
        ("Kolejne posiedzenie", True),
        (PROSE.replace("czwartek", "poniedziałek"), False),
        ("Najczęściej czytane", True),
        ("Artykuł, który czytało wielu ludzi, choć nie ten.", False),
        ("Budżet miasta przyjęty", True),  # the title again, inside the box
        ("Opis kategorii strony z kilkoma zdaniami. " * 4, False),
    ]
    assert remove_furniture(blocks, titles=["Budżet miasta przyjęty"]) == [
        blocks[0],
        blocks[4],
        blocks[5],
        blocks[6],
    ]


def test_a_lone_read_more_label_goes_but_the_list_after_it_stays():
    blocks = [(PROSE, False), ("Zobacz też", False), ("Pierwszy punkt listy", False), ("Drugi punkt", False)]
    assert remove_furniture(blocks) == [blocks[0], blocks[2], blocks[3]]


LINES = st.sampled_from(
    [PROSE, "Autor: Jan Nowak", "kb/PAP", "? Punkt listy.", "Polecane", "Krok 1", "Czytaj też: X", "3", "Składniki:"]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.lists(LINES, min_size=1, max_size=3).map("\n".join), st.booleans()), max_size=12))
def test_removing_furniture_only_removes(blocks):
    kept = remove_furniture(blocks)
    assert remove_furniture(kept) == kept  # nothing left to remove the second time
    source_lines = {line.removeprefix("? ") for text, _ in blocks for line in text.split("\n")}
    assert all(text and set(text.split("\n")) <= source_lines for text, _ in kept)
    cleaned = iter([(clean_block(text), is_heading) for text, is_heading in blocks])
    assert all(block in cleaned for block in kept)  # a subsequence: the order is kept


def page(body: str, *, title: str = "Budżet miasta przyjęty", head: str = "") -> str:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title} - Wiadomości | Gazeta Lokalna</title>"
        f"{head}</head><body><nav><a href='/'>Start</a></nav><main><article><h1>{title}</h1>{body}</article>"
        "</main><footer><p>© 2024 Gazeta Lokalna</p></footer></body></html>"
    )


def test_a_news_page_keeps_the_article_and_loses_its_furniture():
    body = (
        "<p>Budżet miasta przyjęty</p>"
        + "<div class='byline'><p>Autor: Jan Nowak</p><p>Data: 14.12.2023, 10:15</p></div>"
        + f"<p>{PROSE}</p>"
        + "<figure><img src='a.jpg'><figcaption>Fot. Adam Stępień / Agencja Gazeta</figcaption></figure>"
        + "<p>Otwórz galerię</p><p>7</p>"
        + "<p>– To budżet rozwoju – mówił prezydent miasta, dziękując radnym za współpracę przy projekcie.</p>"
        + "<p>ZOBACZ WIDEO Prezydent o budżecie</p><p>Zagłosuj w ankiecie:</p>"
        + "<h2>Co zmieni się w szkołach</h2><ul><li>? Więcej pieniędzy na remonty sal gimnastycznych w szkołach.</li>"
        + "<li>? Nowe boiska przy trzech szkołach podstawowych na osiedlach.</li></ul>"
        + "<p>Radni spotkają się ponownie w styczniu, by omówić poprawki zgłoszone przez mieszkańców.</p>"
        + "<p>kb/PAP</p><p>Publikacja dostępna na stronie: https://example.pl/budzet</p>"
        + "<h3>Polecane</h3><p>Inny tekst o czymś zupełnie innym, który tu nie pasuje do artykułu.</p>"
    )
    article = extract_article(page(body))
    assert article.text.split("\n\n") == [
        PROSE,
        "– To budżet rozwoju – mówił prezydent miasta, dziękując radnym za współpracę przy projekcie.",
        "Co zmieni się w szkołach",
        "Więcej pieniędzy na remonty sal gimnastycznych w szkołach.",
        "Nowe boiska przy trzech szkołach podstawowych na osiedlach.",
        "Radni spotkają się ponownie w styczniu, by omówić poprawki zgłoszone przez mieszkańców.",
    ]
    assert article.headings == ("Co zmieni się w szkołach",)


def test_labels_that_announce_nothing_go():
    blocks = [
        (PROSE, False),
        ("Tak wyglądała sesja:", False),
        ("Zagłosuj w ankiecie:", False),
        ("Kolejne posiedzenie", True),
        ("Składniki ciasta:", False),
        ("500 g mąki", False),
        (PROSE, False),
        ("Posłuchaj rozmowy:", False),
    ]
    assert remove_furniture(blocks) == [blocks[0], blocks[3], blocks[4], blocks[5], blocks[6]]
