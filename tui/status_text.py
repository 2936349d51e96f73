"""What the status line says, as plain functions: the position, the progress and the flags.

"¶32/151 · sentence 2/4" for the cursor; "translating 12/151 paragraphs · about 40 s
left" for the work; a flagged sentence's flags in plain words ("may be incomplete",
"possible loop"), the same words the help screen's legend explains.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from translator.document import Document, flag_words
from tui.navigation import SentenceRef

FLAG_LEGEND = [
    ("⚠ may be incomplete", "the English is much shorter or longer than the Polish"),
    ("⚠ possible loop", "the English repeats itself: the model may have looped"),
    ("⚠ left in Polish", "the English mostly copies the Polish"),
    ("⚠ no translation", "the model gave nothing for this sentence"),
]


def position_text(doc: Document, cursor: SentenceRef, *, hit: tuple[int, int, str] | None = None) -> str:
    """``¶32/151 · sentence 2/4``, then the search hit number and the flags in plain words (on a narrow
    terminal the end of the line is cut: the hit, the answer to ``n``/``N``, comes before the flags,
    which the ⚠ in the text also shows)."""
    block = doc.blocks[cursor[0]]
    sentence = block.sentences[cursor[1]]
    bits = [f"¶{block.id + 1}/{len(doc.blocks)}", f"sentence {sentence.id + 1}/{len(block.sentences)}"]
    if hit is not None:
        number, total, query = hit
        bits.append(f"hit {number}/{total} for {query!r}")
    if sentence.flags:
        bits.append("⚠ " + flag_words(sentence.flags))
    return " · ".join(bits)


def seconds_text(seconds: float) -> str:
    if seconds < 60:
        return f"about {max(round(seconds / 5) * 5, 5)} s left"
    return f"about {round(seconds / 60)} min left"


@dataclass
class TranslationClock:
    """Paragraphs done over time since the model started translating: the estimate of what is left."""

    started: float | None = None
    first_done: int = 0
    samples: list[tuple[float, int]] = field(default_factory=list)

    def reset(self) -> None:
        self.started = None
        self.samples.clear()

    def record(self, done: int, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        if self.started is None:
            self.started, self.first_done = now, done
        self.samples.append((now, done))

    def remaining(self, done: int, total: int, now: float | None = None) -> float | None:
        """Seconds left at the pace so far; None until two paragraphs have been timed."""
        if self.started is None or done - self.first_done < 2:
            return None
        now = time.monotonic() if now is None else now
        pace = (now - self.started) / (done - self.first_done)
        return pace * (total - done)


def progress_text(done: int, total: int, *, finished: bool, remaining: float | None = None) -> str:
    """``translating 3/151 paragraphs · about 40 s left`` while working, ``translated`` after."""
    if finished:
        return f"translated {total}/{total}"
    text = f"translating {done}/{total} paragraphs"
    return f"{text} · {seconds_text(remaining)}" if remaining is not None else text
