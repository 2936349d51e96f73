"""The summariser's failures: damaged models, failed or leftover conversions, limits no text fits (via the CLI)."""

from __future__ import annotations

import json
import shutil

import pytest

from translator.errors import BackendUnavailable
from translator.summarize.abstract import Summarizer

SHORT = "Kazakhstan is distancing itself from Russia. The Kremlin noticed and warned Astana."


@pytest.fixture(autouse=True)
def _cache_env(summary_cache, monkeypatch):
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(summary_cache))


def test_a_damaged_config_is_one_line_model_error(tiny_bart, tmp_path):
    from translator.errors import ModelError

    model = tmp_path / "damaged-bart"
    shutil.copytree(tiny_bart, model)
    (model / "config.json").write_text('{"model_type": "bart",', encoding="utf-8")
    with pytest.raises(ModelError) as caught:
        Summarizer(str(model), backend="transformers", offline=True).load()
    assert str(caught.value).startswith(f"cannot read {model / 'config.json'}: ")
    assert "\n" not in str(caught.value)


def test_a_summariser_the_converter_cannot_handle_is_one_line_naming_it(tiny_bart, tmp_path, monkeypatch):
    """ctranslate2 reads normalize_before from BART configs; without it the converter fails."""
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "cache"))
    model = tmp_path / "no-normalize-before"
    shutil.copytree(tiny_bart, model)
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    del config["normalize_before"]
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    summarizer = Summarizer(str(model), backend="ctranslate2", offline=True)
    with pytest.raises(BackendUnavailable) as caught:
        summarizer.summarize(SHORT)
    message = str(caught.value)
    assert message.startswith(f"ctranslate2 cannot convert {model} (") and "normalize_before" in message
    assert message.endswith("use --backend transformers") and "\n" not in message
    assert list((tmp_path / "cache" / "ct2").iterdir()) == []  # no staging folder, no half model


def test_existing_finished_conversion_is_kept_and_a_leftover_is_redone(
    ct2_summarizer, tiny_bart, tmp_path, monkeypatch
):
    import ctranslate2.converters

    from translator.backends.conversion import conversion_dir
    from translator.backends.summary_ct2 import convert_summarizer
    from translator.models import CT2_METADATA, resolve_model

    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "cache"))
    resolved = resolve_model(str(tiny_bart), kind="summarization")
    target = conversion_dir(resolved, "int8")
    assert target.name == ct2_summarizer.ct2_path.name  # one folder naming for every conversion
    shutil.copytree(ct2_summarizer.ct2_path, target)  # model.bin, tokenizer.json and the metadata
    stamp = (target / "model.bin").stat().st_mtime_ns
    real_converter = ctranslate2.converters.TransformersConverter
    monkeypatch.setattr(ctranslate2.converters, "TransformersConverter", None)  # any conversion would fail
    assert convert_summarizer(resolved) == target
    assert (target / "model.bin").stat().st_mtime_ns == stamp

    (target / CT2_METADATA).unlink()  # model.bin and tokenizer.json, but never marked finished
    (target / "model.bin").write_bytes(b"truncated")
    monkeypatch.setattr(ctranslate2.converters, "TransformersConverter", real_converter)
    assert convert_summarizer(resolved) == target
    meta = json.loads((target / CT2_METADATA).read_text(encoding="utf-8"))
    assert (meta["model_id"], meta["kind"], meta["compute_type"]) == (str(tiny_bart), "summarization", "int8")
    assert (target / "model.bin").read_bytes() == (ct2_summarizer.ct2_path / "model.bin").read_bytes()
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no staging folder left


def test_a_model_whose_input_limit_holds_no_text_is_one_line_exit_3_via_the_cli(
    tiny_marian, tiny_bart, seed_path, tmp_path
):
    """A tokenizer limit of 2 tokens holds BART's <s></s> and nothing else: no cut of the text fits."""
    from typer.testing import CliRunner

    from translator.cli import app

    model = tmp_path / "two-token-bart"
    shutil.copytree(tiny_bart, model)
    tokenizer_config = json.loads((model / "tokenizer_config.json").read_text(encoding="utf-8"))
    tokenizer_config["model_max_length"] = 2
    (model / "tokenizer_config.json").write_text(json.dumps(tokenizer_config), encoding="utf-8")
    args = ["summarize", str(seed_path), "--model", str(tiny_marian), "--summary-model", str(model)]
    result = CliRunner().invoke(app, [*args, "--backend", "transformers", "--beam", "1", "--no-cache"])
    assert result.exit_code == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "internal error" not in lines[0]
    assert "at most 2 tokens per input" in lines[0] and "--summary-model" in lines[0]
    assert result.stdout == ""
