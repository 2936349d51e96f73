"""Converting a Hugging Face model for ctranslate2 once, shared by the translator and the summariser.

One folder naming (``conversion_dir``: model, revision, quantization under ``paths.ct2_dir()``),
one metadata file (``CT2_METADATA``, written last: it marks a finished conversion and tells
``pl2en models list/remove`` what it was made from), one way to build it (``build_once``: in a
private folder, renamed into place). Converter failures become one-line errors that name the
model and say what to do.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from translator import paths
from translator.backends import conversion_health as health
from translator.backends.base import damaged_model_error, quiet_transformers_loading, unreadable_model_errors
from translator.build_once import build_once
from translator.errors import BackendUnavailable, ModelError, one_line
from translator.models import CT2_METADATA, ResolvedModel

logger = logging.getLogger("pl2en")
Opened = TypeVar("Opened")
FALLBACK_HINT = "use --backend transformers"
# whatever the file named, the cache is full or read-only
_WRITE_ERRNOS = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EROFS") if hasattr(errno, name))


def conversion_dir(resolved: ResolvedModel, quantization: str = "int8") -> Path:
    """Where the conversion of ``resolved`` at ``quantization`` lives (translation and summary models alike)."""
    return paths.ct2_dir() / f"{_safe(resolved.model_id)}--{_safe(resolved.revision)}--{quantization}"


class ConversionUnreadable(ModelError):
    """ctranslate2 cannot open a converted model (what :func:`open_healing` converts once more)."""


def ensure_converted(resolved: ResolvedModel, quantization: str, build: Callable[[Path], None]) -> Path:
    """The finished, undamaged conversion of ``resolved``; ``build(staging)`` makes it first when there is none.

    Leftovers of killed conversions are swept first; a damaged conversion (see ``conversion_health``)
    is removed and made again, with a warning. Damaged model files are reported as such (ModelError)
    before the converter runs.
    """
    final = conversion_dir(resolved, quantization)
    health.sweep_leftovers(final.parent)
    if (final / CT2_METADATA).is_file():
        problem = health.damage_in(final, CT2_METADATA)
        if problem is None:
            return final
        logger.warning(f"the converted copy of {resolved.model_id} is damaged ({problem}); converting it once more")
        health.discard(final)
    check_model_files(resolved)
    return convert_once(final, build, what=resolved.model_id)


def open_healing(ensure: Callable[[], Path], open_it: Callable[[Path], Opened], model_id: str) -> tuple[Path, Opened]:
    """(conversion, ``open_it(conversion)``); a conversion ctranslate2 cannot open is converted once more."""
    directory = ensure()
    try:
        return directory, open_it(directory)
    except ConversionUnreadable as err:
        if not health.discard(directory):
            raise
        logger.warning(f"the converted copy of {model_id} cannot be opened ({err}); converting it once more")
    directory = ensure()
    return directory, open_it(directory)


def write_metadata(out: Path, resolved: ResolvedModel, quantization: str, kind: str) -> None:
    """Write ``CT2_METADATA`` into ``out``: last, since it marks the conversion finished."""
    meta = {
        health.FILES_KEY: health.file_sizes(out, leave_out=CT2_METADATA),  # damage shows as another size
        "model_id": resolved.model_id,
        "revision": resolved.revision,
        "compute_type": quantization,
        "kind": kind,
        "source": str(resolved.path),
        "local": resolved.local,
    }
    (out / CT2_METADATA).write_text(json.dumps(meta, indent=2), encoding="utf-8")


def convert_once(
    final: Path, build: Callable[[Path], None], *, done_marker: str = CT2_METADATA, what: str = "the model"
) -> Path:
    """``build_once`` under the conversion's lock (a second converter waits, then finds it made).

    A cache that cannot be written (read-only, full, a file in the way) gets the conversion in a
    temporary folder for this run instead, with one warning; only when that fails too is it an error.
    """
    try:
        with health.building(final):
            if not (final / done_marker).is_file():
                logger.info(f"converting {what} for CTranslate2 (once)")
            return build_once(final, build, done_marker=done_marker)
    except OSError as err:
        logger.warning(
            f"cannot write converted models to {final.parent} ({one_line(err)}); the conversion of {what} goes "
            "into a temporary folder for this run (set PL2EN_CACHE_DIR to a writable folder to keep it)"
        )
    try:
        return build_once(health.temporary_root() / final.name, build, done_marker=done_marker)
    except OSError as err:
        raise ModelError(
            f"cannot write converted models to {final.parent} nor to a temporary folder: {one_line(err)} "
            "(set PL2EN_CACHE_DIR)"
        ) from err


def check_model_files(resolved: ResolvedModel) -> None:
    """Open what a conversion reads first: each weights file's header, each SentencePiece model and
    Marian's vocabulary, so damaged or incomplete files are reported as such (ModelError), not as a
    model ctranslate2 cannot convert."""

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


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "--", text).strip("-.")[-120:].strip("-.") or "model"
