"""How a Ray batch is cut into blocks: few enough that Ray Data's cost per block stays small beside
the work, enough that every actor has several, and never an empty one."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from translator.batch.ray_data import BLOCKS_PER_ACTOR, DOCS_PER_BLOCK, block_count, largest_first
from translator.batch.work import Task


@given(documents=st.integers(1, 200_000), actors=st.integers(1, 64))
def test_blocks_are_never_empty_and_every_actor_gets_several(documents, actors):
    blocks = block_count(documents, actors)
    assert 1 <= blocks <= documents
    assert blocks >= min(documents, actors * BLOCKS_PER_ACTOR)


@given(documents=st.integers(1, 200_000), actors=st.integers(1, 64))
def test_a_block_holds_about_docs_per_block_once_there_are_enough(documents, actors):
    blocks = block_count(documents, actors)
    if documents >= actors * BLOCKS_PER_ACTOR * DOCS_PER_BLOCK:
        assert math.ceil(documents / blocks) <= DOCS_PER_BLOCK
    else:  # a small archive: each actor still gets BLOCKS_PER_ACTOR blocks (or each document its own)
        assert blocks == min(documents, actors * BLOCKS_PER_ACTOR)


def test_two_hundred_documents_on_two_actors_are_twenty_blocks_of_ten():
    assert block_count(200, 2) == 20
    assert block_count(30, 2) == 8
    assert block_count(1, 8) == 1


def test_the_largest_inputs_go_first_and_urls_before_all(tmp_path):
    sizes = {"small": 10, "large": 1000, "medium": 100}
    for name, size in sizes.items():
        (tmp_path / name).write_text("a" * size, encoding="utf-8")
    tasks = [Task(str(tmp_path / name)) for name in sizes] + [Task("https://example.org/a")]
    order = [t.spec.rsplit("/", 1)[-1] for t in largest_first(tasks)]
    assert order == ["a", "large", "medium", "small"]
