"""The key hints at the bottom: one line drawn from the screen's active bindings.

Textual's ``Footer`` rebuilds a widget per key whenever the bindings change, and they
change with every move of the focus (the article's "Next" belongs to the article): on a
long article that was two extra layout passes and full-screen frames each time the claims
panel or the search bar opened. This bar is one line of text: when the keys change it
redraws that line, and nothing else moves. A click on a key presses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"


@dataclass(frozen=True)
class KeyHint:
    """One key as shown: what to press, what it does, and whether it can be used now."""

    key: str
    display: str
    description: str
    enabled: bool


def key_hints(screen: Screen[Any]) -> tuple[KeyHint, ...]:
    """The screen's shown bindings, one per action (the first key bound to it), in the screen's order."""
    hints: dict[str, KeyHint] = {}
    for _node, binding, enabled, _tooltip in screen.active_bindings.values():
        if binding.show and binding.action not in hints:
            display = screen.app.get_key_display(binding)
            hints[binding.action] = KeyHint(binding.key, display, binding.description, enabled)
    return tuple(hints.values())


def hint_spans(hints: Iterable[KeyHint]) -> list[tuple[int, int, KeyHint]]:
    """Each hint's columns (start, end) on the bar: ``key description``, one space between hints."""
    spans, x = [], 0
    for hint in hints:
        width = cell_len(hint.display) + (1 + cell_len(hint.description) if hint.description else 0)
        spans.append((x, x + width, hint))
        x += width + 1
    return spans


class KeyBar(Widget, can_focus=False):
    """The bottom line: ``s Claims / Search r Retry e Export ? Keys q Quit``."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hints: tuple[KeyHint, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        hints = key_hints(screen)
        if hints != self.hints:  # the same keys (most focus moves): nothing to draw
            self.hints = hints
            self.refresh()

    def render(self) -> RenderResult:
        parts: list[Content] = []
        for hint in self.hints:
            dim = "" if hint.enabled else " dim"
            part = Content.styled(hint.display, KEY_STYLE + dim)
            if hint.description:
                part += Content.styled(f" {hint.description}", DESCRIPTION_STYLE + dim)
            parts.append(part)
        return Content(" ").join(parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, hint in hint_spans(self.hints):
            if start <= event.x < end:
                if hint.enabled:
                    self.app.simulate_key(hint.key)
                else:
                    self.app.bell()
                return
