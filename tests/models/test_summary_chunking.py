"""The summariser's pure parts: chunking a long text to the model's input limit, and what the model's files say."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.errors import Pl2enError
from translator.models import read_model_limits
from translator.summarize.abstract import (
    InputLimitTooSmall,
    chunk_text,
    split_english_sentences,
    split_paragraphs,
)


def squeeze(text: str) -> str:
    """Text with all whitespace removed: what chunking must preserve."""
    return "".join(text.split())


# -- chunk_text ------------------------------------------------------------------


def count_words(text: str) -> int:
    """A stand-in tokenizer: two special tokens plus one token per 4 characters of each word."""
    return 2 + sum(math.ceil(len(word) / 4) for word in text.split())


def test_chunk_text_packs_consecutive_pieces_greedily():
    pieces = ["one two.", "six ten.", "red sky.", "end."]
    # counts: 4, 4, 4 and 3 tokens; two pieces together 6 or 5, three 8
    assert chunk_text(pieces, count_words, 6) == ["one two. six ten.", "red sky. end."]
    assert chunk_text(pieces, count_words, 100) == [" ".join(pieces)]
    assert chunk_text(pieces, count_words, 4) == pieces


def test_chunk_text_splits_a_long_paragraph_into_sentences_then_words():
    paragraph = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota kappa lambda mu."
    chunks = chunk_text([paragraph], count_words, 8)  # sentences take 7, 8 and 11 tokens
    assert chunks == ["Alpha beta gamma.", "Delta epsilon zeta.", "Eta theta iota kappa", "lambda mu."]


def test_chunk_text_splits_a_giant_word_by_characters():
    word = "x" * 50
    chunks = chunk_text([word], count_words, 4)  # 2 specials + 2 tokens = 8 characters per chunk
    assert chunks == ["x" * 8] * 6 + ["x" * 2]


def test_chunk_text_rejects_a_limit_that_cannot_hold_one_character():
    with pytest.raises(InputLimitTooSmall, match="at most 2 tokens per input.*--summary-model") as caught:
        chunk_text(["word"], count_words, 2)
    assert isinstance(caught.value, Pl2enError) and "\n" not in str(caught.value)


def test_chunk_text_skips_empty_pieces():
    assert chunk_text(["", "  ", "a."], count_words, 10) == ["a."]
    assert chunk_text([], count_words, 10) == []


def test_split_paragraphs_and_sentences():
    text = 'First one. "Quoted end." Next?\n\n  Second paragraph!\n \nThird'
    assert split_paragraphs(text) == ['First one. "Quoted end." Next?', "Second paragraph!", "Third"]
    assert split_english_sentences(split_paragraphs(text)[0]) == ["First one.", '"Quoted end."', "Next?"]


WORDS = st.text(alphabet="abcdefghij.!? \n", min_size=0, max_size=60)


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(WORDS, max_size=8), limit=st.integers(min_value=3, max_value=20))
def test_chunk_text_property_fits_and_keeps_all_text(pieces, limit):
    chunks = chunk_text(pieces, count_words, limit)
    assert all(count_words(c) <= limit for c in chunks)
    assert all(c.strip() for c in chunks)
    assert squeeze("".join(chunks)) == squeeze("".join(pieces))


@settings(max_examples=40, deadline=None)
@given(text=st.text(alphabet="Kazakhstan Russia, Putin. Łódź!?\n'\"", max_size=300), limit=st.integers(8, 40))
def test_chunk_text_property_with_the_real_bpe_tokenizer(tiny_bart, text, limit):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tiny_bart / "tokenizer.json"))

    def count(t: str) -> int:
        return len(tokenizer.encode(t).ids)

    chunks = chunk_text(split_paragraphs(text), count, limit)
    assert all(count(c) <= limit for c in chunks)
    assert squeeze("".join(chunks)) == squeeze(text)


# -- model settings -----------------------------------------------------------------


def test_read_model_settings_like_distilbart(tmp_path):
    (tmp_path / "config.json").write_text(
        json.dumps({"model_type": "bart", "max_position_embeddings": 1024, "forced_bos_token_id": 0})
    )
    (tmp_path / "generation_config.json").write_text(
        json.dumps(
            {"num_beams": 4, "max_length": 142, "min_length": 56, "no_repeat_ngram_size": 3, "length_penalty": 2.0}
        )
    )
    (tmp_path / "tokenizer_config.json").write_text(json.dumps({"model_max_length": 1024}))
    s = read_model_limits(tmp_path, task="summarization")
    assert (s.model_type, s.max_input_tokens, s.default_beam, s.min_output_tokens, s.max_output_tokens) == (
        "bart",
        1024,
        4,
        55,
        141,
    )
    assert (s.no_repeat_ngram_size, s.length_penalty, s.forced_bos_token_id, s.input_prefix) == (3, 2.0, 0, "")


def test_read_model_settings_like_t5_uses_task_params_and_tokenizer_limit(tmp_path):
    task = {"summarization": {"prefix": "summarize: ", "num_beams": 4, "max_length": 200, "min_length": 30}}
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "t5", "task_specific_params": task}))
    (tmp_path / "tokenizer_config.json").write_text(json.dumps({"model_max_length": 512}))
    s = read_model_limits(tmp_path, task="summarization")
    assert (s.model_type, s.max_input_tokens, s.default_beam, s.min_output_tokens, s.max_output_tokens) == (
        "t5",
        512,
        4,
        29,
        199,
    )
    assert s.input_prefix == "summarize: " and s.forced_bos_token_id is None


def test_read_model_limits_ignores_values_of_the_wrong_type(tmp_path):
    """Hand-edited configs say odd things; they are read as undeclared, never a crash (a ValueError was exit 70)."""
    config = {"model_type": "bart", "max_position_embeddings": "1024", "forced_bos_token_id": "0", "num_beams": True}
    generation = {"num_beams": "four", "max_length": None, "min_length": "56", "length_penalty": None}
    (tmp_path / "config.json").write_text(json.dumps(config))
    (tmp_path / "generation_config.json").write_text(json.dumps(generation))
    (tmp_path / "tokenizer_config.json").write_text(json.dumps({"model_max_length": 1e30}))
    s = read_model_limits(tmp_path, task="summarization")
    assert (s.max_input_tokens, s.max_output_tokens, s.default_beam, s.min_output_tokens) == (512, 19, 1, 0)
    assert (s.length_penalty, s.forced_bos_token_id, s.input_prefix) == (1.0, None, "")
    translation = read_model_limits(tmp_path)
    assert (translation.max_input_tokens, translation.max_output_tokens, translation.default_beam) == (512, 511, 4)
