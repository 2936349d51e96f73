"""Converting for ctranslate2 once: the shared staging/rename helper and one-line converter errors."""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from translator.backends import DecodingOptions
from translator.backends.conversion import convert_once, is_write_error
from translator.backends.ct2 import CTranslate2Backend
from translator.errors import BackendUnavailable, ModelError, one_line
from translator.models import CT2_METADATA, resolve_model

ROOT = Path(__file__).resolve().parents[2]

MARKER = CT2_METADATA


def finished(out: Path, note: str = "ours") -> None:
    """What a build writes: some model file, then the marker last."""
    (out / "model.bin").write_text(note)
    (out / MARKER).write_text(json.dumps({"note": note}))


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


# -- convert_once, on plain folders ----------------------------------------------------


def test_builds_in_a_staging_folder_beside_the_target_then_renames_it(tmp_path):
    final = tmp_path / "cache" / "model--int8"
    seen: list[Path] = []

    def build(staging: Path) -> None:
        seen.append(staging)
        assert staging.parent == final.parent and staging.is_dir() and not any(staging.iterdir())
        assert not final.exists()
        finished(staging)

    assert convert_once(final, build, done_marker=MARKER) == final
    assert (final / "model.bin").read_text() == "ours" and (final / MARKER).is_file()
    assert len(seen) == 1 and not seen[0].exists()
    assert leftovers(final.parent) == []


def test_a_finished_conversion_is_returned_without_building(tmp_path):
    final = tmp_path / "done"
    final.mkdir()
    finished(final, "earlier")

    def build(staging: Path) -> None:
        raise AssertionError("built a second time")

    assert convert_once(final, build, done_marker=MARKER) == final
    assert (final / "model.bin").read_text() == "earlier"


def test_a_leftover_without_the_marker_is_replaced(tmp_path):
    final = tmp_path / "half"
    final.mkdir()
    (final / "model.bin").write_text("crashed half way")
    (final / "tokenizer.json").write_text("{}")
    convert_once(final, finished, done_marker=MARKER)
    assert (final / "model.bin").read_text() == "ours"
    assert not (final / "tokenizer.json").exists()


def test_a_converter_that_finished_first_wins(tmp_path):
    final = tmp_path / "raced"

    def build_while_another_process_finishes(staging: Path) -> None:
        finished(staging, "ours")
        other = tmp_path / ".other-process"
        other.mkdir()
        finished(other, "theirs")
        os.replace(other, final)

    assert convert_once(final, build_while_another_process_finishes, done_marker=MARKER) == final
    assert (final / "model.bin").read_text() == "theirs"
    assert leftovers(tmp_path) == []


def test_a_failed_build_leaves_nothing_behind_and_keeps_its_error(tmp_path):
    final = tmp_path / "cache" / "broken"

    def build(staging: Path) -> None:
        (staging / "model.bin").write_text("partial")
        raise BackendUnavailable("ctranslate2 cannot convert x (no); use --backend transformers")

    with pytest.raises(BackendUnavailable, match="cannot convert x"):
        convert_once(final, build, done_marker=MARKER)
    assert not final.exists() and list(final.parent.iterdir()) == []


def test_a_build_that_forgets_the_marker_is_a_bug_not_a_finished_conversion(tmp_path):
    final = tmp_path / "unmarked"
    with pytest.raises(RuntimeError, match=MARKER):
        convert_once(final, lambda staging: (staging / "model.bin").write_text("x"), done_marker=MARKER)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_converts_into_a_temporary_folder_with_one_warning(tmp_path, caplog):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache should be")
    with caplog.at_level(logging.WARNING, logger="pl2en"):
        made = convert_once(blocker / "ct2" / "model", finished, done_marker=MARKER)
    assert (made / MARKER).is_file() and not made.is_relative_to(tmp_path)
    [message] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert "cannot write converted models to" in message and str(blocker / "ct2") in message
    assert "temporary folder" in message and "PL2EN_CACHE_DIR" in message and "\n" not in message


def test_a_full_disk_while_building_is_reported_the_same_way(tmp_path):
    final = tmp_path / "full"

    def build(staging: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(staging / "model.bin"))

    with pytest.raises(ModelError, match=r"cannot write converted models to .*No space left.*PL2EN_CACHE_DIR"):
        convert_once(final, build, done_marker=MARKER)
    assert list(tmp_path.iterdir()) == []


def test_write_errors_are_told_apart_from_unreadable_models(tmp_path):
    out = tmp_path / "out"
    assert is_write_error(OSError(errno.EACCES, "Permission denied", str(out / "model.bin")), out)
    assert is_write_error(OSError(errno.ENOSPC, "No space left on device"), out)
    assert not is_write_error(OSError(errno.ENOENT, "No such file", str(tmp_path / "model" / "x.bin")), out)
    assert not is_write_error(OSError("Error no file named model.safetensors"), out)


def test_one_line_joins_multiline_messages_and_caps_their_length():
    assert one_line(ValueError("first\n  second\n")) == "first second"
    assert one_line(KeyError()) == "KeyError"
    long = one_line(ValueError("x" * 1000), limit=50)
    assert len(long) == 50 and long.endswith("…")


# -- the translation backend on a tiny Marian -------------------------------------------


@pytest.fixture()
def own_cache(tmp_path, monkeypatch) -> Path:
    cache = tmp_path / "pl2en-cache"
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(cache))
    return cache


def test_a_model_the_converter_cannot_handle_is_one_line_naming_it(tiny_marian, tmp_path, own_cache):
    model = tmp_path / "mish-marian"
    shutil.copytree(tiny_marian, model)
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    (model / "config.json").write_text(json.dumps({**config, "activation_function": "mish"}), encoding="utf-8")
    backend = CTranslate2Backend(str(model), device="cpu", threads=1)
    with pytest.raises(BackendUnavailable) as caught:
        backend.translate_batch(["Kazachstan dystansuje się od Rosji."], DecodingOptions())
    message = str(caught.value)
    assert message.startswith(f"ctranslate2 cannot convert {model} (")
    assert "mish" in message and message.endswith("use --backend transformers") and "\n" not in message
    assert leftovers(own_cache / "ct2") == [] and list((own_cache / "ct2").iterdir()) == []


def test_a_damaged_model_config_is_one_line_model_error(tiny_marian, tmp_path, own_cache):
    model = tmp_path / "damaged"
    shutil.copytree(tiny_marian, model)
    (model / "generation_config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError) as caught:
        CTranslate2Backend(str(model), device="cpu", threads=1).load()
    assert "generation_config.json" in str(caught.value) and "\n" not in str(caught.value)


def test_translation_conversion_goes_through_convert_once(tiny_marian, own_cache, monkeypatch):
    from translator.backends import conversion

    finals: list[Path] = []
    real = conversion.convert_once

    def recording(final, build, **kwargs):
        finals.append(final)
        return real(final, build, **kwargs)

    monkeypatch.setattr(conversion, "convert_once", recording)
    backend = CTranslate2Backend(str(tiny_marian), device="cpu", threads=1)
    assert backend.translate_batch(["Kazachstan."], DecodingOptions(max_length_ratio=0.5, length_slack=2))[0].text
    assert finals == [backend.converted_dir] and (backend.converted_dir / CT2_METADATA).is_file()
    meta = json.loads((backend.converted_dir / CT2_METADATA).read_text(encoding="utf-8"))
    assert meta["model_id"] == str(tiny_marian) and meta["compute_type"] == "int8"


def test_summariser_conversion_shares_the_folder_naming_and_the_metadata(tiny_bart, own_cache, monkeypatch):
    from translator.backends import conversion
    from translator.summarize.abstract import Summarizer

    finals: list[Path] = []
    real = conversion.convert_once

    def recording(final, build, **kwargs):
        finals.append(final)
        return real(final, build, **kwargs)

    monkeypatch.setattr(conversion, "convert_once", recording)
    summarizer = Summarizer(str(tiny_bart), backend="ctranslate2", device="cpu", offline=True, threads=1)
    summarizer.load()
    resolved = resolve_model(str(tiny_bart), kind="summarization")
    assert finals == [conversion.conversion_dir(resolved, "int8")] == [summarizer.ct2_path]
    meta = json.loads((summarizer.ct2_path / CT2_METADATA).read_text(encoding="utf-8"))
    assert (meta["model_id"], meta["revision"], meta["kind"]) == (str(tiny_bart), resolved.revision, "summarization")


def test_conversion_and_the_engines_import_without_a_cycle():
    """conversion.py needs neither engine module; the claims' word list needs no backend at all."""
    code = (
        "import sys\n"
        "import translator.backends.conversion\n"
        "import translator.summarize.lexicon\n"
        "print(sorted(m for m in sys.modules if m.startswith('translator.backends.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split() == [
        "['translator.backends.base',",
        "'translator.backends.conversion',",
        "'translator.backends.conversion_health']",
    ]
