"""Both translation engines on a tiny random-weight Marian model in the real opus-mt layout."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from translator.backends import DecodingOptions, Hypothesis, TranslationBackend
from translator.backends import ct2 as ct2_module
from translator.backends.ct2 import CTranslate2Backend
from translator.backends.hf import TransformersBackend
from translator.errors import BackendUnavailable
from translator.models import CT2_METADATA, content_hash
from translator.testing.marian import build_marian

REPO = Path(__file__).resolve().parents[2]

# Three sentences of the seed article.
SENTENCES = [
    "Kazachstan dystansuje się od Rosji.",
    "Kasym-Żomart Tokajew krótko skomentował sytuację.",
    "Kraj obawia się, że Rosja może użyć siły również przeciwko niemu - mówi Tuomas Forsberg.",
]
SHORT = DecodingOptions(max_length_ratio=0.5, length_slack=2)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    return build_marian(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="module")
def ct2_cache(tmp_path_factory):
    """PL2EN_CACHE_DIR for this module, so conversions never touch the user's cache."""
    cache = tmp_path_factory.mktemp("pl2en-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PL2EN_CACHE_DIR", str(cache))
        yield cache


@pytest.fixture(scope="module")
def hf_backend(tiny_model, ct2_cache) -> TransformersBackend:
    backend = TransformersBackend(str(tiny_model), device="cpu", threads=1)
    backend.load()
    return backend


@pytest.fixture(scope="module")
def ct2_backend(tiny_model, ct2_cache) -> CTranslate2Backend:
    backend = CTranslate2Backend(str(tiny_model), device="cpu", threads=1)
    backend.load()
    return backend


@pytest.fixture(params=["transformers", "ctranslate2"])
def backend(request, hf_backend, ct2_backend):
    return hf_backend if request.param == "transformers" else ct2_backend


def _spy_on_decoder(backend, monkeypatch) -> list[dict]:
    """Record the keyword arguments each backend passes to its decoder, then call the real one."""
    calls: list[dict] = []
    if isinstance(backend, TransformersBackend):
        model = backend._loaded.model
        real = model.generate

        def generate(*args, **kwargs):
            calls.append(kwargs)
            return real(*args, **kwargs)

        monkeypatch.setattr(model, "generate", generate)
    else:
        real_translator = backend._loaded.translator

        class Spy:
            def translate_batch(self, *args, **kwargs):
                calls.append(kwargs)
                return real_translator.translate_batch(*args, **kwargs)

        monkeypatch.setattr(backend, "_loaded", dataclasses.replace(backend._loaded, translator=Spy()))
    return calls


def test_both_backends_satisfy_the_protocol(hf_backend, ct2_backend):
    assert isinstance(hf_backend, TranslationBackend)
    assert isinstance(ct2_backend, TranslationBackend)
    assert (hf_backend.name, ct2_backend.name) == ("transformers", "ctranslate2")


def test_batch_of_seed_sentences_gives_one_scored_translation_each(backend):
    hypotheses = backend.translate_batch(SENTENCES, SHORT)
    assert len(hypotheses) == 3
    for hyp in hypotheses:
        assert isinstance(hyp, Hypothesis)
        assert isinstance(hyp.text, str) and hyp.text.strip()
        assert "</s>" not in hyp.text and "<pad>" not in hyp.text
        assert isinstance(hyp.score, float) and hyp.score <= 0.0


def test_batch_keeps_input_order(backend):
    forward = backend.translate_batch(SENTENCES, SHORT)
    backward = backend.translate_batch(SENTENCES[::-1], SHORT)
    assert len({h.score for h in forward}) == 3  # the sentences are told apart by their scores
    assert backward[::-1] == forward


def test_empty_batch_gives_empty_list(tiny_model, ct2_cache):
    for backend in (TransformersBackend(str(tiny_model)), CTranslate2Backend(str(tiny_model))):
        assert backend.translate_batch([], SHORT) == []
        assert not backend.loaded  # nothing to translate, nothing loaded


def test_outputs_stay_within_the_length_cap(backend):
    options = DecodingOptions(max_length_ratio=0.5, length_slack=3, beam=2)
    longest = max(backend.count_tokens(s) for s in SENTENCES)
    cap = math.ceil(0.5 * longest) + 3
    outputs = backend.translate_batch_tokens(SENTENCES, options)
    assert len(outputs) == 3
    assert all(1 <= len(tokens) <= cap for tokens, _ in outputs)
    # random weights never choose to stop: the cap is what ends the longest output
    assert max(len(tokens) for tokens, _ in outputs) >= cap - 1


def test_default_beam_comes_from_generation_config(backend, monkeypatch):
    assert backend.default_beam == 6  # build_marian writes num_beams=6, as opus-mt-pl-en
    calls = _spy_on_decoder(backend, monkeypatch)
    default = backend.translate_batch(SENTENCES[:1], SHORT)
    explicit = backend.translate_batch(SENTENCES[:1], dataclasses.replace(SHORT, beam=6))
    beam_key = "num_beams" if backend.name == "transformers" else "beam_size"
    assert [c[beam_key] for c in calls] == [6, 6]
    assert default == explicit


def test_beam_option_overrides_the_default(backend, monkeypatch):
    calls = _spy_on_decoder(backend, monkeypatch)
    greedy = backend.translate_batch(SENTENCES, dataclasses.replace(SHORT, beam=1))
    two = backend.translate_batch(SENTENCES, dataclasses.replace(SHORT, beam=2))
    beam_key = "num_beams" if backend.name == "transformers" else "beam_size"
    assert [c[beam_key] for c in calls] == [1, 2]
    assert all(h.text and h.score <= 0 for h in greedy + two)


@pytest.mark.parametrize("beam", [1, 3])
def test_forced_length_ratio_forces_every_output_length(backend, beam):
    options = DecodingOptions(beam=beam, forced_length_ratio=0.75)
    longest = max(backend.count_tokens(s) for s in SENTENCES)
    expected = math.ceil(0.75 * longest)
    outputs = backend.translate_batch_tokens(SENTENCES, options)
    assert [len(tokens) for tokens, _ in outputs] == [expected] * 3
    texts = backend.translate_batch(SENTENCES, options)
    assert all(h.text for h in texts)


@pytest.fixture(scope="module")
def eager_stopper(tiny_model, tmp_path_factory) -> Path:
    """The tiny model with a large end-of-sentence logit bias: left alone it stops at once."""
    from safetensors.torch import load_file, save_file

    out = tmp_path_factory.mktemp("stopper") / "model"
    shutil.copytree(tiny_model, out)
    tensors = load_file(out / "model.safetensors")
    tensors["final_logits_bias"][0, 0] = 50.0  # id 0 is </s>
    save_file(tensors, out / "model.safetensors", metadata={"format": "pt"})
    return out


@pytest.mark.parametrize("engine", [TransformersBackend, CTranslate2Backend])
def test_forced_length_holds_even_for_a_model_that_wants_to_stop(engine, eager_stopper, ct2_cache):
    backend = engine(str(eager_stopper), device="cpu", threads=1)
    free = backend.translate_batch_tokens(SENTENCES, DecodingOptions(beam=2))
    assert [tokens for tokens, _ in free] == [[], [], []]
    expected = math.ceil(0.5 * max(backend.count_tokens(s) for s in SENTENCES))
    forced = backend.translate_batch_tokens(SENTENCES, DecodingOptions(beam=2, forced_length_ratio=0.5))
    assert [len(tokens) for tokens, _ in forced] == [expected] * 3


def test_long_input_is_cut_to_the_model_limit_not_an_error(backend):
    long_text = " ".join(SENTENCES * 60)
    assert backend.count_tokens(long_text) > backend.max_input_tokens
    out = backend.translate_batch([long_text], DecodingOptions(beam=1, max_length_ratio=0.01, length_slack=1))
    assert len(out) == 1 and out[0].text


def test_count_tokens_agrees_between_backends(hf_backend, ct2_backend):
    seed = (REPO / "seeds" / "kazachstan-dystansuje-sie-od-rosji.txt").read_text(encoding="utf-8")
    texts = [*SENTENCES, "", "Łódź 2023 — „cytat” 你好 🙂", ">>eng<< Kazachstan", *seed.splitlines()[:6]]
    assert [hf_backend.count_tokens(t) for t in texts] == [ct2_backend.count_tokens(t) for t in texts]
    assert hf_backend.count_tokens("") == 1  # end-of-sentence only
    assert hf_backend.max_input_tokens == ct2_backend.max_input_tokens == 512


def test_ct2_conversion_happens_once(tiny_model, ct2_backend, monkeypatch):
    directory = ct2_backend.converted_dir
    assert (directory / "model.bin").is_file() and (directory / "source.spm").is_file()
    assert directory.parent == Path(os.environ["PL2EN_CACHE_DIR"]) / "ct2"
    meta = json.loads((directory / CT2_METADATA).read_text(encoding="utf-8"))
    assert meta["model_id"] == str(tiny_model) and meta["revision"] == content_hash(tiny_model)
    mtime = (directory / "model.bin").stat().st_mtime_ns

    def no_second_conversion(*args, **kwargs):
        raise AssertionError("converted again")

    monkeypatch.setattr(ct2_module, "_convert", no_second_conversion)
    again = CTranslate2Backend(str(tiny_model), device="cpu", threads=1)
    assert again.translate_batch(SENTENCES[:1], SHORT)[0].text
    assert again.converted_dir == directory
    assert (directory / "model.bin").stat().st_mtime_ns == mtime
    assert not [p.name for p in directory.parent.iterdir() if p.name.startswith(".")]  # no temp dirs left


def test_conversion_that_loses_a_race_uses_the_winners_directory(tiny_model, ct2_cache, tmp_path, monkeypatch):
    model = tmp_path / "model"
    shutil.copytree(tiny_model, model)
    config = json.loads((model / "tokenizer_config.json").read_text(encoding="utf-8"))
    (model / "tokenizer_config.json").write_text(json.dumps({**config, "note": "race"}), encoding="utf-8")
    real_convert = ct2_module._convert

    def convert_while_another_process_finishes_first(resolved, out, compute_type):
        real_convert(resolved, out, compute_type)
        other = out.parent / ".other-process"
        real_convert(resolved, other, compute_type)
        (other / "winner").write_text("1")
        os.replace(other, ct2_module.conversion_dir(resolved, compute_type))

    monkeypatch.setattr(ct2_module, "_convert", convert_while_another_process_finishes_first)
    backend = CTranslate2Backend(str(model), device="cpu", threads=1)
    assert backend.translate_batch(SENTENCES[:1], SHORT)[0].text
    assert (backend.converted_dir / "winner").is_file()
    assert not [p.name for p in backend.converted_dir.parent.iterdir() if p.name.startswith(".")]


def test_identity_names_engine_model_and_content_hash(tiny_model, hf_backend, ct2_backend, tmp_path):
    digest = content_hash(tiny_model)
    assert digest.startswith("sha256:") and len(digest) == len("sha256:") + 16
    assert hf_backend.identity == f"transformers:{tiny_model}@{digest}"
    assert ct2_backend.identity == f"ctranslate2-int8:{tiny_model}@{digest}"

    from safetensors.torch import load_file, save_file

    changed = tmp_path / "changed"
    shutil.copytree(tiny_model, changed)
    before_hf = TransformersBackend(str(changed)).identity
    before_ct2 = CTranslate2Backend(str(changed)).identity
    assert before_hf.endswith(digest) and before_ct2.endswith(digest)  # same files, same hash
    tensors = load_file(changed / "model.safetensors")
    name = sorted(tensors)[0]
    tensors[name] = tensors[name] + 1.0
    save_file(tensors, changed / "model.safetensors", metadata={"format": "pt"})
    after_hf = TransformersBackend(str(changed)).identity
    after_ct2 = CTranslate2Backend(str(changed))
    assert after_hf != before_hf and after_ct2.identity != before_ct2
    assert ct2_module.conversion_dir(after_ct2.resolved) != ct2_module.conversion_dir(ct2_backend.resolved)


def test_cuda_without_cuda_is_backend_unavailable(tiny_model, ct2_cache):
    import ctranslate2
    import torch

    if torch.cuda.is_available() or ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("this machine has CUDA")
    for backend in (
        TransformersBackend(str(tiny_model), device="cuda"),
        CTranslate2Backend(str(tiny_model), device="cuda"),
    ):
        with pytest.raises(BackendUnavailable, match="CUDA requested but not available"):
            backend.translate_batch(SENTENCES[:1], SHORT)


def test_unknown_device_and_compute_type_are_refused_early(tiny_model):
    with pytest.raises(BackendUnavailable, match="unknown device"):
        TransformersBackend(str(tiny_model), device="tpu")
    with pytest.raises(BackendUnavailable, match="unknown compute type"):
        CTranslate2Backend(str(tiny_model), compute_type="int3")


NO_TORCH_SCRIPT = """
import json, sys
from translator.backends.factory import create_backend
from translator.backends import DecodingOptions
model = sys.argv[1]
hf = create_backend("transformers", model)
ct2 = create_backend("ctranslate2", model, device="cpu", threads=1)
after_construct = sorted(m for m in ("torch", "transformers", "ctranslate2") if m in sys.modules)
out = ct2.translate_batch(["Kazachstan dystansuje się od Rosji."], DecodingOptions(max_length_ratio=0.5, length_slack=2))
print(json.dumps({"construct": after_construct, "text": out[0].text, "score": out[0].score,
                  "torch": "torch" in sys.modules, "transformers": "transformers" in sys.modules}))
"""


def test_ct2_translates_without_importing_torch_or_transformers(tiny_model, ct2_backend):
    assert ct2_backend.loaded  # the conversion exists in this module's cache
    result = subprocess.run(
        [sys.executable, "-c", NO_TORCH_SCRIPT, str(tiny_model)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
        check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["construct"] == []  # constructing backends imports no engine
    assert report["text"] and report["score"] <= 0
    assert report["torch"] is False and report["transformers"] is False


@pytest.mark.parametrize("engine", [TransformersBackend, CTranslate2Backend])
def test_missing_hub_model_offline_says_how_to_pull_it(engine, ct2_cache, tmp_path, monkeypatch):
    from translator.errors import ModelNotAvailable

    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-hub"))
    backend = engine("owner/not-downloaded", offline=True)
    with pytest.raises(ModelNotAvailable, match="pl2en models pull owner/not-downloaded"):
        backend.translate_batch(SENTENCES[:1], SHORT)
    assert not backend.loaded


def test_transformers_scores_come_from_the_model_without_keeping_every_step(hf_backend, monkeypatch):
    """The score is the mean log-probability of the output; generate is not asked to keep per-step scores."""
    import torch

    loaded = hf_backend._ensure_loaded()
    real_generate = loaded.model.generate
    asked: list[dict] = []

    def recording_generate(**kwargs):
        asked.append(kwargs)
        return real_generate(**kwargs)

    monkeypatch.setattr(loaded.model, "generate", recording_generate)
    texts = ["Kraj obawia się Rosji.", "Tak."]
    hyps = hf_backend.translate_batch(texts, DecodingOptions(beam=1))
    assert asked and not any(k.get("output_scores") for k in asked)

    # transformers' own step scores for the same greedy output agree token by token,
    # except an end-of-sentence forced at the length limit, which transformers counts as certain
    encoded = loaded.tokenizer(texts, return_tensors="pt", padding=True)
    with torch.inference_mode():
        out = real_generate(**encoded, num_beams=1, max_new_tokens=12, output_scores=True, return_dict_in_generate=True)
        steps = loaded.model.compute_transition_scores(out.sequences, out.scores, normalize_logits=True)
        ours = hf_backend._token_logprobs(encoded, out.sequences)
    assert ours.shape == steps.shape
    assert torch.allclose(ours[:, :-1], steps[:, :-1], atol=1e-4)
    assert all(math.isfinite(h.score) and h.score < 0 for h in hyps)
