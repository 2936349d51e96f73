"""pl2en's own offline evaluation on real Polish pages and UD Polish sentences (issue 11).

    python benchmarks/eval_polish.py --pages ../shared/eval/pages \\
        --segmentation ../shared/eval/segmentation-ud-pdb.tsv [--json out.json]

No model runs: each page goes through ``Pipeline(Settings(summary_model=None, offline=True)).load``
(decoding, extraction, parsing; no translation) and ``extract_claims``.  What is measured, and how:

* **mojibake**: a page is mis-decoded when its extracted text holds at least
  :data:`MOJIBAKE_MIN_HITS` two-character sequences that Polish letters become when their UTF-8
  bytes are read as cp1252, latin-1, cp1250, ISO-8859-2 or mac_latin2 (``Ä…``, ``Ĺ›``, ``Ã³``,
  ``ńÖ``, ``ĹĽ`` …; the table is generated, not typed), or as many U+FFFD replacement characters
  (Polish 8-bit bytes read as UTF-8), or as many signs that Polish 8-bit letters become when
  read as cp1252 or latin-1 (``wy³¹czy³``, ``¿e``) touching a letter.  A stray bad byte or two
  does not make a page mojibake.
* **snippets** (``index.json``): a ``must_contain`` snippet is found, a ``must_not_contain``
  snippet leaked, when it is a substring of the extracted text (all blocks, headings included,
  joined by newlines) after whitespace normalisation, the way trafilatura's evaluation does.
* **claims** (``claims-gold.jsonl``): a claim *matches* a gold sentence when, whitespace
  normalised, the gold sentence is contained in the claim, or the claim is contained in the gold
  sentence and is at least :data:`MIN_FRAGMENT` characters long (gold was copied from an older
  extraction, so a gold sentence may be one half of a sentence pl2en now keeps whole, and vice versa;
  the length floor keeps a stray ``?`` from matching everything).
  - *lead fact among the claims*: on ``news`` and ``opinion`` pages, any claim matches a ``lead_facts``
    sentence; *key share*: claims matching a ``key_claims`` sentence / all claims, over every page;
  - *speaker right*: over the claims that match an ``attributions`` sentence (the longest match
    when several do), the speaker is right when the last token of the gold speaker (nominative)
    equals the last token of pl2en's speaker, case-insensitively and ignoring punctuation
    (``premier Mateusz Morawiecki`` ~ ``Mateusz Morawiecki``); a ``co_speakers`` name counts too.
    A null gold speaker is right only if pl2en names none; no speaker for a named one is wrong.
* **lead baseline**: the first 3 and first 5 sentences of the article's paragraphs (headings
  skipped), scored with the same lead-fact and key-share measures (they name no speakers).
* **segmentation** (TSV ``text`` / ``expected`` joined by `` ||| ``): a case is *exact* when
  ``split_sentences`` gives exactly the gold sentences; boundaries are the end offsets of every
  sentence but the last, located in ``text``; precision/recall/F1 are micro-averaged over cases.
  Cases whose gold has a sentence starting with a lower-case letter (after opening quotes,
  brackets and dashes; a digit is not lower-case) come from spoken transcripts and legal
  enumerations, and are reported apart from the rest.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MIN_FRAGMENT = 20
MOJIBAKE_MIN_HITS = 3
LEAD_SIZES = (3, 5)
CLAIM_KINDS = ("news", "opinion")  # pages where the lead fact is expected among the claims
_POLISH_LETTERS = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
_LEADING_PUNCTUATION = " \t\n\"'„“”‚‘’«»([{–—-"
_WRONG_CODECS = ("cp1252", "latin-1", "cp1250", "iso8859_2", "mac_latin2")


# Each Polish letter's UTF-8 bytes read with each wrong codec ("Ä…", "Ĺ›", "ńÖ"), where they decode.
MOJIBAKE_SEQUENCES = frozenset(
    seq
    for letter in _POLISH_LETTERS
    for codec in _WRONG_CODECS
    if len(seq := letter.encode("utf-8").decode(codec, errors="ignore")) == 2
)
# Polish 8-bit text (cp1250, ISO-8859-2) read as cp1252 or latin-1: "wy³¹czy³", "¿e", "±".
# In Polish text those signs never follow a letter, nor open a lower-case word.
_EIGHT_BIT_AS_LATIN = re.compile(r"(?<=[^\W\d_])[¹³¿œŸ±¶¼]|[¹³¿±¶¼](?=[a-ząćęłńóśźż])")


# -- metric functions (pure, unit-tested) -------------------------------------------------


def normalise(text: str) -> str:
    """Whitespace runs become one space; ends stripped."""
    return " ".join(text.split())


def mojibake_hits(text: str) -> int:
    """How many mis-decoded Polish letters (and U+FFFD characters) ``text`` holds."""
    pairs = sum(text.count(seq) for seq in MOJIBAKE_SEQUENCES)
    return max(pairs, len(_EIGHT_BIT_AS_LATIN.findall(text)), text.count("\ufffd"))


def is_mojibake(text: str) -> bool:
    return mojibake_hits(text) >= MOJIBAKE_MIN_HITS


def matches(claim: str, gold: str) -> bool:
    """Whether a claim and a gold sentence are the same sentence (see the module docstring)."""
    c, g = normalise(claim), normalise(gold)
    if not c or not g:
        return False
    return g in c or (len(c) >= MIN_FRAGMENT and c in g)


def matching_gold(claim: str, golds: Iterable[str]) -> str | None:
    """The longest gold sentence ``claim`` matches, or None."""
    best = [g for g in golds if matches(claim, g)]
    return max(best, key=len) if best else None


def surname(name: str | None) -> str | None:
    """The last token of a name, lower-case, punctuation stripped (None for no name)."""
    if not name:
        return None
    tokens = [t.strip(".,;:!?()\"'„”«»").lower() for t in name.split()]
    tokens = [t for t in tokens if t]
    return tokens[-1] if tokens else None


def speaker_right(predicted: str | None, gold: str | None, co_speakers: Sequence[str] = ()) -> bool:
    if gold is None:
        return predicted is None
    return surname(predicted) is not None and surname(predicted) in {surname(n) for n in (gold, *co_speakers)}


def starts_lower(sentence: str) -> bool:
    """Whether ``sentence`` starts with a lower-case letter, after opening quotes, brackets and dashes.

    ``„a potem…`` and ``– mówi…`` do; ``569 lat temu…`` (a digit) and ``Ala…`` do not.
    """
    return sentence.lstrip(_LEADING_PUNCTUATION)[:1].islower()


def gold_boundaries(text: str, sentences: Sequence[str]) -> set[int]:
    """End offsets in ``text`` of every gold sentence but the last, located left to right."""
    ends: list[int] = []
    cursor = 0
    for sentence in sentences:
        at = text.find(sentence, cursor)
        if at < 0:
            raise ValueError(f"gold sentence not found in its text: {sentence[:60]!r}")
        cursor = at + len(sentence)
        ends.append(cursor)
    return set(ends[:-1])


def predicted_boundaries(spans: Sequence[tuple[int, int]]) -> set[int]:
    return {end for _, end in spans[:-1]}


@dataclass
class Counts:
    """A found/total tally that prints as ``found/total``."""

    found: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.found += int(hit)
        self.total += 1

    def share(self) -> float | None:
        return self.found / self.total if self.total else None

    def __str__(self) -> str:
        share = self.share()
        return f"{self.found}/{self.total}" + (f" ({share:.0%})" if share is not None else "")


@dataclass
class BoundaryScore:
    cases: int = 0
    exact: int = 0
    true_pos: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: set[int], gold: set[int], exact: bool) -> None:
        self.cases += 1
        self.exact += int(exact)
        self.true_pos += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def precision(self) -> float:
        return self.true_pos / self.predicted if self.predicted else 1.0

    def recall(self) -> float:
        return self.true_pos / self.gold if self.gold else 1.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, float | int]:
        return {
            "cases": self.cases,
            "exact": self.exact,
            "exact_share": self.exact / self.cases if self.cases else 0.0,
            "precision": self.precision(),
            "recall": self.recall(),
            "f1": self.f1(),
        }


# -- segmentation --------------------------------------------------------------------------


def evaluate_segmentation(tsv: Path, *, show_errors: int = 0) -> dict[str, dict[str, float | int]]:
    from translator.segment import split_sentences

    groups = {"written": BoundaryScore(), "lower_case_initial": BoundaryScore()}
    shown = 0
    lines = tsv.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    text_at, expected_at = header.index("text"), header.index("expected")
    for line in lines[1:]:
        if not line.strip():
            continue
        cols = line.split("\t")
        text, gold = cols[text_at], [s.strip() for s in cols[expected_at].split(" ||| ")]
        spans = split_sentences(text)
        got = [text[a:b] for a, b in spans]
        exact = got == gold
        group = "lower_case_initial" if any(starts_lower(s) for s in gold) else "written"
        groups[group].add(predicted_boundaries(spans), gold_boundaries(text, gold), exact)
        if not exact and shown < show_errors:
            shown += 1
            print(f"  [{group}] gold: {' | '.join(gold)}\n            got:  {' | '.join(got)}")
    return {name: score.summary() for name, score in groups.items()}


# -- pages ---------------------------------------------------------------------------------


@dataclass
class PageResult:
    """One page's tallies, by measure name (see :data:`MEASURES`); a measure that does not
    apply to the page (the lead fact on a recipe) is absent."""

    page: str
    kind: str
    mojibake_hits: int = 0
    counts: dict[str, Counts] = field(default_factory=dict)
    error: str | None = None

    def tally(self, measure: str) -> Counts:
        return self.counts.setdefault(measure, Counts())


# measure name -> label, in report order; lead fact and key share come for claims and baselines
MEASURES = {
    "must_contain": "must-contain snippets found",
    "must_not_leaked": "must-not snippets leaked",
    "lead_fact": "lead fact among the claims",
    "key": "claims that are gold key sentences",
    "speaker_right": "speaker right on quoting claims",
}
SOURCES = ("claims", *(f"lead{n}" for n in LEAD_SIZES))


def _extract_claims() -> Callable[[Any], Sequence[Any]]:
    try:
        from translator.summarize import extract_claims
    except ImportError:  # before the claims package split
        from translator.summarize.claims import extract_claims
    return extract_claims


def add_claim_measures(result: PageResult, source: str, sentences: Sequence[str], gold: dict[str, Any]) -> None:
    """Key share and lead fact of one list of claim sentences against the page's gold."""
    key = result.tally(f"{source}.key")
    for sentence in sentences:
        key.add(matching_gold(sentence, gold.get("key_claims", ())) is not None)
    if result.kind in CLAIM_KINDS:
        lead = any(matching_gold(s, gold.get("lead_facts", ())) is not None for s in sentences)
        result.tally(f"{source}.lead_fact").add(lead)


def evaluate_page(path: Path, snippets: dict[str, Any], gold: dict[str, Any]) -> PageResult:
    from translator.pipeline import Pipeline, Settings

    result = PageResult(page=path.stem, kind=gold.get("kind", "?"))
    try:
        doc = Pipeline(Settings(summary_model=None, offline=True), warn=lambda _m: None).load(str(path))
    except Exception as exc:  # an evaluation reports a page that fails, it does not stop
        result.error = f"{type(exc).__name__}: {exc}"
        return result
    text = normalise("\n".join(b.source for b in doc.blocks))
    result.mojibake_hits = mojibake_hits(text)
    for snippet in snippets.get("must_contain", ()):
        result.tally("must_contain").add(normalise(snippet) in text)
    for snippet in snippets.get("must_not_contain", ()):
        result.tally("must_not_leaked").add(normalise(snippet) in text)
    claims = _extract_claims()(doc)
    add_claim_measures(result, "claims", [c.source for c in claims], gold)
    attributions = {a["sentence"]: a for a in gold.get("attributions", ())}
    speaker = result.tally("claims.speaker_right")
    for claim in claims:
        hit = matching_gold(claim.source, attributions)
        if hit is not None:
            a = attributions[hit]
            speaker.add(speaker_right(claim.speaker, a["speaker"], a.get("co_speakers") or ()))
    paragraph_sentences = [s.source for b in doc.blocks if b.kind == "paragraph" for s in b.sentences]
    for size in LEAD_SIZES:
        add_claim_measures(result, f"lead{size}", paragraph_sentences[:size], gold)
    return result


def evaluate_pages(folder: Path) -> list[PageResult]:
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    gold_lines = (folder / "claims-gold.jsonl").read_text(encoding="utf-8").splitlines()
    golds = {g["page"]: g for g in (json.loads(line) for line in gold_lines if line.strip())}
    return [
        evaluate_page(folder / f"{page}.html", index.get(page, {}), golds.get(page, {"page": page}))
        for page in sorted(set(index) | set(golds))
    ]


def page_totals(results: Sequence[PageResult]) -> dict[str, Counts]:
    totals: dict[str, Counts] = {}
    for r in results:
        for name, c in r.counts.items():
            t = totals.setdefault(name, Counts())
            t.found += c.found
            t.total += c.total
    return totals


# -- reporting -----------------------------------------------------------------------------


def _cell(counts: dict[str, Counts], name: str) -> str:
    return f"{counts[name].found}/{counts[name].total}" if name in counts and counts[name].total else "-"


def print_report(results: Sequence[PageResult], seg: dict[str, dict[str, float | int]] | None) -> None:
    if results:
        pairs = [f"{s}.{m}" for s in SOURCES for m in ("lead_fact", "key")]
        columns = ["must_contain", "must_not_leaked", *pairs, "claims.speaker_right"]
        heads = ["contain", "leaked", *(f"{s[:6]} {m[:4]}" for s in SOURCES for m in ("lead", "key")), "speaker"]
        print(f"{'page':21} {'kind':12} {'moj':>3} " + " ".join(f"{h:>10}" for h in heads))
        for r in results:
            cells = f"FAILED: {r.error}" if r.error else " ".join(f"{_cell(r.counts, c):>10}" for c in columns)
            print(f"{r.page:21} {r.kind:12} {r.mojibake_hits:>3} {cells}")
        totals = page_totals(results)
        mojibake = sum(1 for r in results if r.mojibake_hits >= MOJIBAKE_MIN_HITS)
        failed = sum(1 for r in results if r.error)
        print(f"\n{'pages with mojibake':36} {mojibake} of {len(results)} (failed to load: {failed})")
        for name in ("must_contain", "must_not_leaked"):
            print(f"{MEASURES[name]:36} {totals.get(name, Counts())}")
        print(f"{'':36} " + " ".join(f"{s:>16}" for s in SOURCES))
        for measure in ("lead_fact", "key", "speaker_right"):
            row = [str(totals[f"{s}.{measure}"]) if f"{s}.{measure}" in totals else "-" for s in SOURCES]
            print(f"{MEASURES[measure]:36} " + " ".join(f"{cell:>16}" for cell in row))
    for name, s in (seg or {}).items():
        print(
            f"segmentation, {name:19}: exact {s['exact']}/{s['cases']} ({s['exact_share']:.2%}), "
            f"boundary P {s['precision']:.4f} R {s['recall']:.4f} F1 {s['f1']:.4f}"
        )


def to_json(results: Sequence[PageResult], seg: dict[str, dict[str, float | int]] | None) -> dict[str, Any]:
    def plain(counts: dict[str, Counts]) -> dict[str, dict[str, Any]]:
        return {k: {"found": c.found, "total": c.total, "share": c.share()} for k, c in counts.items()}

    pages = [
        {"page": r.page, "kind": r.kind, "mojibake_hits": r.mojibake_hits, "error": r.error, **plain(r.counts)}
        for r in results
    ]
    totals: dict[str, Any] = plain(page_totals(results))
    totals["pages"] = len(results)
    totals["pages_failed"] = sum(1 for r in results if r.error)
    totals["pages_with_mojibake"] = sum(1 for r in results if r.mojibake_hits >= MOJIBAKE_MIN_HITS)
    return {"pages": pages, "totals": totals, "segmentation": seg}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, help="folder with *.html, index.json and claims-gold.jsonl")
    parser.add_argument("--segmentation", type=Path, help="TSV with text and expected (' ||| '-joined) columns")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N", help="print the first N wrong splits")
    args = parser.parse_args(argv)
    if not args.pages and not args.segmentation:
        parser.error("give --pages, --segmentation or both")
    for path in (args.pages, args.segmentation):
        if path and not path.exists():
            parser.error(f"{path} not found (paths are relative to the current folder)")
    logging.getLogger("pl2en").setLevel(logging.ERROR)
    results = evaluate_pages(args.pages) if args.pages else []
    seg = evaluate_segmentation(args.segmentation, show_errors=args.show_errors) if args.segmentation else None
    print_report(results, seg)
    if args.json:
        args.json.write_text(json.dumps(to_json(results, seg), ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
