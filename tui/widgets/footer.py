"""The footer: Textual's, recomposed only when the keys it shows change.

Textual's footer rebuilds all its keys whenever the focused widget changes, even
when the keys on show stay the same (moving between the article, the search field
and the claims list). That rebuild is most of the cost of opening a panel; this
one compares what it would show first.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen[object]) -> tuple[tuple[str, str, str, bool, str], ...]:
    """What a footer on ``screen`` shows: each shown binding's key, label, action, state and tooltip."""
    return tuple(
        (binding.key, binding.description, binding.action, enabled, tooltip)
        for (_, binding, enabled, tooltip) in screen.active_bindings.values()
        if binding.show
    )


class ReaderFooter(Footer):
    """A :class:`Footer` that leaves its keys alone when the shown bindings did not change."""

    shown: tuple[tuple[str, str, str, bool, str], ...] | None = None  # the keys on show, once composed

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and self._bindings_ready and self.app.app_focus:
            shown = shown_keys(screen)
            if shown == self.shown:
                return
            self.shown = shown
        super().bindings_changed(screen)
