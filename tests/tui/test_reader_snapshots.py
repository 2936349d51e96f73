"""Snapshots of the reader on the seed article, translated by the tiny Marian model.

Random weights give deterministic output for a given model, and the translation
memory lives in the session's temp cache, so the screens are stable. Update them
with ``pytest tests/tui --snapshot-update`` after a deliberate change, and look.
"""

from __future__ import annotations

from textual.pilot import Pilot
from tui_helpers import wait_for_summary

from tui.factory import create_app


def reader(make_pipeline, seed_path):
    return create_app(make_pipeline(), str(seed_path))


async def finished_on_second_sentence(pilot: Pilot) -> None:
    await wait_for_summary(pilot, timeout=180)
    await pilot.press("j")
    await pilot.pause()


async def finished_with_claims(pilot: Pilot) -> None:
    await wait_for_summary(pilot, timeout=180)
    await pilot.press("s", "down", "enter")
    await pilot.pause()


async def finished_light(pilot: Pilot) -> None:
    await wait_for_summary(pilot, timeout=180)
    await pilot.press("t", "j", "j")
    await pilot.pause()


def test_wide_reading_view(snap_compare, make_pipeline, seed_path):
    app = reader(make_pipeline, seed_path)
    assert snap_compare(app, terminal_size=(140, 45), run_before=finished_on_second_sentence)


def test_narrow_stacked_view(snap_compare, make_pipeline, seed_path):
    app = reader(make_pipeline, seed_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=finished_on_second_sentence)


def test_wide_claims_panel_after_jump(snap_compare, make_pipeline, seed_path):
    app = reader(make_pipeline, seed_path)
    assert snap_compare(app, terminal_size=(140, 45), run_before=finished_with_claims)


def test_narrow_light_theme(snap_compare, make_pipeline, seed_path):
    app = reader(make_pipeline, seed_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=finished_light)


async def finished_paged_then_claims(pilot: Pilot) -> None:
    await wait_for_summary(pilot, timeout=180)
    await pilot.press("G", "pagedown", "s")
    await pilot.pause()


async def finished_help(pilot: Pilot) -> None:
    await wait_for_summary(pilot, timeout=180)
    await pilot.press("question_mark")
    await pilot.pause()


async def finished_search_light(pilot: Pilot) -> None:
    await wait_for_summary(pilot, timeout=180)
    await pilot.press("t", "slash", *"rosj", "enter")
    await pilot.pause()


def test_small_terminal_footer_and_help(snap_compare, make_pipeline, seed_path):
    app = reader(make_pipeline, seed_path)
    assert snap_compare(app, terminal_size=(60, 20), run_before=finished_help)


def test_wide_claims_after_end_with_rules_between_claims(snap_compare, make_pipeline, seed_path):
    app = reader(make_pipeline, seed_path)
    assert snap_compare(app, terminal_size=(160, 50), run_before=finished_paged_then_claims)


def test_light_theme_search_match_marked(snap_compare, make_pipeline, seed_path):
    app = reader(make_pipeline, seed_path)
    assert snap_compare(app, terminal_size=(140, 45), run_before=finished_search_light)
