"""pl2en: read Polish news in English.

The headless core. Importing it is cheap: no torch, transformers, ctranslate2,
typer, rich or textual is imported here; engines load when a model is first used.
"""

from translator.document import Block, Claim, Document, Sentence, SourceInfo, Summary, TranslationInfo
from translator.errors import Pl2enError

__version__ = "0.1.0"

__all__ = [
    "Block",
    "Claim",
    "Document",
    "Pl2enError",
    "Sentence",
    "SourceInfo",
    "Summary",
    "TranslationInfo",
    "__version__",
]
