#!/usr/bin/env python
"""The reader's speed on a long article, with a random-weight Marian of the real shape, driven by Pilot.

    python benchmarks/bench_reader.py --json /tmp/reader.json           # real shapes (model built once)
    python benchmarks/bench_reader.py --tiny --json /tmp/reader.json    # tiny shapes: a smoke run

Measures, on a 150-paragraph article (the seed's paragraphs, each copy numbered so
no two are the same text):
- time to the first English paragraph on screen, cold (a fresh process: imports,
  model load, first block; the conversion is cached on disk) and warm (the user opens a
  second article: the model is converted and loaded in the process, the translation
  memory off, so every sentence goes to the model);
- time to open and to close the claims panel (docked, 160 columns) and the search bar,
  from the key press until the reader is idle again (laid out and drawn, the footer's keys
  rebuilt), over several tries; and until the first frame that shows the change;
- the same for a key bound to nothing: Pilot's own wait (its sleeps of 20 ms until the
  process looks idle), included in every key's time.

The Marian as in bench_translate.py (built into ``--models-dir``; conversions cached there),
ctranslate2 on the CPU, output lengths forced; the translation memory is on only for
the panel timings, so the article is translated once before the reader opens it.
Targets: first English warm ≤ 1.5 s; claims panel and search bar open ≤ 0.2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_common import REAL, ROOT, SEED, TINY, Shapes, make_pipeline  # puts the checkout on sys.path

PARAGRAPHS = 150
SIZE = (160, 45)
TRIES = 7
TARGETS = {"first_english_warm_s": 1.5, "claims_open_s": 0.2, "search_open_s": 0.2}


def build_marian_model(models_dir: Path, shapes: Shapes) -> Path:
    """The Marian of ``shapes`` (as bench_translate.py builds it; the reader needs no summary model)."""
    from translator.testing.marian import build_marian

    marian = models_dir / f"marian-{shapes.name}"
    if not (marian / "generation_config.json").is_file():
        print(f"building {marian} ...", file=sys.stderr)
        build_marian(marian, **shapes.marian)
    return marian


def long_article(folder: Path) -> Path:
    """150 paragraphs from the seed's, each copy numbered (no two the same, so no cache hits)."""
    seed = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    body = [p for p in seed if not p.startswith("date ")]
    paragraphs = [f"{body[i % len(body)]} (Część {i // len(body) + 1}.)" for i in range(PARAGRAPHS)]
    path = folder / "dlugi-artykul.txt"
    path.write_text(seed[0] + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


async def first_english(app) -> float:
    """Seconds from starting ``app`` until a block's English is on screen."""
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        while not (app.doc and any(b.translated for b in app.doc.blocks)):
            await pilot.pause(0.01)
        # Drawn: the queued messages handled and the frame rendered. Not pause() with no delay: that
        # waits for the process to go idle, and the translation thread keeps it busy (up to 1 s more).
        await pilot.pause(0)
        elapsed = time.perf_counter() - start
        app.workers.cancel_all()  # stops the translation thread after its current batch
        app.exit()
    return elapsed


def first_english_try(app) -> float:
    """One reader's time to its first English paragraph; returns once its translation thread has stopped.

    Cancelling a thread worker does not wait for the thread, and the thread holds the app's
    pipeline lock until it stops: taking that lock here keeps the next try off a busy CPU.
    """
    seconds = asyncio.run(first_english(app))
    with app._pipeline_lock:
        pass
    return seconds


async def timed_key(pilot, key: str, changed=lambda: True) -> tuple[float, float]:
    """Seconds from pressing ``key`` until the change is drawn, and until the reader is idle again.

    Drawn: the first frame the screen renders once ``changed()`` holds (the panel or the bar in
    it). Idle: Pilot's wait until the process stops working (the footer's keys rebuilt, the
    article re-laid out), which includes Pilot's own sleeps (see the unbound key's row).
    """
    screen = pilot.app.screen
    frames: list[float] = []
    render = screen._compositor_refresh

    def counted() -> None:
        render()
        if changed() and not frames:
            frames.append(time.perf_counter())

    screen._compositor_refresh = counted  # an instance attribute: the screen calls it for every frame
    try:
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        idle = time.perf_counter() - start
    finally:
        del screen._compositor_refresh
    return (frames[0] - start if frames else idle), idle


async def toggles(app) -> dict[str, list[float]]:
    """Open/close times of the claims panel and the search bar on the translated article."""
    names = ("claims_open", "claims_close", "search_open", "search_close", "unbound_key")
    times: dict[str, list[float]] = {f"{name}{kind}": [] for name in names for kind in ("_s", "_drawn_s")}

    def record(name: str, drawn_and_idle: tuple[float, float]) -> None:
        times[f"{name}_drawn_s"].append(drawn_and_idle[0])
        times[f"{name}_s"].append(drawn_and_idle[1])

    async with app.run_test(size=SIZE) as pilot:
        while not (app.finished and app.doc.summary is not None):
            await pilot.pause(0.1)
        await pilot.pause(0.5)
        search = app.query_one("#search")
        for attempt in range(TRIES):
            await pilot.press("G" if attempt % 2 else "g")  # at the start and at the end of the article
            await pilot.pause()
            record("claims_open", await timed_key(pilot, "s", lambda: app.claims_docked))
            assert app.claims_docked
            record("claims_close", await timed_key(pilot, "s", lambda: not app.claims_docked))
            record("search_open", await timed_key(pilot, "slash", lambda: bool(search.display)))
            record("search_close", await timed_key(pilot, "escape", lambda: not search.display))
            record("unbound_key", await timed_key(pilot, "f12"))  # Pilot's own wait: the floor
        app.exit()
    return times


def child_cold(marian: Path, article: Path) -> None:
    """In a fresh process: imports, model load and the first block (the model is converted already)."""
    start = time.perf_counter()
    from tui.factory import create_app

    pipeline = make_pipeline(marian, "ctranslate2")
    app = create_app(pipeline, str(article))
    seconds = first_english_try(app)
    print(json.dumps({"first_english_cold_s": time.perf_counter() - start, "in_app_s": seconds}))


def run(shapes, models_dir: Path) -> dict:
    models_dir.mkdir(parents=True, exist_ok=True)
    os.environ["PL2EN_CACHE_DIR"] = str(models_dir / "pl2en-cache")
    os.environ["HF_HUB_OFFLINE"] = "1"
    marian = build_marian_model(models_dir, shapes)
    article = long_article(models_dir)
    from dataclasses import replace

    from translator.pipeline import Pipeline
    from tui.factory import create_app

    warm = make_pipeline(marian, "ctranslate2")
    warm.translate(warm.load(str(SEED)))  # converts the model once and loads it
    cold = subprocess.run(
        [sys.executable, __file__, "--child-cold", str(marian), str(article)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    results: dict = json.loads(cold.stdout.strip().splitlines()[-1])
    results["first_english_warm_s"] = min(first_english_try(create_app(warm, str(article))) for _ in range(3))
    # Panel timings: the article translated once into the translation memory, then read from it.
    cached = Pipeline(replace(warm.settings, use_cache=True), warn=lambda message: None)
    cached.translator.options = warm.translator.options  # the same forced output lengths
    cached.translate(cached.load(str(article)))
    times = asyncio.run(toggles(create_app(cached, str(article))))
    short = asyncio.run(toggles(create_app(cached, str(SEED))))  # the same on the 6-paragraph seed
    cached.close()
    for name, values in times.items():
        results[name] = statistics.median(values)
        if name.endswith("_drawn_s"):
            continue
        results[name.replace("_s", "_max_s")] = max(values)
        results[name.replace("_s", "_vs_seed")] = statistics.median(values) / statistics.median(short[name])
    results["paragraphs"] = PARAGRAPHS
    results["shapes"] = shapes.name
    return results


def markdown(results: dict) -> str:
    rows = [
        ("first English paragraph, cold (fresh process)", "first_english_cold_s", None),
        ("first English paragraph, warm (model loaded)", "first_english_warm_s", "first_english_warm_s"),
        ("claims panel open, until idle (median / max); drawn (median)", "claims_open_s", "claims_open_s"),
        ("claims panel close, until idle; drawn", "claims_close_s", None),
        ("search bar open, until idle (median / max); drawn (median)", "search_open_s", "search_open_s"),
        ("search bar close, until idle; drawn", "search_close_s", None),
        ("an unbound key: Pilot's own wait, in every row above (median / max)", "unbound_key_s", None),
    ]
    lines = ["| measurement | value | target |", "|---|---:|---|"]
    for label, key, target in rows:
        value = f"{results[key]:.3f} s"
        if f"{key[:-2]}_max_s" in results:
            value += f" / {results[key[:-2] + '_max_s']:.3f} s (× {results[key[:-2] + '_vs_seed']:.2f} the seed's)"
        if f"{key[:-2]}_drawn_s" in results:
            value += f"; drawn after {results[key[:-2] + '_drawn_s']:.3f} s"
        goal = ""
        if target:
            limit = TARGETS[target]
            goal = f"≤ {limit} s: {'PASS' if results[key] <= limit else 'FAIL'}"
        lines.append(f"| {label} | {value} | {goal} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiny", action="store_true", help="tiny model shapes: a smoke run")
    parser.add_argument("--models-dir", type=Path, default=ROOT / "benchmarks" / ".models")
    parser.add_argument("--json", type=Path, help="write the numbers here")
    parser.add_argument("--child-cold", nargs=2, metavar=("MARIAN", "ARTICLE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_cold:
        child_cold(Path(args.child_cold[0]), Path(args.child_cold[1]))
        return 0
    results = run(TINY if args.tiny else REAL, args.models_dir)
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    failed = [key for key, limit in TARGETS.items() if results[key] > limit]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
