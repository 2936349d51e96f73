"""The public Python API: ``from translator import Pipeline, Settings``.

The README's example is run as written, with only the model id pointed at the tiny random-weight
Marian; the rest uses the fake engine, handed to the pipeline the way an embedding program would.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from pathlib import Path

import pytest
from translation_doubles import FakeBackend, fake_english

import translator
from translator import Pipeline, Settings
from translator.backends import TranslationBackend
from translator.errors import NotPolishError

README = Path(__file__).resolve().parents[2] / "README.md"
README_MODEL = 'model="Helsinki-NLP/opus-mt-pl-en"'
ENGLISH = (
    "The Kazakh authorities have said that they will not help Russia get around the sanctions. "
    "The president said so on Friday, and the government repeated it."
)


def readme_python_example() -> str:
    section = README.read_text(encoding="utf-8").split("## Use from Python", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_runs_as_written_on_a_tiny_model(tiny_marian, capsys):
    example = readme_python_example()
    assert len(example.strip().splitlines()) <= 4 and example.count(README_MODEL) == 1
    exec(compile(example.replace(README_MODEL, f"model={str(tiny_marian)!r}"), "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert printed.strip() and "\n\n" not in printed.strip()  # one paragraph in, one paragraph of English out


def test_the_public_names_and_a_cheap_import():
    assert translator.Pipeline is Pipeline and translator.Settings is Settings
    assert {"Pipeline", "Settings", "Document", "Pl2enError"} <= set(translator.__all__)
    with pytest.raises(AttributeError):
        _ = translator.NoSuchThing  # type: ignore[attr-defined]
    assert (Path(translator.__file__).parent / "py.typed").is_file()


def test_translate_text_segments_translates_and_joins_paragraphs():
    engine = FakeBackend()
    assert isinstance(engine, TranslationBackend)
    text = "Kazachstan milczy. Rosja czeka.\n\nPrezydent Tokajew powiedział to w piątek."
    with Pipeline(Settings(use_cache=False), backend=engine) as pipeline:
        english = pipeline.translate_text(text)
    sent = [t for batch, _ in engine.batches for t in batch]
    assert sorted(sent) == sorted(["Kazachstan milczy.", "Rosja czeka.", "Prezydent Tokajew powiedział to w piątek."])
    first, second = english.split("\n\n")
    assert fake_english("Kazachstan milczy.") in first and fake_english("Rosja czeka.") in first
    assert second == fake_english("Prezydent Tokajew powiedział to w piątek.")


def test_blank_text_gives_blank_english_without_an_engine_call():
    engine = FakeBackend()
    with Pipeline(Settings(use_cache=False), backend=engine) as pipeline:
        assert pipeline.translate_text(" \n\n ") == ""
    assert engine.batches == []


def test_translate_file_reads_translates_and_summarises_when_asked(seed_path):
    with Pipeline(Settings(use_cache=False, summary_model=None), backend=FakeBackend()) as pipeline:
        plain = pipeline.translate_file(str(seed_path))
    assert plain.translated and plain.summary is None and plain.source.date == "2023-06"
    with Pipeline(Settings(use_cache=False, summary_model=None, summary=True), backend=FakeBackend()) as pipeline:
        summarised = pipeline.translate_file(str(seed_path))
    assert summarised.summary is not None and summarised.summary.claims
    assert summarised.summary.abstract is None  # no summary model asked for


class OneLineAbstract:
    def summarize(self, text: str) -> str:
        return text.split(".")[0] + "."


def test_a_summariser_can_be_handed_in_too(seed_path):
    settings = Settings(use_cache=False, summary=True)
    with Pipeline(settings, backend=FakeBackend(), summarizer=OneLineAbstract()) as pipeline:
        doc = pipeline.translate_file(str(seed_path))
    first_paragraph = next(b for b in doc.blocks if b.kind == "paragraph")
    assert doc.summary is not None and doc.summary.abstract == first_paragraph.target.split(".")[0] + "."


def test_the_context_manager_closes_the_translation_memory(tmp_path, monkeypatch):
    from translator.cache import TranslationMemory

    closed = []
    real_close = TranslationMemory.close
    monkeypatch.setattr(TranslationMemory, "close", lambda self: (closed.append(self), real_close(self)))
    with Pipeline(Settings(), backend=FakeBackend()) as pipeline:
        pipeline.translate_text("Kazachstan milczy.")
        memory = pipeline._memory
    assert memory is not None and closed == [memory]


def test_warnings_go_to_the_pl2en_logger(caplog):
    with (
        caplog.at_level(logging.WARNING, logger="pl2en"),
        Pipeline(Settings(use_cache=False), backend=FakeBackend()) as pipeline,
    ):
        pipeline.translate_text(ENGLISH)
    assert [(r.name, r.getMessage()) for r in caplog.records] == [
        ("pl2en", "text: input does not look Polish (looks English); translating anyway")
    ]


def test_a_warn_callable_still_takes_the_warnings(caplog):
    seen: list[str] = []
    with (
        caplog.at_level(logging.WARNING, logger="pl2en"),
        Pipeline(Settings(use_cache=False), backend=FakeBackend(), warn=seen.append) as pipeline,
    ):
        pipeline.translate_text(ENGLISH)
    assert seen == ["text: input does not look Polish (looks English); translating anyway"] and not caplog.records


def test_strict_refuses_with_the_reason_not_the_warning():
    with Pipeline(Settings(use_cache=False, strict=True), backend=FakeBackend()) as pipeline:
        with pytest.raises(NotPolishError) as err:
            pipeline.translate_text(ENGLISH)
    assert str(err.value) == "text: input does not look Polish (looks English) (--strict)"


def test_a_library_user_can_silence_the_warnings():
    stderr = io.StringIO()
    logger = logging.getLogger("pl2en")
    logger.setLevel(logging.ERROR)
    try:
        with contextlib.redirect_stderr(stderr), Pipeline(Settings(use_cache=False), backend=FakeBackend()) as p:
            p.translate_text(ENGLISH)
    finally:
        logger.setLevel(logging.NOTSET)
    assert stderr.getvalue() == ""
