"""Converting a Hugging Face model for ctranslate2 once, shared by the translator and the summariser.

A conversion is built in a private folder beside its final place and renamed into
place when finished, so a crash leaves no half model behind and concurrent converters
never see each other's work in progress. A finished conversion holds ``done_marker``
(the metadata file, written last); a folder without it is a leftover and is replaced.
Converter failures become one-line errors that name the model and say what to do.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from translator.errors import BackendUnavailable, ModelError, one_line
from translator.models import CT2_METADATA, ResolvedModel

FALLBACK_HINT = "use --backend transformers"
# whatever the file named, the cache is full or read-only
_WRITE_ERRNOS = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EROFS") if hasattr(errno, name))


def convert_once(final: Path, build: Callable[[Path], None], *, done_marker: str = CT2_METADATA) -> Path:
    """Return ``final`` once it holds ``done_marker``; build it first if it does not.

    ``build(staging)`` fills an empty private folder beside ``final`` and writes
    ``done_marker`` last. The folder is then renamed to ``final``; a stale ``final``
    without the marker is removed first, and a concurrent converter that finished
    first wins (its conversion is as good as ours). The staging folder never stays.
    """
    if (final / done_marker).is_file():
        return final
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    except OSError as err:
        raise _cannot_write(final, err) from err
    try:
        build(staging)
        if not (staging / done_marker).is_file():
            raise RuntimeError(f"the conversion into {staging} did not write {done_marker}")
        if final.exists() and not (final / done_marker).is_file():
            shutil.rmtree(final)  # a leftover without the marker was never a finished conversion
        try:
            os.replace(staging, final)
        except OSError:
            if not (final / done_marker).is_file():
                raise
            # another process finished first: its conversion is as good as ours
    except OSError as err:
        raise _cannot_write(final, err) from err
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return final


def check_model_files(resolved: ResolvedModel) -> None:
    """Open what a conversion reads first: each weights file's header, each SentencePiece model and
    Marian's vocabulary, so damaged or incomplete files are reported as such (ModelError), not as a
    model ctranslate2 cannot convert."""
    from translator.backends.base import damaged_model_error, unreadable_model_errors

    path = resolved.path
    try:
        spm_models = sorted(path.glob("*.spm"))
        if spm_models and not (path / "vocab.json").is_file():
            raise FileNotFoundError("vocab.json is missing")
        for weights in sorted(path.glob("*.safetensors")):
            from safetensors import safe_open

            with safe_open(str(weights), framework="numpy"):
                pass
        for spm_model in spm_models:
            import sentencepiece

            sentencepiece.SentencePieceProcessor(model_file=str(spm_model))
    except unreadable_model_errors() as err:
        raise damaged_model_error(resolved, err) from err


def run_transformers_converter(
    model_id: str,
    model_dir: Path,
    out: Path,
    *,
    quantization: str,
    copy_files: Sequence[str] = (),
    hint: str = FALLBACK_HINT,
) -> None:
    """ctranslate2's TransformersConverter from ``model_dir`` into ``out`` (replaced).

    Its failures (an architecture it cannot convert, weights transformers cannot
    read) raise BackendUnavailable naming ``model_id`` and ending with ``hint``; a
    cache that cannot be written raises OSError for ``convert_once`` to report.
    """
    try:
        from ctranslate2.converters import TransformersConverter

        from translator.backends.hf import quiet_transformers_loading

        with quiet_transformers_loading():
            converter = TransformersConverter(
                str(model_dir), copy_files=list(copy_files) or None, trust_remote_code=False
            )
            converter.convert(str(out), quantization=quantization, force=True)
    except ImportError as err:
        raise BackendUnavailable(
            "converting a model for ctranslate2 needs: pip install ctranslate2 transformers torch"
        ) from err
    except OSError as err:
        if is_write_error(err, out):
            raise
        raise converter_failure(model_id, err, hint) from err
    except (ValueError, NotImplementedError, RuntimeError, KeyError, AttributeError) as err:
        raise converter_failure(model_id, err, hint) from err


def converter_failure(model_id: str, err: BaseException, hint: str = FALLBACK_HINT) -> BackendUnavailable:
    """The one-line error for a model ctranslate2 cannot convert."""
    return BackendUnavailable(f"ctranslate2 cannot convert {model_id} ({one_line(err)}); {hint}")


def is_write_error(err: OSError, out: Path) -> bool:
    """Whether ``err`` came from writing under ``out`` (a full or read-only cache), not from reading the model."""
    if err.errno in _WRITE_ERRNOS:
        return True
    where = os.path.abspath(out)
    for name in (err.filename, err.filename2):
        if isinstance(name, (str, bytes, os.PathLike)) and Path(os.path.abspath(os.fsdecode(name))).is_relative_to(
            where
        ):
            return True
    return False


def _cannot_write(final: Path, err: OSError) -> ModelError:
    return ModelError(f"cannot write converted models to {final.parent}: {one_line(err)} (set PL2EN_CACHE_DIR)")
