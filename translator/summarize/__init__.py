"""Summaries of a Document: key claims (Polish side, no model) and an English abstract."""

from translator.summarize.claims import extract_claims

__all__ = ["extract_claims"]
