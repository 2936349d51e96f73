#!/usr/bin/env python
"""Speed and memory of pl2en on the seed article, with random-weight models of the real shapes.

    python benchmarks/bench_translate.py --json /tmp/bench.json       # real shapes, ~4 min on 2 cores
    python benchmarks/bench_translate.py --tiny --json /tmp/tiny.json  # tiny shapes: a smoke run, seconds

Models: a Marian shaped like Helsinki-NLP/opus-mt-pl-en (d_model 512, 6+6 layers, 8 heads,
FFN 2048, vocabulary 63430) and a BART shaped like sshleifer/distilbart-cnn-12-6 (d_model 1024,
12+6 layers, 16 heads, FFN 4096, vocabulary 50264), both in the real on-disk layout, built once
into ``--models-dir`` (default ``benchmarks/.models``; pl2en's cache, with the ctranslate2
conversions, lives there too; the first run spends a few more minutes building and
converting them). Random weights never stop on their own, so output lengths are
forced: each translation batch gets ``ceil(1.15 × its longest source)`` tokens, the summary 100.
Fidelity repair is off (random output trips every check) and so is the translation memory.

Every timing is the best of ``--repeats`` runs (the naive baseline: ``--naive-repeats``).
The script prints a markdown table and PASS/FAIL per target; ``--json`` writes the numbers.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bench_common import (
    BEAM,
    DEFAULT_MODELS_DIR,
    FORCED_RATIO,
    HEAVY_MODULES,
    REAL,
    ROOT,
    SEED,
    SUMMARY_INPUT_TOKENS,
    SUMMARY_TOKENS_PER_POLISH_WORD,
    TINY,
    Shapes,
    best_of,
    best_of_interleaved,
    build_models,
    machine_info,
    make_pipeline,
    markdown,
    peak_rss_kb,
    run_json,
    seed_sentences,
    targets,
)

# -- measurements ------------------------------------------------------------------------------


def measure_naive_transformers(marian: Path, sentences: list[str], repeats: int) -> float:
    """The usual script: MarianTokenizer + MarianMTModel.generate, one sentence at a time."""
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    tokenizer = MarianTokenizer.from_pretrained(str(marian))
    model = MarianMTModel.from_pretrained(str(marian)).eval()

    def run() -> None:
        for sentence in sentences:
            encoded = tokenizer([sentence], return_tensors="pt")
            length = math.ceil(FORCED_RATIO * encoded["input_ids"].shape[1])
            with torch.inference_mode():
                out = model.generate(
                    **encoded, num_beams=BEAM, min_new_tokens=length, max_new_tokens=length, max_length=None
                )
            tokenizer.decode(out[0], skip_special_tokens=True)

    return best_of(run, repeats)


def pipeline_ct2_engine(backend):
    """The ``ctranslate2.Translator`` the pipeline's CTranslate2Backend opened.

    The floor runs on this very object, so weights, compute type, intra_threads and
    inter_threads (replicas) are the pipeline's by construction, whatever they are set to.
    """
    return backend.engine


def raw_ctranslate2_runner(backend, sentences: list[str], translator) -> tuple[Callable[[], None], dict]:
    """Bare ``ctranslate2.Translator.translate_batch`` on the pipeline's own batches: the floor.

    Tokenization (SentencePiece, once) happens outside the timing. The batches are the
    length-sorted groups the pipeline forms (``translator.translate.plan_batches`` with its
    token budget), because the forced output length is per batch (1.15 × the batch's longest
    source). With several replicas (inter_threads) all batches are submitted at once.
    Returns (run, facts about the batches).
    """
    import sentencepiece as spm

    from translator.translate import plan_batches

    engine = pipeline_ct2_engine(backend)
    sp = spm.SentencePieceProcessor(model_file=str(backend.converted_dir / "source.spm"))
    unique = list(dict.fromkeys(sentences))
    tokens = [sp.encode(text, out_type=str) + ["</s>"] for text in unique]
    groups = plan_batches([len(t) for t in tokens], translator.batch_tokens, translator.max_batch_sentences)
    batches = []
    for group in groups:
        batch = [tokens[i] for i in group]
        batches.append((batch, math.ceil(FORCED_RATIO * max(len(t) for t in batch))))
    replicas = engine.num_translators

    def run() -> None:
        pending = [
            engine.translate_batch(
                batch,
                beam_size=BEAM,
                min_decoding_length=length,
                max_decoding_length=length,
                max_batch_size=0,
                asynchronous=replicas > 1,
            )
            for batch, length in batches
        ]
        if replicas > 1:
            for results in pending:
                for result in results:
                    result.result()

    facts = {
        "batches": len(batches),
        "batch_tokens": translator.batch_tokens,
        "output_tokens": sum(len(batch) * length for batch, length in batches),
        "ctranslate2_replicas": replicas,
    }
    return run, facts


def english_text(count_tokens: Callable[[str], int], tokens: int) -> str:
    """English news prose of at most ``tokens`` summariser tokens (the longest such prefix of words)."""
    from translator.testing.bart import ENGLISH_NEWS

    words = ENGLISH_NEWS.split()
    while count_tokens(" ".join(words)) < tokens:
        words = words + ENGLISH_NEWS.split()
    low, high = 1, len(words)
    while low < high:
        mid = (low + high + 1) // 2
        if count_tokens(" ".join(words[:mid])) <= tokens:
            low = mid
        else:
            high = mid - 1
    return " ".join(words[:low])


def stand_in_words(doc, count_tokens: Callable[[str], int]) -> list[str]:
    """English prose as long as a real translation of ``doc``, as words (see with_english_stand_in)."""
    polish = sum(len(s.source.split()) for b in doc.blocks for s in b.sentences)
    return english_text(count_tokens, round(SUMMARY_TOKENS_PER_POLISH_WORD * polish)).split()


def with_english_stand_in(doc, words: list[str]):
    """``doc`` with its sentences' targets replaced by ``words``, shared out in proportion to their Polish words.

    Random-weight Marian output is strings of unused vocabulary pieces: the seed comes out as
    ~14,000 BART tokens, where a real translation takes ~450, and the abstract would summarise
    a dozen chunks in rounds. So the abstract reads English news prose of
    ``SUMMARY_TOKENS_PER_POLISH_WORD`` summariser tokens per Polish word instead.
    """
    total = max(sum(len(s.source.split()) for b in doc.blocks for s in b.sentences), 1)
    blocks, seen = [], 0
    for block in doc.blocks:
        sentences = []
        for sentence in block.sentences:
            start = round(len(words) * seen / total)
            seen += len(sentence.source.split())
            sentences.append(replace(sentence, target=" ".join(words[start : round(len(words) * seen / total)])))
        blocks.append(replace(block, sentences=tuple(sentences)))
    return replace(doc, blocks=tuple(blocks))


def measure_summary(bart: Path, output_tokens: int, repeats: int) -> dict:
    from translator.summarize.abstract import Summarizer

    summarizers = {
        name: Summarizer(str(bart), backend=name, device="cpu", offline=True, beam=BEAM, forced_length=output_tokens)
        for name in ("transformers", "ctranslate2")
    }
    for summarizer in summarizers.values():
        summarizer.load()
    text = english_text(summarizers["ctranslate2"].count_tokens, SUMMARY_INPUT_TOKENS)
    for summarizer in summarizers.values():
        summarizer.summarize(text)  # warm-up
    times = best_of_interleaved({name: (lambda s=s: s.summarize(text)) for name, s in summarizers.items()}, repeats)
    return {
        "transformers_s": times["transformers"],
        "ctranslate2_s": times["ctranslate2"],
        "input_tokens": summarizers["ctranslate2"].count_tokens(text),
        "output_tokens": output_tokens,
        "beam": BEAM,
    }


def measure_load(marian: Path, repeats: int) -> dict:
    """Model load time in this process (libraries already imported, ctranslate2 conversion cached)."""
    from translator.backends.factory import create_backend

    out = {}
    for name in ("ctranslate2", "transformers"):
        create_backend(name, str(marian), device="cpu", offline=True).load()  # imports, conversion
        out[f"load_{name}_s"] = best_of(
            lambda n=name: create_backend(n, str(marian), device="cpu", offline=True).load(), repeats
        )
    return out


def measure_startup(repeats: int) -> dict:
    exe = Path(sys.executable).with_name("pl2en")
    help_cmd = [str(exe), "--help"] if exe.is_file() else [sys.executable, "-m", "translator.cli", "--help"]
    subprocess.run(help_cmd, check=True, capture_output=True)  # warm the page cache
    help_s = best_of(lambda: subprocess.run(help_cmd, check=True, capture_output=True), repeats)
    probe = (
        "import json, sys\nfrom translator.cli import app\nsys.argv = ['pl2en', '--help']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps(sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    heavy = json.loads(out.stdout.strip().splitlines()[-1])
    timer = "import time; t = time.perf_counter(); import translator; print(time.perf_counter() - t)"
    import_s = min(
        float(subprocess.run([sys.executable, "-c", timer], check=True, capture_output=True, text=True).stdout)
        for _ in range(max(repeats, 1))
    )
    return {
        "pl2en_help_s": help_s,
        "help_heavy_modules": heavy,
        "import_translator_s": import_s,
        "claims_fresh_process_s": measure_claims_cold(repeats),
    }


def measure_claims_cold(repeats: int) -> float:
    """Key claims of the seed in a fresh process: imports, the Polish lexicon, the claims (no model)."""
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from translator.parse import parse_document\nfrom translator.summarize.claims import extract_claims\n"
        "claims = extract_claims(parse_document(Path(sys.argv[1]).read_text(encoding='utf-8')))\n"
        "assert claims, 'no claims'\n"
    )
    command = [sys.executable, "-c", code, str(SEED)]
    subprocess.run(command, check=True, capture_output=True)  # builds the cached lexicon once
    return best_of(lambda: subprocess.run(command, check=True, capture_output=True), repeats)


def measure_memory(marian: Path) -> dict:
    """Peak RSS of translating the seed with each backend, each in a fresh process."""
    out = {}
    for name in ("ctranslate2", "transformers"):
        child = run_json([sys.executable, __file__, "--child-translate", name, "--marian", str(marian)])
        out[f"translate_{name}_peak_rss_mb"] = child["peak_rss_mb"]
        out[f"translate_{name}_heavy_modules"] = child["heavy_modules"]
        out[f"translate_{name}_cold_s"] = child["cold_s"]
    return out


def child_translate(backend: str, marian: Path) -> None:
    """In a fresh process: load the pipeline, translate the seed, print peak RSS as JSON."""
    start = time.perf_counter()
    pipeline = make_pipeline(marian, backend)
    doc = pipeline.translate(pipeline.load(str(SEED)))
    cold_s = time.perf_counter() - start
    if not any(s.target for b in doc.blocks for s in b.sentences):
        raise SystemExit("the pipeline produced no translation")
    heavy = sorted(m for m in HEAVY_MODULES if m in sys.modules)
    print(json.dumps({"peak_rss_mb": round(peak_rss_kb() / 1024, 1), "heavy_modules": heavy, "cold_s": cold_s}))


# -- the run -----------------------------------------------------------------------------------


def run_benchmark(shapes: Shapes, models_dir: Path, repeats: int, naive_repeats: int) -> dict:
    models_dir.mkdir(parents=True, exist_ok=True)
    os.environ["PL2EN_CACHE_DIR"] = str(models_dir / "pl2en-cache")
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    marian, bart = build_models(models_dir, shapes)
    results: dict = {"shapes": shapes.name, "command": " ".join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]])}

    print("start-up ...", file=sys.stderr)
    startup = measure_startup(max(repeats, 5))  # before this process grows: the children get the cores
    ct2 = make_pipeline(marian, "ctranslate2", bart, shapes.summary_output_tokens)
    doc = ct2.load(str(SEED))
    ct2.translate(doc)  # converts the Marian model for ctranslate2 once (cached in models_dir)
    english = stand_in_words(doc, ct2.summarizer.count_tokens)
    ct2.summarize(with_english_stand_in(ct2.translate(doc), english))  # and the BART model

    print("memory ...", file=sys.stderr)
    memory = measure_memory(marian)
    startup.update(measure_load(marian, repeats))

    print("translation ...", file=sys.stderr)
    sentences = seed_sentences(doc)
    translator = ct2.translator
    raw_run, batch_facts = raw_ctranslate2_runner(translator.backend, sentences, translator)
    tf = make_pipeline(marian, "transformers")
    tf.translate(doc)  # warm-up
    raw_run()
    timed = best_of_interleaved(
        {
            "raw_ctranslate2_s": raw_run,
            "pipeline_ctranslate2_s": lambda: ct2.translate(doc),
            "pipeline_transformers_s": lambda: tf.translate(doc),
        },
        repeats,
    )
    print("naive transformers ...", file=sys.stderr)
    translate = {
        "naive_transformers_s": measure_naive_transformers(marian, sentences, naive_repeats),
        **timed,
        "sentences": len(sentences),
        "source_tokens": sum(translator.count_tokens(s) for s in sentences),
        **batch_facts,
        "beam": BEAM,
        "forced_length_ratio": FORCED_RATIO,
    }

    print("summary ...", file=sys.stderr)
    summary = measure_summary(bart, shapes.summary_output_tokens, repeats)

    print("end to end ...", file=sys.stderr)

    def end_to_end():
        return ct2.summarize(with_english_stand_in(ct2.translate(ct2.load(str(SEED))), english))

    finished = end_to_end()  # warm
    e2e_s = best_of(end_to_end, repeats)
    abstract_input = "\n\n".join(b.target for b in finished.blocks if b.kind == "paragraph" and b.target)
    results.update(
        machine=machine_info(),
        translate=translate,
        summary=summary,
        end_to_end_ctranslate2_s=e2e_s,
        end_to_end_abstract_input_tokens=ct2.summarizer.count_tokens(abstract_input),
        startup=startup,
        memory=memory,
    )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--tiny", action="store_true", help="tiny model shapes: a smoke run, numbers mean nothing")
    parser.add_argument("--models-dir", type=Path, default=DEFAULT_MODELS_DIR, help="where models are built and kept")
    parser.add_argument("--repeats", type=int, default=3, help="runs per timing; the best counts")
    parser.add_argument("--naive-repeats", type=int, default=2, help="runs of the slow naive baseline")
    parser.add_argument("--child-translate", choices=("ctranslate2", "transformers"), help=argparse.SUPPRESS)
    parser.add_argument("--marian", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_translate:
        child_translate(args.child_translate, args.marian)
        return 0
    started = time.perf_counter()
    results = run_benchmark(TINY if args.tiny else REAL, args.models_dir, args.repeats, args.naive_repeats)
    checks = targets(results)
    results["targets"] = {c.name: {"value": c.value, "wanted": c.wanted, "passed": c.passed} for c in checks}
    results["benchmark_wall_s"] = time.perf_counter() - started
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(markdown(results, checks))
    for c in checks:
        print(f"{'PASS' if c.passed else 'FAIL'}: {c.name} = {c.value:.3f} (wanted {c.wanted})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
