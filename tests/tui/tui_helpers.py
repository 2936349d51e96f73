"""Waiting for the reader's workers inside pilot tests."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot

from tui.app import ReaderApp
from tui.sentence_text import highlighted_text


async def wait_until(pilot: Pilot, condition: Callable[[], bool], *, timeout: float = 60.0, what: str = "") -> None:
    """Let the app run until ``condition()`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.05)


async def wait_for_summary(pilot: Pilot, *, timeout: float = 60.0) -> None:
    """Translation finished and the claims (summary) shown."""
    app: ReaderApp = pilot.app  # type: ignore[assignment]
    await wait_until(
        pilot, lambda: app.doc is not None and app.doc.summary is not None, timeout=timeout, what="the summary"
    )
    await app.workers.wait_for_complete()
    await pilot.pause()


def row_highlights(app: ReaderApp, block_id: int) -> tuple[list[str], list[str]]:
    """The highlighted Polish and English text of block ``block_id`` as drawn."""
    row = app.article.rows[block_id]
    return highlighted_text(row.polish_content), highlighted_text(row.english_content)


async def wait_for_error(pilot: Pilot) -> str:
    """Wait for the error modal and return the message it shows."""
    from tui.screens.error import ErrorScreen

    app = pilot.app
    await wait_until(
        pilot,
        lambda: isinstance(app.screen, ErrorScreen) and bool(app.screen.query("#error-message")),
        what="the error modal",
    )
    return str(app.screen.query_one("#error-message").content)


def toast_texts(app: ReaderApp) -> list[str]:
    """The notifications on screen, as drawn (the pilot must run with ``notifications=True``)."""
    return [toast.render().plain for toast in app.screen.query("Toast")]
