"""A page's date at the precision the page gives it.

Date extractors answer with a full day even when the page says only "2023-06"
("date 2023-06" becomes 2023-06-01, a bare "2023-06" even 2023-06-30, "czerwiec
2023" 2023-01-01). :func:`source_precision` checks the answer against the page: the
day stays when the page writes that day in some form (ISO, 12.06.2023, 12 czerwca
2023, 2023/06/12 in a URL); otherwise the answer is cut to the month or the year that
the page does write: ``YYYY-MM`` or ``YYYY``.
"""

from __future__ import annotations

import re

ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# Genitive first ("12 czerwca 2023"), then nominative ("czerwiec 2023"); English too.
MONTHS = (
    ("stycznia", "styczeń", "styczen", "january", "jan"),
    ("lutego", "luty", "february", "feb"),
    ("marca", "marzec", "march", "mar"),
    ("kwietnia", "kwiecień", "kwiecien", "april", "apr"),
    ("maja", "maj", "may"),
    ("czerwca", "czerwiec", "june", "jun"),
    ("lipca", "lipiec", "july", "jul"),
    ("sierpnia", "sierpień", "sierpien", "august", "aug"),
    ("września", "wrzesień", "wrzesnia", "wrzesien", "september", "sep", "sept"),
    ("października", "październik", "pazdziernika", "pazdziernik", "october", "oct"),
    ("listopada", "listopad", "november", "nov"),
    ("grudnia", "grudzień", "grudzien", "december", "dec"),
)
# Roman month numerals, as in "12 VI 2023".
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def source_precision(date: str | None, source: str) -> str | None:
    """``date`` (``YYYY-MM-DD``) as precise as ``source`` (the page's HTML) states it."""
    if not date:
        return date
    match = ISO_DAY.match(date)
    if not match:
        return date
    year, month, day = match.group(1), int(match.group(2)), int(match.group(3))
    if _names_day(source, year, month, day):
        return date
    if _names_month(source, year, month):
        return f"{year}-{month:02d}"
    if (stated := _stated_month(source, year)) is not None:
        return f"{year}-{stated:02d}"
    if re.search(rf"(?<!\d){year}(?!\d)", source):
        return year
    return date  # nothing to check it against: keep the extractor's answer


def _names_day(source: str, year: str, month: int, day: int) -> bool:
    m, d = rf"0?{month}", rf"0?{day}"
    names = "|".join(MONTHS[month - 1])
    patterns = (
        rf"(?<!\d){year}\s*[-/.]\s*{m}\s*[-/.]\s*{d}(?!\d)",  # 2023-06-12, 2023/6/12, 2023.06.12
        rf"(?<![\d.]){d}\s*[-/.]\s*{m}\s*[-/.]\s*{year}(?!\d)",  # 12.06.2023, 12-06-2023
        rf"(?<![\d-]){year}{month:02d}{day:02d}(?!\d)",  # 20230612
        rf"(?<!\d){d}\.?\s+(?:{names})\.?,?\s+{year}(?!\d)",  # 12 czerwca 2023, 12 June 2023
        rf"\b(?:{names})\.?\s+{d},?\s+{year}(?!\d)",  # June 12, 2023
        rf"(?<!\d){d}\s+{ROMAN[month - 1]}\s+{year}(?!\d)",  # 12 VI 2023
    )
    return any(re.search(p, source, re.IGNORECASE) for p in patterns)


def _names_month(source: str, year: str, month: int) -> bool:
    m = rf"0?{month}"
    names = "|".join(MONTHS[month - 1])
    patterns = (
        rf"(?<!\d){year}\s*[-/.]\s*{m}(?![\d])",  # 2023-06, 2023/06
        rf"(?<![\d.\-/]){m}\s*[-/.]\s*{year}(?!\d)",  # 06.2023, 06/2023
        rf"\b(?:{names})\.?\s+{year}(?!\d)",  # czerwiec 2023, czerwca 2023, June 2023
    )
    return any(re.search(p, source, re.IGNORECASE) for p in patterns)


def _stated_month(source: str, year: str) -> int | None:
    """The month a page names next to ``year`` in words ("czerwiec 2023"), when the extractor missed it."""
    for number, names in enumerate(MONTHS, start=1):
        long_names = "|".join(n for n in names if len(n) > 3)
        if re.search(rf"\b(?:{long_names})\s+{year}(?!\d)", source, re.IGNORECASE):
            return number
    return None
