#!/usr/bin/env python
"""Documents per minute of `pl2en batch`: in this process, with `--workers 2`, and on Ray Data.

    python benchmarks/bench_batch.py --json /tmp/batch.json            # tiny and real-shape Marian
    python benchmarks/bench_batch.py --models tiny --docs 40           # a smoke run

200 documents (variants of the seed article: three of its paragraphs each, rotated, numbered)
go through ``translator.batch.run_batch`` -- the code behind the CLI -- into a fresh output
for each way of running:

- ``in-process``: one pipeline in this process (all cores to ctranslate2);
- ``workers 2``: two worker processes, one core each;
- ``ray 1 actor``: one actor with both cores; ``ray 2 actors``: two actors, one core each;
- ``Ray Data alone``: the same rows, blocks and pool of two actors that do nothing: Ray Data's
  own cost (starting the actors, importing Ray Data in them, scheduling the blocks), the floor
  under every Ray case. Before it, a two-row no-op job (untimed) starts Ray Data's helper actors
  on the Ray that is up, as any earlier job on a cluster has.

The Ray cases join a Ray that is already up, as ``--ray auto`` does on a cluster; once (on
the first model) the 2-actor case also starts Ray for the run, as a bare ``--ray`` does.
Every time includes starting the workers or actors and loading the model in each; the model's
one-time conversion to CTranslate2 is done before the first case, untimed.

Models (random weights, real on-disk layout, built once into ``--models-dir``): the tiny
Marian of the tests, and a Marian with opus-mt-pl-en's shapes (d_model 512, 6+6 layers,
vocabulary 63430) whose outputs are capped at 48 tokens a sentence (random weights never
stop on their own; 48 is about a real translation of a news sentence). Beam 4; translation
memory and fidelity repair off.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

SEED = ROOT / "seeds" / "kazachstan-dystansuje-sie-od-rosji.txt"
DEFAULT_MODELS_DIR = ROOT / "benchmarks" / ".models"
SHAPES = {
    "tiny": dict(max_length=40),
    "real": dict(d_model=512, layers=6, heads=8, ffn=2048, vocab_size=63430, max_length=48),
}
BEAM = 4
TARGET_RAY_OVER_WORKERS = 1.15


def make_archive(folder: Path, count: int, paragraphs_each: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for i in range(count):
        body = "\n\n".join(paragraphs[(i + k) % len(paragraphs)] for k in range(paragraphs_each))
        (folder / f"artykul-{i:03d}.txt").write_text(f"Artykuł numer {i}.\n\n{body}\n", encoding="utf-8")
    return folder


def build_model(models_dir: Path, shape: str) -> Path:
    from translator.testing.marian import build_marian

    directory = models_dir / f"marian-{shape}-batch"
    if not (directory / "generation_config.json").is_file():
        print(f"building {directory} ...", file=sys.stderr)
        build_marian(directory, **SHAPES[shape])
    return directory


def timed_batch(archive: Path, model: Path, work: Path, label: str, beam: int = BEAM, **how) -> dict:
    from translator.batch import run_batch
    from translator.pipeline import Settings

    settings = Settings(model=str(model), device="cpu", offline=True, beam=beam, use_cache=False, repair=False)
    output = work / f"{label.replace(' ', '-')}.jsonl"
    start = time.perf_counter()
    report = run_batch([str(archive)], output, settings, **how)
    seconds = time.perf_counter() - start
    lines = output.read_text(encoding="utf-8").count("\n")
    assert report.done == lines and not report.failed, (label, report)
    result = {"seconds": round(seconds, 2), "docs_per_minute": round(60 * lines / seconds, 1), "docs": lines}
    print(f"  {label:32s} {seconds:7.1f} s  {result['docs_per_minute']:7.1f} docs/min", file=sys.stderr, flush=True)
    return result


class NoOp:
    """An actor that does nothing: Ray Data's own cost, without pl2en or a model."""

    def __call__(self, batch: dict) -> dict:
        return batch


def ray_data_alone(docs: int, actors: int, label: str = "") -> dict:
    """The same shape of job (rows, blocks, pool) through no-op actors: the floor under any Ray case."""
    import ray

    from translator.batch.ray_data import block_count

    start = time.perf_counter()
    rows = [{"spec": f"artykul-{i:03d}.txt", "known": ""} for i in range(docs)]
    dataset = ray.data.from_items(rows, override_num_blocks=block_count(docs, actors))
    pool = ray.data.ActorPoolStrategy(size=actors)
    count = sum(1 for _ in dataset.map_batches(NoOp, batch_size=1, compute=pool, num_cpus=1).iter_rows())
    seconds = time.perf_counter() - start
    assert count == docs
    label = label or f"Ray Data alone, {actors} no-op actors"
    print(f"  {label:32s} {seconds:7.1f} s", file=sys.stderr, flush=True)
    return {"seconds": round(seconds, 2), "docs_per_minute": round(60 * docs / seconds, 1), "docs": docs}


def measure(model: Path, work: Path, args: argparse.Namespace, *, with_startup: bool) -> dict:
    import ray

    from translator.batch import RayOptions

    archive = make_archive(work / "archive", args.docs, args.paragraphs)
    # Untimed: the model's one-time conversion to CTranslate2, so no case pays for it (a user's
    # second batch would not), and the OS has the files in its cache for every case alike.
    timed_batch(make_archive(work / "warm-up", 1), model, work, "warm-up (not counted)", args.beam)
    results = {}
    if not args.target_only:
        results["in-process"] = timed_batch(archive, model, work, "in-process", args.beam)
    results["workers 2"] = timed_batch(archive, model, work, "workers 2", args.beam, workers=2)
    cases = {"ray 2 actors": RayOptions(actors=2)}
    if not args.target_only:
        cases = {"ray 1 actor": RayOptions(actors=1, cpus_per_actor=2), **cases}
    if with_startup:  # Ray started by the run, as a bare --ray does
        label = "ray 2 actors, starting Ray"
        results[label] = timed_batch(archive, model, work, label, args.beam, ray=cases["ray 2 actors"])
    ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    ray.data.DataContext.get_current().enable_progress_bars = False
    for name in ("ray", "ray.data"):  # the no-op jobs' start and end lines (run_batch quiets its own)
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        ray_data_alone(2, 2, label="Ray Data warm-up (not counted)")  # starts Ray Data's helper actors
        results["Ray Data alone, 2 no-op actors"] = ray_data_alone(args.docs, 2)
        for label, options in cases.items():  # a Ray that is up, as on a cluster (--ray auto)
            results[label] = timed_batch(archive, model, work, label, args.beam, ray=options)
    finally:
        ray.shutdown()
    return results


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def markdown(results: dict) -> str:
    lines = []
    for shape, run in results["models"].items():
        base = run["cases"]["workers 2"]["seconds"]
        lines += [
            f"\n{shape} Marian, {results['docs']} documents (load average before/after: "
            f"{run['load_before']} / {run['load_after']}):\n",
            "| way | seconds | documents/min | time vs --workers 2 |",
            "|---|---:|---:|---:|",
        ]
        for label, r in run["cases"].items():
            lines.append(f"| {label} | {r['seconds']:.1f} | {r['docs_per_minute']:.1f} | {r['seconds'] / base:.2f}× |")
        ratio = run["cases"]["ray 2 actors"]["seconds"] / base
        verdict = "PASS" if ratio <= TARGET_RAY_OVER_WORKERS else "FAIL"
        target = f"target ≤ {TARGET_RAY_OVER_WORKERS}"
        lines.append(f"\nRay (2 actors, Ray up) vs --workers 2: {ratio:.2f}× ({target}) {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--models", nargs="+", choices=sorted(SHAPES), default=["tiny", "real"])
    parser.add_argument("--models-dir", type=Path, default=DEFAULT_MODELS_DIR)
    parser.add_argument("--paragraphs", type=int, default=3, help="seed paragraphs in each document")
    parser.add_argument("--beam", type=int, default=BEAM)
    parser.add_argument("--target-only", action="store_true", help="only --workers 2 and Ray with 2 actors")
    parser.add_argument("--no-startup", dest="startup", action="store_false", help="skip the run that starts Ray")
    parser.add_argument("--json", type=Path, help="write the numbers here")
    args = parser.parse_args(argv)
    os.environ.setdefault("PL2EN_CACHE_DIR", str(args.models_dir / "pl2en-cache"))
    os.environ["HF_HUB_OFFLINE"] = "1"
    results: dict = {"docs": args.docs, "paragraphs": args.paragraphs, "beam": args.beam, "cpus": os.cpu_count()}
    results["models"] = {}
    for shape in args.models:
        model = build_model(args.models_dir, shape)
        print(f"{shape} Marian, {args.docs} documents:", file=sys.stderr)
        before = load_average()
        with tempfile.TemporaryDirectory(prefix="pl2en-bench-batch-") as work:
            cases = measure(model, Path(work), args, with_startup=args.startup and shape == args.models[0])
        results["models"][shape] = {"cases": cases, "load_before": before, "load_after": load_average()}
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
