"""Page furniture left in an extracted article, and how to take it out.

Polish news sites wrap an article in the same few kinds of furniture: bylines and
date lines ("Autor: …", "Data: …", "Źródło: …"), agency tags ("aja/PAP", "red."),
photo credits ("Fot. Jan Kowalski / Agencja Gazeta"), prompts that lead to other
pages ("Czytaj też: …", "Otwórz galerię", "ZOBACZ WIDEO …", "Zagłosuj w ankiecie:",
"Publikacja dostępna na stronie: …"), boxes of related links under a heading of their
own ("Polecane", "Najczęściej czytane"), the page title repeated as a block, and
bullets that survive as a lone "?" or "•". :func:`remove_furniture` takes a page's
blocks, as ``(text, is_heading)`` pairs, and returns the article's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

Block = tuple[str, bool]  # (text, is heading)

MAX_FURNITURE_LINE = 200  # a line longer than this is prose, whatever it starts with
_I = re.IGNORECASE
_READ = r"(?:czytaj|przeczytaj|zobacz|sprawdź|posłuchaj|obejrzyj)"
_MORE = r"(?:także|też|również|więcej|dalej|koniecznie)"
# Photo agencies, stock libraries and platforms named in credits ("Fot. X / Agencja Gazeta").
_CREDITED = (
    r"(?:agencja gazeta|ag|east news|forum|pap|reporter|newspix(?:\.pl)?|shutterstock|getty images|"
    r"istock(?:photo)?|adobe ?stock|123rf|depositphotos|fotolia|materiały prasowe|mat\. ?pras\.?|"
    r"wikimedia(?: commons)?|wikipedia|unsplash|pixabay|facebook|twitter|instagram|youtube|epa|afp|reuters|"
    r"ap(?: photo)?|dpa|xinhua|anadolu|archiwum|domena publiczna|public domain|licencja cc[\w .-]*)"
)
_MONTH_NAMES = "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia"
_DATE = rf"\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}} (?:{_MONTH_NAMES}) \d{{4}}"
_AGENCY = r"(?:pap|iar|kai|afp|reuters|dpa|ap|epa|tass|ria|ukrinform|bbc|cnn|isbnews|bankier\.pl|money\.pl)"
# Whole lines (of a block, or the whole block) that are furniture, never article text.
FURNITURE_LINE = re.compile(
    r"^(?:"
    # labelled bylines, dates and sources
    r"(?:autor(?:ka|zy)?|opracowanie|oprac\.|opr\.|data(?: publikacji| dodania| aktualizacji)?|dodano|"
    r"data (?:utworzenia|aktualizacji)|ostatnia aktualizacja|opublikowano|publikacja|aktualizacja|zaktualizowano|"
    r"źródło|źródła|"
    r"foto|fot|zdjęcie|zdjęcia|zdj|ilustracja|grafika|wideo|video|tagi|tematy|kategoria|czas czytania|"
    r"tekst|rozmawiał[a]?|rozmawiali|opracował[a]?|notował[a]?|"
    r"(?:źródło|autor|autorka) (?:zdjęci[ae]|zdjęć|grafiki|ilustracji|wideo|foto|tekstu|artykułu)(?: głównego)?"
    r")\.?\s*:.*"
    # photo credits: "Fot. Jan Kowalski / Agencja Gazeta", "praca / ShutterStock", "PAP/ Jan Kowalski"
    r"|\(?(?:(?:fot|foto|zdj)\.?|(?:il|ilustr)\.)\s+\S.*"
    rf"|[^.!?]{{0,80}}/\s*{_CREDITED}\.?"
    rf"|{_CREDITED}\s*/\s*[^.!?]{{1,60}}|{_CREDITED}\.?"
    rf"|[\w.\- ]{{2,30}}\s*/\s*{_AGENCY}\.?"  # "INTERIA.PL/PAP", "RMF FM/PAP"
    # agency tags and editors' initials: "aja/PAP", "mm, kb/wPolityce.pl", "(PAP)", "red.", "oprac. red."
    r"|(?:(?:oprac\.|opr\.)\s*)?(?-i:[a-ząćęłńóśźż]{1,6}(?:\s*[,/]\s*[a-ząćęłńóśźż]{1,6})*)\s*/\s*[\w.\-]{2,25}"
    rf"|\(?{_AGENCY}(?:\s*/\s*{_AGENCY})*\)?\.?"
    r"|\(?(?:oprac\.|opr\.)?\s*(?:red\.?|redakcja)\)?|(?:oprac|opr)\.\s+[^.!?]{2,60}"
    # a date (and time) alone on its line: "12.05.2022, 14:05", "12 maja 2022 r."
    rf"|(?:{_DATE})(?:\s*r\.)?(?:,?\s*(?:godz\.\s*)?\d{{1,2}}:\d{{2}})?(?:\s*[|•·]\s*[^.!?]{{0,80}})?"
    rf"|[^|•·.!?]{{2,60}}[|•·]\s*(?:{_DATE}).{{0,80}}"  # "Jan Nowak | 12.05.2022, 14:05"
    # where the article was published, copyright
    r"|publikacja dostępna na stronie\b.*|(?:artykuł|tekst) pochodzi z\b.*"
    r"|materiał chroniony prawem autorskim\b.*|wszelkie prawa zastrzeżone\.?|©.*|copyright\b.*"
    r"|ten (?:tekst|artykuł) przeczytasz w\b.*"
    # galleries, videos, polls, read-more prompts, sharing
    r"|(?:otwórz|zobacz|przejdź do|obejrzyj) (?:galeri[ęai]|zdjęcia|wideo|video|film|materiał wideo)\b.*"
    r"|(?:galeria(?: zdjęć)?|wideo|video|film)(?:\s*[:(]\s*\d*\)?)?"
    rf"|{_READ}\s+{_MORE}\b.*|dowiedz się więcej\b.*|więcej (?:na ten temat|informacji|o tym)\s*[:»>].*"
    rf"|{_READ}\b[^.!?]{{0,80}}:"
    r"|(?:zagłosuj|głosuj)(?: w (?:ankiecie|sondzie))?\s*[:!.]?|(?:sonda|ankieta)\s*:?"
    r"|polecamy(?:\s*[:»>\-–—].*)?|reklama|advertisement|(?:materiał|artykuł) sponsorowany|autopromocja"
    r"|(?:dalsza część|dalszy ciąg) (?:artykułu|tekstu|materiału) pod (?:reklamą|materiałem wideo|wideo|filmem)\.?"
    r"|więcej\b.{0,80}\bznajdziesz (?:na|w)\b.*|(?:drukuj|wyślij|zapisz|kopiuj link|skopiuj link)"
    r"|(?:artykuł|tekst) (?:dalej )?(?:kontynuowany )?pod reklamą\.?|poniżej dalsza część artykułu\.?"
    r"|komentarze(?: \(\d+\))?:?|udostępnij(?: artykuł)?:?|skomentuj(?: artykuł| ten artykuł)?|podziel się\b.*"
    r"|(?:obserwuj|śledź) nas\b.*|(?:pokaż|zobacz|dodaj|czytaj) komentarz(?:e|y)?\b.*|kliknij\b[^.!?]{0,80}"
    r"|(?:rozwiń|zwiń|pokaż więcej|wróć)\s*[»>]*|(?:następny|poprzedni|kolejny) (?:artykuł|tekst|wpis)\b.*"
    r"|oceń (?:jakość )?(?:naszego |tego )?artykułu\b.*|twoja opinia pozwala nam\b.*|dziękujemy,? że przeczytał.*"
    r"|bądź na bieżąco\b.*|masz newsa\b.*|(?:zapisz się|zamów|subskrybuj)\b.{0,40}newsletter.*"
    r"|partnerem materiału\b.*|materiał (?:promocyjny|partnera|reklamowy)\.?|(?:oglądaj|posłuchaj|słuchaj)\s*:.*"
    # a lone count (gallery size, comments) or a lone symbol
    r"|\d{1,3}|[^\w\s]{1,3}"
    r")$",
    _I,
)
# A bullet that became a character of its own ("? Najwięcej pieniędzy…", "• Drugi punkt").
LONE_BULLET = re.compile(r"^[?•●▪■□►▶▸◆◇◦‣∙·*»>✓✔➤→]{1,3}\s+(?=\S)")
# A heading that introduces links to other pages in the middle of an article: its box ends
# at the next heading or at the first block of prose.
READ_MORE_HEADING = re.compile(
    rf"^(?:{_READ}(?:\s+{_MORE})?|dowiedz się więcej|więcej (?:na ten temat|informacji)|polecamy)\s*:?$", _I
)
# Headings of the boxes that close a page (recommended, most read, tags, readers' versions):
# the box runs to the next heading, prose included.
RELATED_HEADING = re.compile(
    r"^(?:"
    r"polecane(?:\s+\w+)?|polecamy|rekomendowane|warto (?:przeczytać|wiedzieć)"
    r"|najnowsze(?:\s+\w+)?|najczęściej (?:czytane|komentowane|oglądane)|najpopularniejsze(?:\s+\w+)?"
    r"|popularne(?:\s+\w+)?|powiązane(?:\s+\w+)?|podobne(?:\s+\w+)?|(?:inne|więcej) (?:artykuły|teksty|wiadomości)"
    r"|więcej (?:na ten temat|z działu|z kategorii|informacji)(?:\s+\w+)?|może cię (?:zainteresować|też zainteresować)"
    r"|(?:może|mogą) (?:cię|ciebie|państwa) (?:też |także )?zainteresować|tagi|tematy|komentarze(?: \(\d+\))?"
    r"|(?:\w+ )?w (?:waszym|twoim) wykonaniu"
    r")\s*:?$",
    _I,
)
TITLE_SEPARATOR = re.compile(r"\s+[-|–—:»]\s+")
PROSE = re.compile(r"[.!?…\"”]\s*$")  # a block that ends like a sentence
MAX_LINK_TEXT = 150  # a box of links holds short blocks; longer prose means the article goes on
MAX_LABEL = 100  # "Zobacz, co działo się w Sejmie:" and the like


def remove_furniture(blocks: Iterable[Block], *, titles: Sequence[str] = ()) -> list[Block]:
    """``blocks`` without furniture lines, related-link boxes and repeats of any of ``titles``.

    A closing box ("Polecane", "Najczęściej czytane") runs from its heading to the next
    heading; a read-more heading inside the article ("Czytaj także") takes only the short
    link blocks right after it. A repeat of the title inside a box does not end it.
    """
    kept: list[Block] = []
    box: str | None = None  # "closing", "read-more" or None
    for raw, is_heading in blocks:
        text = clean_block(raw)
        kind = _box_kind(" ".join(raw.split()), is_heading) or _box_kind(" ".join(text.split()), is_heading)
        if kind is not None:
            box = kind if kind != "label" else box  # a lone read-more label in the text: only the label goes
            continue
        if not text or is_title(text, titles):
            continue
        if box is not None and is_heading:
            box = None
        elif box == "read-more" and (len(text) > MAX_LINK_TEXT or PROSE.search(text) and len(text) > 80):
            box = None
        if box is None:
            kept.append((text, is_heading))
    return _without_dangling_labels(kept)


def clean_block(text: str) -> str:
    """``text`` without its furniture lines and lone bullets; empty when nothing else was there."""
    lines = text.split("\n")
    if len(lines) > 1 and READ_MORE_HEADING.match(lines[0].strip()) and len(text) <= 2 * MAX_FURNITURE_LINE:
        return ""  # "Czytaj też:" over the links it announces
    kept = []
    for line in lines:
        line = LONE_BULLET.sub("", line.strip())
        if line and not is_furniture_line(line):
            kept.append(line)
    return "\n".join(kept)


def is_furniture_line(line: str) -> bool:
    line = LONE_BULLET.sub("", line.strip())
    return len(line) <= MAX_FURNITURE_LINE and FURNITURE_LINE.match(line) is not None


def is_title(text: str, titles: Sequence[str]) -> bool:
    """True when ``text`` repeats a title: the same words, or the title with a site name after it."""
    block = _comparable(text)
    if not block or len(text) > 300:
        return False
    for title in titles:
        whole = _comparable(title)
        if block == whole:
            return True
        parts = TITLE_SEPARATOR.split(title)  # "Headline - Section | Site": the headline alone
        if len(parts) > 1 and any(block == _comparable(" - ".join(parts[:n])) for n in range(1, len(parts))):
            return True
    return False


def _without_dangling_labels(blocks: list[Block]) -> list[Block]:
    """Without short "…:" blocks that introduce nothing (what they announced was a video, a
    poll or an embedded post): the last block, or one right before a heading."""
    kept: list[Block] = []
    for text, is_heading in reversed(blocks):  # from the end, so a run of such labels goes whole
        announces_nothing = not kept or kept[-1][1]
        if announces_nothing and not is_heading and len(text) <= MAX_LABEL and text.endswith(":"):
            continue
        kept.append((text, is_heading))
    return kept[::-1]


def _box_kind(line: str, is_heading: bool) -> str | None:
    if not line:
        return None
    if RELATED_HEADING.match(line) and (is_heading or len(line) <= 60):
        return "closing"
    if READ_MORE_HEADING.match(line):
        return "read-more" if is_heading else "label"
    return None


def _comparable(text: str) -> str:
    return " ".join(re.sub(r"[\"'„”“«»‚‘’.,:;!?()\[\]]", " ", text).casefold().split())
