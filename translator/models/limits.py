"""What a model's own config files declare: lengths, beam and decoding defaults (read as JSON, no transformers).

One reader for both tasks. For ``summarization`` the model's ``task_specific_params`` are laid
over its generation config, as the Hugging Face summarisation pipeline does, and what a model
does not declare falls back to what ``generate`` would do (beam 1, 20 tokens). For
``translation`` an undeclared beam is 4 and an undeclared length the model's positions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translator.errors import ModelError

_FALLBACK_LENGTH = 512
# (beam, max_length) when the model declares none; None: as many as the model has positions
_UNDECLARED = {"translation": (4, None), "summarization": (1, 20)}


@dataclass(frozen=True)
class ModelLimits:
    """Lengths and decoding defaults a model's config files declare.

    Output lengths count generated decoder tokens (the decoder start token excluded),
    so ``max_output_tokens`` is the declared ``max_length - 1``.
    """

    max_input_tokens: int  # source tokens, end-of-sentence included (512 for opus-mt)
    max_output_tokens: int  # target tokens a decoder can produce after its start token
    default_beam: int  # generation_config num_beams (6 for opus-mt)
    model_type: str = ""
    min_output_tokens: int = 0
    no_repeat_ngram_size: int = 0
    length_penalty: float = 1.0
    forced_bos_token_id: int | None = None
    input_prefix: str = ""  # prepended to every input (T5's "summarize: ")


def read_model_limits(directory: Path, *, config_name: str = "config.json", task: str = "translation") -> ModelLimits:
    """Read config.json (or ``config_name``), generation_config.json and tokenizer_config.json in ``directory``.

    Values of the wrong type are ignored, as if the model did not declare them.
    """
    if task not in _UNDECLARED:
        raise ValueError(f"task must be one of {tuple(_UNDECLARED)}, not {task!r}")
    config = read_json(directory / config_name)
    generation = {**config, **read_json(directory / "generation_config.json")}
    prefix = ""
    if task == "summarization":
        params = config.get("task_specific_params")
        summary = params.get("summarization") if isinstance(params, dict) else None
        if isinstance(summary, dict):
            generation.update({k: v for k, v in summary.items() if k != "prefix"})
            prefix = summary["prefix"] if isinstance(summary.get("prefix"), str) else ""
    tokenizer = read_json(directory / "tokenizer_config.json")
    positions = _sane_length(config.get("max_position_embeddings"))
    inputs = [n for n in (_sane_length(tokenizer.get("model_max_length")), positions) if n]
    undeclared_beam, undeclared_length = _UNDECLARED[task]
    declared_length = _sane_length(generation.get("max_length")) or undeclared_length
    outputs = [n for n in (declared_length, positions) if n]
    beam = _whole(generation.get("num_beams"))
    penalty = _number(generation.get("length_penalty"))
    return ModelLimits(
        max_input_tokens=min(inputs) if inputs else _FALLBACK_LENGTH,
        max_output_tokens=max(1, (min(outputs) if outputs else _FALLBACK_LENGTH) - 1),
        default_beam=beam if beam is not None and beam >= 1 else undeclared_beam,
        model_type=config["model_type"] if isinstance(config.get("model_type"), str) else "",
        min_output_tokens=max((_whole(generation.get("min_length")) or 0) - 1, 0),
        no_repeat_ngram_size=max(_whole(generation.get("no_repeat_ngram_size")) or 0, 0),
        length_penalty=penalty if penalty is not None else 1.0,
        forced_bos_token_id=_whole(generation.get("forced_bos_token_id")),
        input_prefix=prefix,
    )


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object from ``path``: {} when the file is missing or holds no object; ModelError when unreadable."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelError(f"cannot read {path}: {err}") from err
    return data if isinstance(data, dict) else {}


def _number(value: object) -> float | None:
    """``value`` when it is a JSON number (not a boolean), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _whole(value: object) -> int | None:
    """``value`` as an int when it is a whole number, else None."""
    number = _number(value)
    return int(number) if number is not None and number.is_integer() else None


def _sane_length(value: object) -> int | None:
    """A positive length below a million; tokenizers say 1e30 when they mean "no limit"."""
    number = _number(value)
    return int(number) if number is not None and 1 <= number < 1_000_000 else None
