"""Pick and construct a translation backend by name. Constructing one loads nothing."""

from __future__ import annotations

from translator.backends import BACKENDS, TranslationBackend, default_backend_name, install_hint, missing_modules
from translator.errors import BackendUnavailable
from translator.models import DEFAULT_MODEL


def create_backend(
    name: str = "auto",
    model: str = DEFAULT_MODEL,
    *,
    device: str = "auto",
    offline: bool = False,
    threads: int | None = None,
) -> TranslationBackend:
    """``auto`` (ctranslate2 when it and sentencepiece are installed, else transformers), or a backend by name."""
    chosen = default_backend_name() if name == "auto" else name
    if chosen not in BACKENDS:
        raise BackendUnavailable(f"unknown backend {name!r}: choose auto, {', '.join(BACKENDS)}")
    if missing_modules(chosen):
        raise BackendUnavailable(f"the {chosen} backend is not installed: {install_hint(chosen)}")
    if chosen == "ctranslate2":
        from translator.backends.ct2 import CTranslate2Backend

        return CTranslate2Backend(model, device=device, offline=offline, threads=threads)
    from translator.backends.hf import TransformersBackend

    return TransformersBackend(model, device=device, offline=offline, threads=threads)
