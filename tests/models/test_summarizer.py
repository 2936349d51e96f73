"""The summariser on a tiny random BART (and T5): both engines, the ct2 conversion, rounds of chunks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from translator.errors import BackendUnavailable, ModelNotAvailable
from translator.summarize.abstract import Summarizer, chunk_text, split_paragraphs
from translator.testing.bart import ENGLISH_NEWS

ROOT = Path(__file__).resolve().parents[2]
SHORT = "Kazakhstan is distancing itself from Russia. The Kremlin noticed and warned Astana."


def squeeze(text: str) -> str:
    """Text with all whitespace removed: what chunking must preserve."""
    return "".join(text.split())


@pytest.fixture(autouse=True)
def _cache_env(summary_cache, monkeypatch):
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(summary_cache))


def test_constructor_is_cheap_and_touches_no_files():
    code = (
        "import sys\n"
        "from translator.summarize.abstract import Summarizer\n"
        "s = Summarizer('/no/such/dir', backend='auto')\n"
        "print(s.model_id, s.backend_name)\n"
        "print(sorted(m for m in ('torch', 'transformers', 'ctranslate2', 'tokenizers') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["/no/such/dir ctranslate2", "[]"]


def test_transformers_backend_follows_the_generation_config(tiny_bart):
    import torch
    from transformers import AutoTokenizer, BartForConditionalGeneration

    summarizer = Summarizer(str(tiny_bart), backend="transformers", offline=True)
    abstract = summarizer.summarize(SHORT)
    assert isinstance(abstract, str) and abstract.strip()
    assert summarizer.backend_name == "transformers"

    tokenizer = AutoTokenizer.from_pretrained(tiny_bart)
    model = BartForConditionalGeneration.from_pretrained(tiny_bart).eval()
    with torch.inference_mode():
        expected = model.generate(**tokenizer(SHORT, return_tensors="pt"))  # num_beams 4, min 5, max 40 from the files
    assert abstract == tokenizer.decode(expected[0], skip_special_tokens=True).strip()


def test_ct2_backend_summarises_and_converts_once(ct2_summarizer, tiny_bart, summary_cache, monkeypatch):
    abstract = ct2_summarizer.summarize(SHORT)
    assert isinstance(abstract, str) and abstract.strip()
    assert ct2_summarizer.backend_name == "ctranslate2"
    path = ct2_summarizer.ct2_path
    assert path.parent == summary_cache / "ct2" and path.name.endswith("--int8")
    assert {"model.bin", "tokenizer.json", "config.json"} <= {p.name for p in path.iterdir()}
    assert json.loads((path / "config.json").read_text())["decoder_start_token"] == "</s>"
    meta = json.loads((path / "pl2en-conversion.json").read_text())
    assert meta["model_id"] == str(tiny_bart) and meta["revision"].startswith("sha256:")
    stamp = (path / "model.bin").stat().st_mtime_ns

    import ctranslate2.converters

    def refuse(*args, **kwargs):
        raise AssertionError("the model was converted a second time")

    monkeypatch.setattr(ctranslate2.converters, "TransformersConverter", refuse)
    again = Summarizer(str(tiny_bart), backend="ctranslate2", offline=True)
    assert again.summarize(SHORT) == abstract
    assert again.ct2_path == path and (path / "model.bin").stat().st_mtime_ns == stamp
    assert [p.name for p in (summary_cache / "ct2").iterdir()] == [path.name]  # no staging folder left


def spy_on_outputs(summarizer: Summarizer) -> list[list[str]]:
    """Record each generated sequence as tokens (HF: after the decoder start token; ct2: as returned)."""
    summarizer.load()
    engine = summarizer._engine
    seen: list[list[str]] = []
    if summarizer.backend_name == "transformers":
        generate = engine.model.generate

        def spy(**kwargs):
            out = generate(**kwargs)
            seen.extend(engine.tokenizer.convert_ids_to_tokens(row[1:].tolist()) for row in out)
            return out

        engine.model.generate = spy
    else:
        real = engine.translator

        class Spy:
            def translate_batch(self, *args, **kwargs):
                results = real.translate_batch(*args, **kwargs)
                seen.extend(list(r.hypotheses[0]) for r in results)
                return results

        engine.translator = Spy()
    return seen


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_forced_length_makes_exactly_that_many_tokens(tiny_bart, ct2_summarizer, backend):
    summarizer = Summarizer(str(tiny_bart), backend=backend, offline=True, beam=1, forced_length=9)
    seen = spy_on_outputs(summarizer)
    assert summarizer.summarize(SHORT)
    assert len(seen) == 1 and len(seen[0]) == 9
    assert seen[0][0] == "<s>"  # BART's forced first token, as distilbart's generation config asks


@pytest.fixture(scope="session")
def eager_bart(tiny_bart, tmp_path_factory):
    """The tiny BART with a huge bias towards </s>: it stops as soon as min_length allows."""
    from transformers import BartForConditionalGeneration

    out = tmp_path_factory.mktemp("eager") / "eager-bart"
    shutil.copytree(tiny_bart, out)
    model = BartForConditionalGeneration.from_pretrained(tiny_bart)
    model.final_logits_bias[0, 2] = 100.0
    model.save_pretrained(out, safe_serialization=True)
    return out


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_both_backends_honour_min_length_from_the_generation_config(eager_bart, backend):
    summarizer = Summarizer(str(eager_bart), backend=backend, offline=True)
    seen = spy_on_outputs(summarizer)
    summarizer.summarize(SHORT)
    content = [t for t in seen[0] if t not in ("<s>", "</s>", "<pad>")]
    # min_length 5 counts the decoder start token, the forced <s> and 3 generated tokens
    assert seen[0][0] == "<s>" and len(content) == 3


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_long_text_is_summarised_in_chunks_then_once_more(tiny_bart, ct2_summarizer, backend):
    summarizer = Summarizer(str(tiny_bart), backend=backend, offline=True, max_input_tokens=64, beam=1)
    assert summarizer.input_limit == 64
    assert summarizer.count_tokens(ENGLISH_NEWS) > 5 * 64
    calls: list[list[str]] = []
    outputs: list[list[str]] = []
    generate = summarizer.generate

    def counting(texts, **kwargs):
        calls.append(list(texts))
        outputs.append(generate(texts, **kwargs))
        return outputs[-1]

    summarizer.generate = counting
    abstract = summarizer.summarize(ENGLISH_NEWS)
    assert isinstance(abstract, str) and abstract.strip()
    assert len(calls[0]) >= 5  # the first round: many chunks
    assert len(calls[-1]) == 1  # the last round: one input, one summary
    assert all(summarizer.count_tokens(text) <= 64 for call in calls for text in call)
    assert squeeze("".join(calls[0])) == squeeze(ENGLISH_NEWS)  # nothing dropped from the article
    for previous, following in zip(
        outputs, calls[1:], strict=False
    ):  # each round reads all of the last round's summaries
        assert squeeze("".join(following)) == squeeze("".join(previous))
    assert abstract == outputs[-1][0]


def test_ct2_run_after_conversion_imports_neither_torch_nor_transformers(ct2_summarizer, tiny_bart, summary_cache):
    code = (
        "import json, sys\n"
        "from translator.summarize.abstract import Summarizer\n"
        f"s = Summarizer({str(tiny_bart)!r}, backend='ctranslate2', offline=True)\n"
        f"text = s.summarize({SHORT!r})\n"
        "print(json.dumps([text, [m for m in ('torch', 'transformers') if m in sys.modules]]))\n"
    )
    env = {**os.environ, "PL2EN_CACHE_DIR": str(summary_cache)}
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    text, heavy = json.loads(proc.stdout.splitlines()[-1])
    assert text == ct2_summarizer.summarize(SHORT)
    assert heavy == []


def test_unknown_model_offline_says_how_to_pull_it(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "cache"))
    summarizer = Summarizer("pl2en-test/no-such-summariser", offline=True)
    with pytest.raises(ModelNotAvailable) as caught:
        summarizer.summarize(SHORT)
    assert "pl2en models pull" in str(caught.value)
    assert "pl2en-test/no-such-summariser" in str(caught.value)


def build_t5(out: Path) -> Path:
    """A random-weight T5 summariser (SentencePiece tokenizer, "summarize: " task prefix)."""
    import io

    import sentencepiece as spm
    import torch
    from transformers import AutoTokenizer, T5Config, T5ForConditionalGeneration

    from translator.testing.bart import training_text

    out.mkdir(parents=True)
    proto = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_text()), model_writer=proto, vocab_size=300, model_type="unigram",
        pad_id=0, eos_id=1, unk_id=2, bos_id=-1, hard_vocab_limit=False, minloglevel=2,
    )  # fmt: skip
    (out / "spiece.model").write_bytes(proto.getvalue())
    tokenizer_config = {"tokenizer_class": "T5Tokenizer", "model_max_length": 128, "extra_ids": 0}
    (out / "tokenizer_config.json").write_text(json.dumps(tokenizer_config))
    tokenizer = AutoTokenizer.from_pretrained(out)
    tokenizer.save_pretrained(out)
    task = {"summarization": {"prefix": "summarize: ", "num_beams": 2, "max_length": 12, "min_length": 3}}
    config = T5Config(
        vocab_size=len(tokenizer), d_model=16, d_kv=8, d_ff=32, num_layers=1, num_decoder_layers=1, num_heads=2,
        decoder_start_token_id=0, pad_token_id=0, eos_token_id=1, task_specific_params=task,
    )  # fmt: skip
    torch.manual_seed(0)
    T5ForConditionalGeneration(config).save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def tiny_t5(tmp_path_factory):
    return build_t5(tmp_path_factory.mktemp("t5") / "t5-tiny")


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_t5_summariser_runs_with_its_task_prefix(tiny_t5, backend):
    summarizer = Summarizer(str(tiny_t5), backend=backend, offline=True, max_input_tokens=24)
    calls = []
    generate = summarizer.generate
    summarizer.generate = lambda texts, **kw: calls.append(texts) or generate(texts, **kw)
    abstract = summarizer.summarize(ENGLISH_NEWS.split("\n\n")[0])
    assert isinstance(abstract, str) and abstract.strip()
    assert summarizer.backend_name == backend
    assert summarizer.count_tokens("") > 3  # "summarize: " plus </s>
    assert len(calls) > 1 and len(calls[-1]) == 1


def test_unknown_backend_is_refused():
    with pytest.raises(BackendUnavailable):
        Summarizer(backend="onnx")


# -- batches of chunks -------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_engine_gets_chunks_in_groups_and_results_keep_their_order(tiny_bart, ct2_summarizer, backend):
    from translator.summarize.abstract import MAX_CHUNKS_PER_CALL

    summarizer = Summarizer(str(tiny_bart), backend=backend, offline=True, max_input_tokens=64, beam=2)
    summarizer.load()
    engine_calls: list[tuple[list[str], list[str]]] = []
    real_generate = summarizer._engine.generate

    def recording(texts, beam, lengths):
        out = real_generate(texts, beam, lengths)
        engine_calls.append((list(texts), out))
        return out

    summarizer._engine.generate = recording
    chunks = chunk_text(split_paragraphs(ENGLISH_NEWS), summarizer.count_tokens, 64)
    assert len(chunks) > 2 * MAX_CHUNKS_PER_CALL  # at least three groups, the last one short
    summaries = summarizer.generate(chunks, cap=12)
    sizes = [len(texts) for texts, _ in engine_calls]
    full, rest = divmod(len(chunks), MAX_CHUNKS_PER_CALL)
    assert sizes == [MAX_CHUNKS_PER_CALL] * full + ([rest] if rest else [])
    assert [t for texts, _ in engine_calls for t in texts] == chunks  # every chunk once, in order
    assert summaries == [s for _, out in engine_calls for s in out]
    if backend == "ctranslate2":  # the random fp32 model says the same for every chunk; int8 ct2 does not
        assert len(set(summaries)) > 1  # so a mix-up of the order would show in the comparison below
    engine_calls.clear()
    one_by_one = [summarizer.generate([chunk], cap=12)[0] for chunk in chunks]
    assert summaries == one_by_one  # grouping changes memory, not results

    engine_calls.clear()
    abstract = summarizer.summarize(ENGLISH_NEWS)
    assert abstract.strip() and max(len(texts) for texts, _ in engine_calls) <= MAX_CHUNKS_PER_CALL
    assert engine_calls[0][0] == chunks[:MAX_CHUNKS_PER_CALL]  # the first round starts with the article's chunks
