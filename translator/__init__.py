"""pl2en: read Polish news in English.

The headless core. Importing it is cheap: no torch, transformers, ctranslate2,
typer, rich or textual is imported here; engines load when a model is first used.

    from translator import Pipeline, Settings

    with Pipeline(Settings()) as pipeline:
        print(pipeline.translate_text("Dzień dobry. Jak się masz?"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from translator.document import Block, Claim, Document, Sentence, SourceInfo, Summary, TranslationInfo
from translator.errors import Pl2enError
from translator.version import __version__

if TYPE_CHECKING:
    from translator.pipeline import Pipeline, Settings

__all__ = [
    "Block",
    "Claim",
    "Document",
    "Pipeline",
    "Pl2enError",
    "Sentence",
    "Settings",
    "SourceInfo",
    "Summary",
    "TranslationInfo",
    "__version__",
]

_LAZY = {"Pipeline", "Settings"}  # translator.pipeline reads the model defaults: imported on first use


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from translator import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'translator' has no attribute {name!r}")
