"""The Polish evaluation harness measures what it says, on tiny hand-made data."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("eval_polish", ROOT / "benchmarks" / "eval_polish.py")
assert _spec is not None and _spec.loader is not None
E = importlib.util.module_from_spec(_spec)
sys.modules["eval_polish"] = E
_spec.loader.exec_module(E)


def test_mojibake_is_polish_utf8_read_with_a_wrong_codec():
    good = "Sprzeciwiają się zmianom, żółć i gęś."
    assert E.mojibake_hits(good) == 0
    for codec in ("cp1252", "cp1250", "mac_latin2"):
        bad = good.encode("utf-8").decode(codec, errors="replace")
        assert E.is_mojibake(bad), codec
    assert E.is_mojibake(good.encode("cp1250").decode("utf-8", errors="replace"))
    assert E.is_mojibake(good.encode("cp1250").decode("cp1252", errors="replace"))
    assert E.is_mojibake(good.encode("iso8859_2").decode("latin-1"))
    assert not E.is_mojibake("Café ¿Qué? 3³ = 27, ± 5%, œuvre")
    assert not E.is_mojibake("Jeden zły bajt \ufffd nie psuje strony.")


def test_claim_matches_gold_by_containment_either_way_with_a_length_floor():
    gold = "Sejm przyjął ustawę  w piątek."
    assert E.matches("Wieczorem Sejm przyjął ustawę w piątek. Opozycja protestowała.", gold)
    assert E.matches("Sejm przyjął ustawę w", gold)  # a fragment of 20+ characters
    assert not E.matches("?", "Czy Sejm przyjął ustawę?")
    assert not E.matches("Senat odrzucił ustawę.", gold)
    assert E.matching_gold("Sejm przyjął ustawę w piątek.", ["Sejm przyjął ustawę", gold]) == gold


@pytest.mark.parametrize(
    ("predicted", "gold", "co", "right"),
    [
        ("premier Mateusz Morawiecki", "Mateusz Morawiecki", (), True),
        ("MORAWIECKI", "Mateusz Morawiecki", (), True),
        ("Morawieckiego", "Mateusz Morawiecki", (), False),  # not nominative
        ("Bellingcat Gebrew", "Bellingcat", (), False),
        (None, "Borys Budka", (), False),
        (None, None, (), True),
        ("Budka", None, (), False),
        ("Andrej Babiš", "Jan Hamáček", ("Andrej Babiš",), True),
    ],
)
def test_speaker_compares_last_tokens(predicted, gold, co, right):
    assert E.speaker_right(predicted, gold, co) is right


def test_lower_case_initial_skips_quotes_and_dashes_not_digits():
    assert E.starts_lower("– mówi Kowalski.")
    assert E.starts_lower("„a potem wyszedł”.")
    assert not E.starts_lower("569 lat temu spłonął.")
    assert not E.starts_lower("„Ala ma kota”.")


def test_boundary_f1_of_a_known_case():
    text = "Ala ma kota. Kot ma Alę. Pies nie."
    gold = E.gold_boundaries(text, ["Ala ma kota.", "Kot ma Alę.", "Pies nie."])
    assert gold == {12, 24}
    score = E.BoundaryScore()
    score.add({12}, gold, exact=False)  # one boundary missed
    score.add({5, 12, 24}, gold, exact=False)  # one boundary too many
    score.add({12, 24}, gold, exact=True)
    assert (score.true_pos, score.predicted, score.gold) == (5, 6, 6)
    assert score.precision() == pytest.approx(5 / 6)
    assert score.recall() == pytest.approx(5 / 6)
    assert score.f1() == pytest.approx(5 / 6)
    assert score.summary()["exact"] == 1


def test_gold_not_in_text_is_an_error():
    with pytest.raises(ValueError):
        E.gold_boundaries("Ala ma kota.", ["Kot ma Alę."])


def test_the_script_runs_on_a_tiny_set(tmp_path, capsys):
    pages = tmp_path / "pages"
    pages.mkdir()
    body = (
        "<p>Sejm przyjął w piątek ustawę o ochronie lasów. Za głosowało 300 posłów.</p>"
        "<p>– To dobry dzień dla przyrody – powiedział minister Jan Kowalski.</p>"
        "<p>Ustawa trafi teraz do Senatu. Opozycja zapowiada poprawki. Senat zbierze się w maju.</p>"
    )
    html = f"<html><head><title>Ustawa o lasach</title></head><body><article>{body}</article></body></html>"
    (pages / "sejm.html").write_text(html, encoding="utf-8")
    index = {"sejm": {"must_contain": ["Za głosowało 300"], "must_not_contain": ["Reklama"]}}
    (pages / "index.json").write_text(json.dumps(index), encoding="utf-8")
    gold = {
        "page": "sejm",
        "kind": "news",
        "lead_facts": ["Sejm przyjął w piątek ustawę o ochronie lasów."],
        "key_claims": ["Sejm przyjął w piątek ustawę o ochronie lasów.", "Za głosowało 300 posłów."],
        "attributions": [{"sentence": "– To dobry dzień dla przyrody – powiedział", "speaker": "Jan Kowalski"}],
    }
    (pages / "claims-gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    tsv = tmp_path / "seg.tsv"
    tsv.write_text(
        "source_project\ttext\texpected\n"
        "x\tAla ma kota. Kot ma Alę.\tAla ma kota. ||| Kot ma Alę.\n"
        "x\tPowiedział tak. – a potem nic.\tPowiedział tak. ||| – a potem nic.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    assert E.main(["--pages", str(pages), "--segmentation", str(tsv), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "must-contain snippets found" in printed and "1/1 (100%)" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    totals = data["totals"]
    assert totals["pages_with_mojibake"] == 0
    assert totals["must_not_leaked"]["found"] == 0
    assert totals["lead3.lead_fact"]["found"] == 1
    assert totals["lead3.key"] == {"found": 2, "total": 3, "share": pytest.approx(2 / 3)}
    assert totals["claims.key"]["total"] >= 1
    assert data["segmentation"]["written"]["exact"] == 1
    assert data["segmentation"]["lower_case_initial"]["cases"] == 1
