"""The Polish lexicon: simplemma's answers, from a trie cached once, with quiet fallbacks."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import simplemma

from translator.summarize import lexicon
from translator.summarize.lexicon import polish_lexicon

EXTRA_WORDS = ["Prezydent", "prezydenta", "Doceniam", "Kraj", "Lassili", "Domańskiego", "Anny", "Nowak", "przestrzegł"]


@pytest.fixture
def fresh_lexicon():
    """Forget this process's lexicon before and after a test that changes how it is found."""
    polish_lexicon.cache_clear()
    yield
    polish_lexicon.cache_clear()


def test_the_trie_answers_as_simplemma_does(seed_text):
    lex = polish_lexicon()
    assert lex.kind == "trie"
    words = set(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", seed_text)) | set(EXTRA_WORDS)
    words |= {w.lower() for w in words}
    assert len(words) > 200
    for word in sorted(words):
        assert lex.lemmatize(word) == simplemma.lemmatize(word, lang="pl"), word
        assert lex.is_known(word) == simplemma.is_known(word, lang="pl"), word


def test_a_later_process_opens_the_cached_trie_without_building_it():
    polish_lexicon()  # built (or found) in this session's cache
    trie = lexicon.trie_dir() / "pl.dic"
    assert trie.is_file()
    before = trie.stat().st_mtime_ns
    code = (
        "from translator.summarize.lexicon import polish_lexicon\n"
        "lex = polish_lexicon(); print(lex.kind, lex.lemmatize('domu'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["trie", simplemma.lemmatize("domu", lang="pl")]
    assert out.stderr == ""
    assert trie.stat().st_mtime_ns == before  # opened, not rebuilt
    assert not [p for p in trie.parent.iterdir() if p.name.startswith(".build.")]  # no staging left behind


def test_without_marisa_trie_simplemma_default_is_used(monkeypatch, fresh_lexicon):
    monkeypatch.setitem(sys.modules, "marisa_trie", None)  # import fails
    lex = polish_lexicon()
    assert lex.kind == "dict"
    assert lex.lemmatize("domu") == simplemma.lemmatize("domu", lang="pl")
    assert lex.is_known("dom") and not lex.is_known("xqzw")


def test_an_unwritable_cache_falls_back_quietly(monkeypatch, tmp_path, fresh_lexicon, capfd):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(blocker / "cache"))  # mkdir fails below a file
    lex = polish_lexicon()
    assert lex.kind == "dict"
    assert lex.lemmatize("domu") == simplemma.lemmatize("domu", lang="pl")
    assert capfd.readouterr().err == ""
