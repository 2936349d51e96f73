"""Pick and construct a translation backend by name. Constructing one loads nothing."""

from __future__ import annotations

import importlib.util

from translator.backends import BACKENDS, TranslationBackend, default_backend_name
from translator.errors import BackendUnavailable
from translator.models import DEFAULT_MODEL

INSTALL_HINTS = {
    "ctranslate2": "pip install ctranslate2 sentencepiece",
    "transformers": "pip install transformers torch",
}
_REQUIRED_MODULES = {
    "ctranslate2": ("ctranslate2", "sentencepiece"),
    "transformers": ("transformers", "torch"),
}


def create_backend(
    name: str = "auto",
    model: str = DEFAULT_MODEL,
    *,
    device: str = "auto",
    offline: bool = False,
    threads: int | None = None,
) -> TranslationBackend:
    """``auto`` (ctranslate2 when installed, else transformers), ``ctranslate2`` or ``transformers``."""
    chosen = default_backend_name() if name == "auto" else name
    if chosen not in BACKENDS:
        raise BackendUnavailable(f"unknown backend {name!r}: choose auto, {', '.join(BACKENDS)}")
    missing = [module for module in _REQUIRED_MODULES[chosen] if importlib.util.find_spec(module) is None]
    if missing:
        raise BackendUnavailable(f"the {chosen} backend is not installed: {INSTALL_HINTS[chosen]}")
    if chosen == "ctranslate2":
        from translator.backends.ct2 import CTranslate2Backend

        return CTranslate2Backend(model, device=device, offline=offline, threads=threads)
    from translator.backends.hf import TransformersBackend

    return TransformersBackend(model, device=device, offline=offline, threads=threads)
