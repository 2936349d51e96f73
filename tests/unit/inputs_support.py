"""Shared by the tests/unit/test_inputs*.py files: the seed article, the news page, message checks."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "kazachstan-dystansuje-sie-od-rosji.txt"
NEWS_PAGE = ROOT / "tests" / "fixtures" / "news_page.html"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_blocks() -> list[str]:
    """The seed's headings and paragraphs as the news page shows them (no date line)."""
    blocks = [b.strip() for b in seed_text().split("\n\n") if b.strip()]
    blocks[0] = blocks[0].removeprefix("date 2023-06").strip()
    return blocks


def assert_one_line(err: Exception, *names: str) -> None:
    message = str(err)
    assert message and "\n" not in message
    for name in names:
        assert name in message
