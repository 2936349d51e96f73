"""Polish lemmas and known words, from simplemma's dictionary, opened cheaply.

simplemma's default loads its whole Polish dictionary (3.7 million word forms) into a
Python dict on first use: about 2.7 s in every process that extracts claims. With
``marisa-trie`` installed, the same dictionary is built once into a trie file in pl2en's
cache (``lexicon/simplemma-<version>/pl.dic``, about 20 MB), which later processes
memory-map in well under a millisecond. The answers are simplemma's own: the trie holds the same
entries and simplemma's own strategies run over it.

The trie is built in a private folder and renamed into place (``translator.build_once``),
so concurrent processes never read half a file; a damaged trie file is built again the same way.
Without marisa-trie, or where the cache cannot be written, simplemma's default is used.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from translator import paths
from translator.build_once import build_once

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


def needs_build() -> bool:
    """Whether the first use will build the trie (about 7 s once); cheap to ask."""
    import importlib.util

    if importlib.util.find_spec("marisa_trie") is None:
        return False
    return not (trie_dir() / _TRIE_FILE).is_file()


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


def _trie_factory() -> _OneTrie | None:
    """A simplemma dictionary factory over the cached trie; None if it cannot be had.

    The trie is built first where it is missing or damaged.
    """
    try:
        import marisa_trie  # noqa: F401  (the trie needs it; checked here to fall back quietly)
        from simplemma.strategies.dictionaries import TrieDictionaryFactory  # noqa: F401  (builds the trie)
        from simplemma.strategies.dictionaries.trie_dictionary_factory import (
            TrieWrapDict,
        )
    except ImportError:
        return None
    directory = trie_dir()
    trie = _mapped(directory / _TRIE_FILE)
    if trie is None:
        try:
            (directory / _TRIE_FILE).unlink(missing_ok=True)  # damaged: built again beside it, never in place
            build_once(directory, _build_trie, done_marker=_TRIE_FILE)
        except OSError:
            return None  # an unwritable cache: building in memory each time would cost more than the default
        trie = _mapped(directory / _TRIE_FILE)
        if trie is None:
            return None
    return _OneTrie(TrieWrapDict(trie))


class _OneTrie:
    """simplemma's DictionaryFactory protocol over the one trie this process mapped."""

    def __init__(self, mapping: Any) -> None:
        self._mapping = mapping

    def get_dictionary(self, lang: str) -> Any:
        if lang != LANG:
            raise ValueError(f"Unsupported language: {lang}")
        return self._mapping


def _mapped(path: Path) -> Any:
    """The trie at ``path``, memory-mapped (well under a millisecond; the pages are shared between
    processes), or None when it is missing, truncated or not a trie."""
    import marisa_trie

    if not path.is_file():
        return None
    trie = marisa_trie.BytesTrie()
    try:
        trie.mmap(str(path))
    except RuntimeError:  # marisa's MARISA_IO_ERROR or MARISA_FORMAT_ERROR
        return None
    return trie


def _build_trie(staging: Path) -> None:
    """simplemma builds the trie and saves it in ``staging`` (about 7 s).

    ``build_once`` renames the folder into place.
    """
    from simplemma.strategies.dictionaries import TrieDictionaryFactory

    with _quiet_simplemma():
        TrieDictionaryFactory(disk_cache_dir=str(staging)).get_dictionary(LANG)
    if not (staging / _TRIE_FILE).is_file():  # simplemma only logs a failed save
        raise OSError(f"simplemma could not save its trie in {staging}")


@contextmanager
def _quiet_simplemma() -> Iterator[None]:
    """Silence simplemma's cache warnings (they would reach stderr); failures are checked by the caller."""
    from simplemma.strategies.dictionaries import TrieDictionaryFactory

    logger = logging.getLogger(TrieDictionaryFactory.__module__)  # where its warnings are logged
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
