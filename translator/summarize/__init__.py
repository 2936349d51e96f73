"""Summaries of a Document: key claims (Polish side, no model) and an English abstract.

Key claims: :mod:`.ranking` chooses the sentences, :mod:`.attribution` says who makes
them, :mod:`.speakers` finds and declines the names.
"""

from translator.summarize.ranking import extract_claims

__all__ = ["extract_claims"]
