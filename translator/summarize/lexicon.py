"""Polish lemmas and known words, from simplemma's dictionary, opened cheaply.

simplemma's default loads its whole Polish dictionary (3.7 million word forms) into a
Python dict on first use: about 2.7 s in every process that extracts claims. With
``marisa-trie`` installed, the same dictionary is built once into a trie file in pl2en's
cache (``lexicon/simplemma-<version>/pl.dic``, about 20 MB), which later processes
memory-map in about 0.1 s. The answers are simplemma's own: the trie holds the same
entries and simplemma's own strategies run over it.

Without marisa-trie, or where the cache cannot be written, simplemma's default is used.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from translator import paths

LANG = "pl"
_TRIE_FILE = f"{LANG}.dic"


@dataclass(frozen=True)
class Lexicon:
    """``lemmatize(word)`` and ``is_known(word)`` for Polish; ``kind`` says what backs them."""

    lemmatize: Callable[[str], str]
    is_known: Callable[[str], bool]
    kind: str  # "trie" (pl2en's cached trie) or "dict" (simplemma's default)


def trie_dir() -> Path:
    """Where the trie of this simplemma version lives."""
    import simplemma

    return paths.cache_dir() / "lexicon" / f"simplemma-{simplemma.__version__}"


@lru_cache(maxsize=1)
def polish_lexicon() -> Lexicon:
    """The lexicon for this process: the cached trie when it can be had, else simplemma's default."""
    factory = _trie_factory()
    if factory is None:
        return _default_lexicon()
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
    from simplemma.utils import normalize_token

    lemmatizer = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))
    lookup = DictionaryLookupStrategy(factory)
    return Lexicon(
        lemmatize=lambda word: lemmatizer.lemmatize(word, lang=LANG),
        is_known=lambda word: lookup.get_lemma(normalize_token(word), LANG) is not None,  # as simplemma.is_known
        kind="trie",
    )


def _default_lexicon() -> Lexicon:
    import simplemma

    return Lexicon(
        lemmatize=lambda word: simplemma.lemmatize(word, lang=LANG),
        is_known=lambda word: simplemma.is_known(word, lang=LANG),
        kind="dict",
    )


def _trie_factory():
    """A simplemma dictionary factory over the cached trie, building it first if needed; None if it cannot be had."""
    try:
        import marisa_trie  # noqa: F401  (the factory needs it; checked here to fall back quietly)
        from simplemma.strategies.dictionaries import TrieDictionaryFactory
    except ImportError:
        return None
    directory = trie_dir()
    if (directory / _TRIE_FILE).is_file():
        factory = TrieDictionaryFactory(disk_cache_dir=str(directory))
        try:
            with _quiet_simplemma():
                factory.get_dictionary(LANG)  # simplemma rebuilds a damaged file itself
            return factory
        except (OSError, ValueError):
            return None
    return _build_trie(directory, TrieDictionaryFactory)


def _build_trie(directory: Path, factory_type):
    """Build the trie in a private folder and move it into place, so no reader ever sees half a file."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".build.", dir=directory))
    except OSError:
        return None  # an unwritable cache: building in memory each time would cost more than the default
    try:
        factory = factory_type(disk_cache_dir=str(staging))
        with _quiet_simplemma():
            factory.get_dictionary(LANG)
        built = staging / _TRIE_FILE
        if not built.is_file():
            return None
        os.replace(built, directory / _TRIE_FILE)
        return factory  # holds the trie already in memory
    except OSError:
        return None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _quiet_simplemma() -> Iterator[None]:
    """Silence simplemma's cache warnings (they would reach stderr); failures are checked by the caller."""
    logger = logging.getLogger("simplemma.strategies.dictionaries.trie_dictionary_factory")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
