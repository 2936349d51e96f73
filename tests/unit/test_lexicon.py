"""The Polish lexicon: simplemma's answers, from a trie cached once, with quiet fallbacks."""

from __future__ import annotations

import importlib.util
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


def test_a_later_process_opens_the_cached_trie_without_building_it(fresh_lexicon):
    polish_lexicon()  # built (or found) in this session's cache, not in one an earlier test pointed at
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
    assert [p.name for p in trie.parent.iterdir()] == ["pl.dic"]
    assert [p.name for p in trie.parent.parent.iterdir()] == [trie.parent.name]  # no staging left behind


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


def test_a_damaged_trie_is_built_again_beside_it_not_in_place(monkeypatch, tmp_path, fresh_lexicon, capfd):
    assert polish_lexicon().kind == "trie"
    good = (lexicon.trie_dir() / "pl.dic").read_bytes()  # built (or found) in this session's cache
    polish_lexicon.cache_clear()
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "cache"))
    trie = lexicon.trie_dir() / "pl.dic"
    trie.parent.mkdir(parents=True)
    trie.write_bytes(good[: len(good) // 2])  # what a crash in the middle of a save leaves

    from simplemma.strategies.dictionaries import TrieDictionaryFactory

    written_in: list[str] = []
    real_write = TrieDictionaryFactory._write_trie_to_disk

    def recording_write(self, lang, built):
        written_in.append(str(self._cache_dir))
        return real_write(self, lang, built)

    monkeypatch.setattr(TrieDictionaryFactory, "_write_trie_to_disk", recording_write)
    lex = polish_lexicon()
    assert lex.kind == "trie"
    assert lex.lemmatize("domu") == simplemma.lemmatize("domu", lang="pl")
    assert lex.is_known("Prezydent") == simplemma.is_known("Prezydent", lang="pl")
    assert len(written_in) == 1 and written_in[0] != str(trie.parent)  # built in a private folder
    assert trie.read_bytes() == good  # the same trie as a build from scratch
    assert sorted(p.name for p in trie.parent.parent.iterdir()) == [trie.parent.name]  # no staging left
    assert capfd.readouterr().err == ""


def test_needs_build_tells_whether_the_first_use_builds_the_trie(monkeypatch, tmp_path):
    polish_lexicon()  # built (or found) in this session's cache
    assert not lexicon.needs_build()
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "fresh"))
    assert lexicon.needs_build()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)  # marisa-trie is not installed
    assert not lexicon.needs_build()  # then nothing is built
