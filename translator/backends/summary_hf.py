"""The summariser on transformers: AutoModelForSeq2SeqLM under torch.inference_mode."""

from __future__ import annotations

from typing import Any

from translator.backends import SummaryLengths
from translator.backends.base import damaged_model_error, quiet_transformers_loading, unreadable_model_errors
from translator.backends.hf import torch_device
from translator.models import ModelLimits, ResolvedModel


class TransformersSummaryEngine:
    """SummaryEngine on transformers/PyTorch; opening one reads the model."""

    def __init__(self, resolved: ResolvedModel, limits: ModelLimits, device: str, threads: int | None) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        if threads:
            torch.set_num_threads(threads)
        self.device = torch_device(torch, device)
        self._torch = torch
        self.limits = limits
        with quiet_transformers_loading():
            try:
                self.tokenizer: Any = AutoTokenizer.from_pretrained(resolved.path, trust_remote_code=False)
                model = AutoModelForSeq2SeqLM.from_pretrained(resolved.path, trust_remote_code=False)
            except unreadable_model_errors() as err:
                raise damaged_model_error(resolved, err) from err
        # Texts longer than one input are measured here to be chunked, never fed whole:
        # the tokenizer's "longer than the maximum sequence length" warning would be noise.
        self.tokenizer.model_max_length = 10**30
        self.model: Any = model.to(self.device).eval()

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(self.limits.input_prefix + text)["input_ids"])

    def generate(self, texts: list[str], beam: int, lengths: SummaryLengths) -> list[str]:
        s = self.limits
        batch = self.tokenizer([s.input_prefix + t for t in texts], padding=True, return_tensors="pt").to(self.device)
        beam_only = {"length_penalty": s.length_penalty} if beam > 1 else {}
        with self._torch.inference_mode():
            out = self.model.generate(
                **batch,
                num_beams=beam,
                min_length=lengths.min_tokens + 1,  # HF lengths include the decoder start token
                max_length=lengths.max_tokens + 1,
                no_repeat_ngram_size=s.no_repeat_ngram_size,
                **beam_only,
            )
        return [str(t).strip() for t in self.tokenizer.batch_decode(out, skip_special_tokens=True)]
