"""The PyTorch engine: Hugging Face transformers ``generate`` on MarianMT (or any seq2seq model).

Constructing a backend costs nothing: the model is resolved and torch/transformers are imported
on first use (``load()``, ``count_tokens``, ``translate_batch``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from translator.backends import DecodingOptions, Hypothesis
from translator.backends.base import (
    LazyModelBackend,
    damaged_model_error,
    decoding_lengths,
    pick_device,
    quiet_transformers_loading,
    unreadable_model_errors,
)
from translator.backends.conversion import check_model_files
from translator.errors import BackendUnavailable
from translator.models import DEFAULT_MODEL, ModelLimits, read_model_limits


@dataclass(frozen=True)
class _Loaded:
    torch: Any
    tokenizer: Any
    model: Any
    device: str
    eos_id: int


class TransformersBackend(LazyModelBackend[_Loaded]):
    """TranslationBackend on transformers/PyTorch."""

    name = "transformers"

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        device: str = "auto",
        offline: bool = False,
        threads: int | None = None,
    ) -> None:
        super().__init__(model, device=device, offline=offline, threads=threads)
        self._limits: ModelLimits | None = None

    # --- limits (no torch needed) -----------------------------------------------------------

    @property
    def limits(self) -> ModelLimits:
        if self._limits is None:
            self._limits = read_model_limits(self.resolved.path)
        return self._limits

    @property
    def max_input_tokens(self) -> int:
        return self.limits.max_input_tokens

    @property
    def default_beam(self) -> int:
        return self.limits.default_beam

    # --- loading ----------------------------------------------------------------------------

    def _load(self) -> _Loaded:
        path = self.resolved.path  # first: a missing model fails before the slow imports
        try:
            import torch
            import transformers
        except ImportError as err:
            raise BackendUnavailable("the transformers backend needs: pip install transformers torch") from err
        device = torch_device(torch, self.device)
        torch.set_num_threads(self.threads or os.cpu_count() or 1)
        model_type = self.limits.model_type
        check_model_files(self.resolved)  # milliseconds; names a missing or damaged file plainly
        safetensors = any(path.glob("*.safetensors"))
        model: Any
        with quiet_transformers_loading():
            try:
                if model_type == "marian":
                    tokenizer = transformers.MarianTokenizer.from_pretrained(str(path))
                    model = transformers.MarianMTModel.from_pretrained(str(path), use_safetensors=safetensors)
                else:
                    tokenizer = transformers.AutoTokenizer.from_pretrained(str(path), trust_remote_code=False)
                    model = transformers.AutoModelForSeq2SeqLM.from_pretrained(
                        str(path), use_safetensors=safetensors, trust_remote_code=False
                    )
            except unreadable_model_errors() as err:
                raise damaged_model_error(self.resolved, err) from err
        model.eval()
        model.to(device)
        eos_id = model.generation_config.eos_token_id
        if isinstance(eos_id, list):
            eos_id = eos_id[0]
        if eos_id is None:
            eos_id = tokenizer.eos_token_id
        return _Loaded(torch=torch, tokenizer=tokenizer, model=model, device=device, eos_id=int(eos_id))

    # --- the Protocol -----------------------------------------------------------------------

    def count_tokens(self, text: str) -> int:
        # verbose=False: counting a text over the limit is how the pipeline finds what to split
        return len(self._ensure_loaded().tokenizer(text, verbose=False).input_ids)

    def translate_batch(self, texts: list[str], options: DecodingOptions) -> list[Hypothesis]:
        if not texts:
            return []
        loaded = self._ensure_loaded()
        return [
            Hypothesis(text=loaded.tokenizer.decode(ids, skip_special_tokens=True).strip(), score=score)
            for ids, score in self._generate(texts, options)
        ]

    def translate_batch_tokens(self, texts: list[str], options: DecodingOptions) -> list[tuple[list[str], float]]:
        """Like translate_batch but the target pieces (special tokens dropped) instead of text."""
        if not texts:
            return []
        tokenizer = self._ensure_loaded().tokenizer
        return [
            (tokenizer.convert_ids_to_tokens(ids, skip_special_tokens=True), score)
            for ids, score in self._generate(texts, options)
        ]

    def _generate(self, texts: list[str], options: DecodingOptions) -> list[tuple[list[int], float]]:
        """One generate() call: (generated ids up to and including end-of-sentence, mean log-prob) per text."""
        loaded = self._ensure_loaded()
        torch = loaded.torch
        encoded = loaded.tokenizer(
            list(texts), return_tensors="pt", padding=True, truncation=True, max_length=self.max_input_tokens
        ).to(loaded.device)
        longest = int(encoded["attention_mask"].sum(dim=1).max())
        max_new, forced = decoding_lengths(options, longest, self.limits.max_output_tokens)
        beam = options.beam or self.default_beam
        kwargs: dict[str, Any] = {
            "num_beams": beam,
            "num_return_sequences": 1,
            "max_new_tokens": max_new,
            "max_length": None,
        }
        if forced is not None:
            kwargs.update(min_new_tokens=forced, forced_eos_token_id=None)
        if options.repetition_penalty != 1.0:
            kwargs["repetition_penalty"] = options.repetition_penalty
        if options.no_repeat_ngram_size:
            kwargs["no_repeat_ngram_size"] = options.no_repeat_ngram_size
        with torch.inference_mode():
            sequences = loaded.model.generate(**encoded, **kwargs)  # the decoder start token, then the output
            generated = [self._until_eos(row[1:].tolist(), loaded.eos_id) for row in sequences]
            token_logprobs = self._token_logprobs(encoded, sequences)
        scores = [float(token_logprobs[i, : len(ids)].mean()) if ids else 0.0 for i, ids in enumerate(generated)]
        return list(zip(generated, scores, strict=True))

    def _token_logprobs(self, encoded: Any, sequences: Any) -> Any:
        """Log-probability of each generated token, from one teacher-forced pass over the output.

        The score is their mean (end-of-sentence included), as beam search reports it with
        ``length_penalty=1``, with one difference: an end-of-sentence forced at the length
        limit counts at the model's own probability, not as certain, so a cut-off output
        scores lower. Asking ``generate`` for ``output_scores`` instead would keep a
        batch × beams × vocabulary copy of every step (about 1.3 GB for one batch of opus-mt).
        """
        loaded = self._ensure_loaded()
        torch = loaded.torch
        bad_words = loaded.model.generation_config.bad_words_ids or []
        banned = [ids[0] for ids in bad_words if len(ids) == 1]  # Marian bans <pad>; generate renormalises without it
        logits = loaded.model(**encoded, decoder_input_ids=sequences[:, :-1]).logits
        out = torch.empty(sequences.shape[0], sequences.shape[1] - 1, device=logits.device)
        for row in range(logits.shape[0]):  # one row at a time: a batch of vocabulary-wide rows is big
            row_logits = logits[row].float()
            row_logits[:, banned] = float("-inf")
            logprobs = torch.log_softmax(row_logits, dim=-1)
            out[row] = logprobs.gather(-1, sequences[row, 1:].unsqueeze(-1)).squeeze(-1)
        return out

    @staticmethod
    def _until_eos(ids: list[int], eos_id: int) -> list[int]:
        return ids[: ids.index(eos_id) + 1] if eos_id in ids else ids


def torch_device(torch: Any, requested: str) -> str:
    """The torch device (``cpu`` or ``cuda:N``) for ``requested`` (auto, cpu, cuda, cuda:N).

    A GPU that is not there is an error.
    """
    gpus = torch.cuda.device_count() if torch.cuda.is_available() else 0
    kind, index = pick_device(requested, gpus)
    return f"cuda:{index}" if kind == "cuda" else "cpu"
