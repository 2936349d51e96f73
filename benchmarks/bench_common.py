"""What bench_translate.py shares: the model shapes, timing helpers, building the models and
the pipeline, the machine's description, and the report (targets and the markdown table)."""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

SEED = ROOT / "seeds" / "kazachstan-dystansuje-sie-od-rosji.txt"
DEFAULT_MODELS_DIR = ROOT / "benchmarks" / ".models"
FORCED_RATIO = 1.15  # output tokens per source token, forced per batch
BEAM = 4
SUMMARY_INPUT_TOKENS = 500
# A real translation: ~1.2 English words per Polish word (English needs articles), ~1.3 BART
# (GPT-2 BPE) tokens per English word. The test tokenizer's small vocabulary splits finer,
# so the stand-in text is sized in tokens.
SUMMARY_TOKENS_PER_POLISH_WORD = 1.2 * 1.3
HEAVY_MODULES = ("torch", "transformers", "ctranslate2", "textual")


@dataclass(frozen=True)
class Shapes:
    name: str
    marian: dict
    bart: dict
    summary_output_tokens: int


REAL = Shapes(
    name="real",
    marian=dict(d_model=512, layers=6, heads=8, ffn=2048, vocab_size=63430),
    bart=dict(
        d_model=1024,
        encoder_layers=12,
        decoder_layers=6,
        heads=16,
        ffn=4096,
        vocab_size=50264,
        min_length=56,
        max_length=142,
    ),
    summary_output_tokens=100,
)
TINY = Shapes(name="tiny", marian={}, bart={}, summary_output_tokens=20)


@dataclass(frozen=True)
class Target:
    name: str
    value: float
    limit: float
    higher_is_better: bool

    @property
    def passed(self) -> bool:
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit

    @property
    def wanted(self) -> str:
        return f"{'≥' if self.higher_is_better else '≤'} {self.limit:g}"


# -- helpers -----------------------------------------------------------------------------------


def best_of(fn: Callable[[], object], repeats: int) -> float:
    """Fastest of ``repeats`` wall-clock runs of ``fn``, in seconds."""
    times = []
    for _ in range(max(repeats, 1)):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def best_of_interleaved(fns: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Like best_of for several functions, run in turns so drift in machine speed hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(max(repeats, 1)):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: min(values) for name, values in times.items()}


def build_models(models_dir: Path, shapes: Shapes) -> tuple[Path, Path]:
    """The Marian and BART directories, built on the first run and reused afterwards."""
    from translator.testing.bart import build_bart
    from translator.testing.marian import build_marian

    marian = models_dir / f"marian-{shapes.name}"
    bart = models_dir / f"bart-{shapes.name}"
    if not (marian / "generation_config.json").is_file():
        print(f"building {marian} ...", file=sys.stderr)
        build_marian(marian, **shapes.marian)
    if not (bart / "generation_config.json").is_file():
        print(f"building {bart} ...", file=sys.stderr)
        build_bart(bart, **shapes.bart)
    return marian, bart


def make_pipeline(marian: Path, backend: str, bart: Path | None = None, summary_output: int = 100):
    """pl2en's Pipeline as the CLI builds it, with forced output lengths for random weights."""
    from translator.pipeline import Pipeline, Settings

    settings = Settings(
        model=str(marian),
        backend=backend,
        device="cpu",
        offline=True,
        beam=BEAM,
        use_cache=False,
        summary_model=str(bart) if bart else None,
        summary_backend="ctranslate2",
        repair=False,
    )
    pipeline = Pipeline(settings, warn=lambda message: None)
    translator = pipeline.translator
    translator.options = replace(translator.options, forced_length_ratio=FORCED_RATIO)
    if bart is not None:
        pipeline.summarizer.forced_length = summary_output
        pipeline.summarizer.beam = BEAM
    return pipeline


def seed_sentences(doc) -> list[str]:
    return [s.source for b in doc.blocks for s in b.sentences if s.source.strip()]


def machine_info() -> dict:
    import ctranslate2
    import torch
    import transformers

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "transformers": transformers.__version__,
        "ctranslate2": ctranslate2.__version__,
    }


def run_json(args: list[str]) -> dict:
    """Run a Python child and parse the JSON object on the last line of its stdout."""
    out = subprocess.run(args, check=True, capture_output=True, text=True, env=os.environ.copy())
    return json.loads(out.stdout.strip().splitlines()[-1])


def peak_rss_kb() -> int:
    """This process's peak resident set size in kB.

    /proc/self/status VmHWM is the high-water mark of this program's own memory map. ru_maxrss
    is not: Linux carries it across fork and exec, so a child started from a big parent would
    report the parent's size.
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux; elsewhere an upper bound


# -- the report ------------------------------------------------------------------------------


def targets(results: dict) -> list[Target]:
    t, s = results["translate"], results["summary"]
    startup, memory = results["startup"], results["memory"]
    return [
        Target(
            "naive_transformers / pipeline_ctranslate2",
            t["naive_transformers_s"] / t["pipeline_ctranslate2_s"],
            8,
            True,
        ),
        Target(
            "pipeline_ctranslate2 / raw_ctranslate2", t["pipeline_ctranslate2_s"] / t["raw_ctranslate2_s"], 1.15, False
        ),
        Target("summary transformers / ctranslate2", s["transformers_s"] / s["ctranslate2_s"], 3, True),
        Target("end_to_end_ctranslate2_s", results["end_to_end_ctranslate2_s"], 5, False),
        Target("translate_ctranslate2_peak_rss_mb", memory["translate_ctranslate2_peak_rss_mb"], 600, False),
        Target("pl2en_help_s", startup["pl2en_help_s"], 0.5, False),
        Target("heavy modules imported by pl2en --help", len(startup["help_heavy_modules"]), 0, False),
    ]


def markdown(results: dict, checks: list[Target]) -> str:
    m, t, s = results["machine"], results["translate"], results["summary"]
    startup, memory = results["startup"], results["memory"]
    rows = [
        ("translate: naive transformers, sentence by sentence", t["naive_transformers_s"], "s"),
        ("translate: pipeline, transformers", t["pipeline_transformers_s"], "s"),
        ("translate: pipeline, ctranslate2", t["pipeline_ctranslate2_s"], "s"),
        ("translate: raw ctranslate2 (floor)", t["raw_ctranslate2_s"], "s"),
        (f"summary ({s['input_tokens']} → {s['output_tokens']} tokens): transformers", s["transformers_s"], "s"),
        (f"summary ({s['input_tokens']} → {s['output_tokens']} tokens): ctranslate2", s["ctranslate2_s"], "s"),
        ("end to end, ctranslate2 (translate + claims + abstract, warm)", results["end_to_end_ctranslate2_s"], "s"),
        ("`pl2en --help`", startup["pl2en_help_s"], "s"),
        ("`import translator`", startup["import_translator_s"], "s"),
        (
            "key claims of the seed in a fresh process (imports + lexicon + claims)",
            startup["claims_fresh_process_s"],
            "s",
        ),
        ("model load: ctranslate2 (converted, libraries imported)", startup["load_ctranslate2_s"], "s"),
        ("model load: transformers (libraries imported)", startup["load_transformers_s"], "s"),
        (
            "translate in a fresh process: ctranslate2 (imports + load + run)",
            memory["translate_ctranslate2_cold_s"],
            "s",
        ),
        (
            "translate in a fresh process: transformers (imports + load + run)",
            memory["translate_transformers_cold_s"],
            "s",
        ),
        ("peak RSS, translate, ctranslate2", memory["translate_ctranslate2_peak_rss_mb"], "MB"),
        ("peak RSS, translate, transformers", memory["translate_transformers_peak_rss_mb"], "MB"),
    ]
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores; Python {m['python']}, torch {m['torch']} "
        f"({m['torch_threads']} threads), transformers {m['transformers']}, ctranslate2 {m['ctranslate2']}.",
        f"Shapes: {results['shapes']}. Seed: {t['sentences']} sentences, {t['source_tokens']} source tokens, "
        f"{t['batches']} pipeline batches (budget {t['batch_tokens']} padded tokens, {t['output_tokens']} output "
        f"tokens), {t['ctranslate2_replicas']} ctranslate2 replica(s); beam {t['beam']}, output forced to "
        f"ceil({t['forced_length_ratio']} × longest source) per batch; repair and translation memory off. "
        f"End to end: the abstract reads {results['end_to_end_abstract_input_tokens']} tokens of stand-in English.",
        "",
        "| measurement | value |",
        "|---|---:|",
        *(
            f"| {name} | {value:.3f} {unit} |" if unit == "s" else f"| {name} | {value:.0f} {unit} |"
            for name, value, unit in rows
        ),
        "",
        "| target | value | wanted | result |",
        "|---|---:|---:|:---:|",
        *(f"| {c.name} | {c.value:.2f} | {c.wanted} | {'PASS' if c.passed else 'FAIL'} |" for c in checks),
    ]
    return "\n".join(lines)
