"""The summariser on ctranslate2: an int8 conversion, tokenized with the ``tokenizers`` library.

The conversion (which needs torch and transformers) goes through ``conversion``, as the
translator's does: same folder naming, same metadata, built once. Running a converted
model afterwards imports only ctranslate2 and tokenizers.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from translator.backends import SummaryLengths, conversion, install_hint, missing_modules
from translator.backends.base import pick_device
from translator.backends.ct2 import missing_cuda_library, open_translator
from translator.errors import BackendUnavailable
from translator.models import CT2_METADATA, ModelLimits, ResolvedModel

CT2_MODEL_TYPES = frozenset({"bart", "pegasus", "t5", "mt5"})  # seq2seq types the ct2 converter handles
QUANTIZATION = "int8"
TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.json",
    "merges.txt",
    "spiece.model",
)


def summary_threads() -> int:
    """Intra-op threads for the ctranslate2 summariser: half the cores.

    One long beam-4 sequence gains little from many threads on a small machine,
    where waking them costs more than they add (1 thread is fastest on 2 cores,
    benchmarks/RESULTS.md); bigger machines still get several.
    """
    return max(1, (os.cpu_count() or 1) // 2)


def convert_summarizer(resolved: ResolvedModel) -> Path:
    """The int8 ctranslate2 conversion of ``resolved``, made once (see ``conversion.ensure_converted``)."""
    if not (conversion.conversion_dir(resolved, QUANTIZATION) / CT2_METADATA).is_file():
        require_transformers("converting a summariser for ctranslate2")
    return conversion.ensure_converted(resolved, QUANTIZATION, lambda staging: _convert(resolved, staging))


def _convert(resolved: ResolvedModel, out: Path) -> None:
    present = [name for name in TOKENIZER_FILES if (resolved.path / name).is_file()]
    conversion.run_transformers_converter(
        resolved.model_id, resolved.path, out, quantization=QUANTIZATION, copy_files=present
    )
    if not (out / "tokenizer.json").is_file():
        _save_fast_tokenizer(resolved, out / "tokenizer.json")
    conversion.write_metadata(out, resolved, QUANTIZATION, "summarization")


def _save_fast_tokenizer(resolved: ResolvedModel, path: Path) -> None:
    """tokenizer.json for models that ship only slow-tokenizer files (made by transformers)."""
    from transformers import AutoTokenizer

    try:
        AutoTokenizer.from_pretrained(resolved.path, trust_remote_code=False).backend_tokenizer.save(str(path))
    except OSError as err:
        if conversion.is_write_error(err, path.parent):
            raise
        raise conversion.converter_failure(resolved.model_id, err) from err
    except (ValueError, AttributeError) as err:  # no fast tokenizer for this model
        raise conversion.converter_failure(resolved.model_id, err) from err


def require_transformers(what: str) -> None:
    """BackendUnavailable unless transformers and torch are installed (checked without importing them)."""
    if missing_modules("transformers", "summarization"):
        raise BackendUnavailable(
            f"{what} needs transformers and torch: {install_hint('transformers', 'summarization')}"
        )


class CTranslate2SummaryEngine:
    """SummaryEngine on a converted int8 model; opening one reads it."""

    def __init__(self, ct2_model: Path, limits: ModelLimits, device: str, threads: int | None) -> None:
        import ctranslate2
        from tokenizers import Tokenizer

        self.limits = limits
        self.translator: Any = open_translator(
            ctranslate2,
            ct2_model,
            pick_device(device, ctranslate2.get_cuda_device_count()),
            QUANTIZATION,
            (1, threads or summary_threads()),
            cpu_fallback=device == "auto",
            what="converted summariser",
        )[0]
        self.tokenizer = Tokenizer.from_file(str(ct2_model / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        bos = limits.forced_bos_token_id
        self.target_prefix = [self.tokenizer.id_to_token(bos)] if bos is not None else None

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(self.limits.input_prefix + text).ids)

    def generate(self, texts: list[str], beam: int, lengths: SummaryLengths) -> list[str]:
        s = self.limits
        sources = [self.tokenizer.encode(s.input_prefix + t).tokens for t in texts]
        try:
            results = self.translator.translate_batch(
                sources,
                target_prefix=[self.target_prefix] * len(texts) if self.target_prefix else None,
                beam_size=beam,
                min_decoding_length=lengths.min_tokens,  # ct2 lengths include the target prefix
                max_decoding_length=lengths.max_tokens,
                no_repeat_ngram_size=s.no_repeat_ngram_size,
                length_penalty=s.length_penalty,
                max_input_length=0,  # chunks already fit; never truncate
            )
        except RuntimeError as err:
            raise (missing_cuda_library(err) or err) from err
        out = []
        for result in results:
            ids = [self.tokenizer.token_to_id(token) for token in result.hypotheses[0]]
            out.append(self.tokenizer.decode([i for i in ids if i is not None], skip_special_tokens=True).strip())
        return out
