"""`pl2en summarize` and `translate --summary`: an abstract and 3–7 claims linked to their sentences."""

from __future__ import annotations

import json


def test_summarize_seed_json_gives_abstract_and_linked_claims(run, tiny_marian, tiny_bart, seed_path):
    result = run(
        "summarize", seed_path, "--model", tiny_marian, "--summary-model", tiny_bart, "--format", "json", "--beam", "1"
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    summary = doc["summary"]
    assert summary["abstract"] and summary["abstract"].strip()
    assert summary["model"] == str(tiny_bart)
    claims = summary["claims"]
    assert 3 <= len(claims) <= 7
    for claim in claims:
        block = doc["blocks"][claim["block"]]
        assert block["kind"] == "paragraph"
        sentence = block["sentences"][claim["sentence"]]
        assert sentence["source"] == claim["source"]
        assert sentence["target"] == claim["target"]
    speakers = {c["speaker"] for c in claims if c["speaker"]}
    assert {"Tuomas Forsberg", "Kreml"} <= speakers
    assert speakers <= {"Tuomas Forsberg", "Jussi Lassila", "Lassila", "Kasym-Żomart Tokajew", "Tokajew", "Kreml"}
    kremlin = next(c for c in claims if c["speaker"] == "Kreml")
    assert "przestrzegł" in kremlin["source"]


def test_claims_without_a_summary_model_in_text_output(run, tiny_marian, seed_path):
    result = run("summarize", seed_path, "--model", tiny_marian, "--summary-model", "none", "--beam", "1")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "KEY CLAIMS" in out and "SUMMARY" not in out
    assert "1. [¶" in out and "PL: " in out
    assert "Tuomas Forsberg" in out and "Kreml" in out


def test_translate_with_summary_adds_it_to_every_format(run, tiny_marian, seed_path):
    base = ("translate", seed_path, "--model", tiny_marian, "--summary", "--summary-model", "none", "--beam", "1")
    as_json = json.loads(run(*base, "-f", "json").stdout)
    assert as_json["summary"]["abstract"] is None and len(as_json["summary"]["claims"]) >= 3
    assert "## Key claims" in run(*base, "-f", "markdown").stdout
    assert "KEY CLAIMS" in run(*base, "-f", "text").stdout
    plain = json.loads(run("translate", seed_path, "--model", tiny_marian, "--beam", "1", "-f", "json").stdout)
    assert plain["summary"] is None
