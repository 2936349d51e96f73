"""The reader's two themes, and the WCAG contrast they are checked against.

Each theme is Textual's own (``textual-dark`` / ``textual-light``) plus the
``reader-*`` colours the article uses: text and background, the sentence
highlight, the search match, headings (distinct from the highlight: coloured
text, no background), the muted placeholder and the ⚠ flag. The test suite
computes their contrast with :func:`contrast_ratio` (text and highlight ≥ 4.5:1).
"""

from __future__ import annotations

from dataclasses import replace

from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme

DARK = "pl2en-dark"
LIGHT = "pl2en-light"

READER_COLOURS = {
    DARK: {
        "reader-text": "#E6E6E6",
        "reader-background": "#121212",
        "reader-highlight-fg": "#FFFFFF",
        "reader-highlight-bg": "#1F4F7A",
        "reader-match-fg": "#121212",
        "reader-match-bg": "#FFD166",
        "reader-heading": "#7FC4FF",
        "reader-muted": "#9E9E9E",
        "reader-flag": "#FFB454",
    },
    LIGHT: {
        "reader-text": "#1A1A1A",
        "reader-background": "#FAFAF7",
        "reader-highlight-fg": "#000000",
        "reader-highlight-bg": "#FFE39A",
        "reader-match-fg": "#FFFFFF",
        "reader-match-bg": "#8A3B00",
        "reader-heading": "#1B4F8A",
        "reader-muted": "#5F5F5F",
        "reader-flag": "#8A4B00",
    },
}
BASES = {DARK: "textual-dark", LIGHT: "textual-light"}


def reader_themes() -> list[Theme]:
    """``pl2en-dark`` and ``pl2en-light``: Textual's themes with the reader's colours added."""
    themes = []
    for name, colours in READER_COLOURS.items():
        base = BUILTIN_THEMES[BASES[name]]
        themes.append(replace(base, name=name, variables={**base.variables, **colours}))
    return themes


def relative_luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast_ratio(foreground: str | Color, background: str | Color) -> float:
    """WCAG 2 contrast of ``foreground`` over ``background`` (alpha blended onto it), 1 to 21."""
    back = background if isinstance(background, Color) else Color.parse(background)
    fore = foreground if isinstance(foreground, Color) else Color.parse(foreground)
    fore = back.blend(fore.with_alpha(1.0), fore.a) if fore.a < 1 else fore
    lighter, darker = sorted((relative_luminance(fore), relative_luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
