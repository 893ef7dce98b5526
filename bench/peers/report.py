"""Scores every runner's findings with one scorer and prints the markdown tables.

    python3 report.py results/ours.json results/python.json results/node.json

A hit: an expected finding and a finding of the tool whose type maps to that kind, with
overlapping spans, matched one to one (as crates/phi-lint/tests/support/corpus.rs scores ours).
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

HEALTH = ["TREATMENT", "CONDITION", "MEDICATION", "BODY_AREA", "SYMPTOM"]
IDENTIFIERS = sorted(corpus.KINDS - set(HEALTH))
COLUMNS = ["NAME", "DATE_DOB", "DATE_OTHER", "PHONE", "EMAIL", "SSN", "MRN", "ADDRESS", "ZIP",
           "ACCOUNT", "INSURANCE_ID"]


def score(cases, predictions):
    """Per kind [hits, expected], plus findings that overlap no expected finding at all."""
    per_kind, extra = {}, 0
    for case in cases:
        found = predictions.get(case["id"], [])
        used = [False] * len(found)
        for e in case["findings"]:
            counts = per_kind.setdefault(e["kind"], [0, 0])
            counts[1] += 1
            for i, p in enumerate(found):
                if not used[i] and e["kind"] in p["kinds"] and p["start"] < e["end"] and e["start"] < p["end"]:
                    used[i] = True
                    counts[0] += 1
                    break
        extra += sum(1 for p in found
                     if not any(p["start"] < e["end"] and e["start"] < p["end"] for e in case["findings"]))
    return per_kind, extra


def recall(per_kind, kinds):
    hits = sum(per_kind.get(k, [0, 0])[0] for k in kinds)
    total = sum(per_kind.get(k, [0, 0])[1] for k in kinds)
    return f"{hits / total:.2f} ({hits}/{total})" if total else "—"


def table(results, cases, locale):
    """Recall on `cases`; the speed columns are the tool's rate on all messages of `locale`."""
    ours = next((r for r in results if r["tool"] == "medspa-kit" and "timing" in r), None)
    ours_rate = ours["timing"][locale]["messages_per_second"] if ours else None
    expected = {}
    for c in cases:
        for f in c["findings"]:
            expected[f["kind"]] = expected.get(f["kind"], 0) + 1
    head = (["tool", "msgs/s", "ours ÷ tool", "structured ids", "all identifiers", "health"]
            + [f"{k} ({expected.get(k, 0)})" for k in COLUMNS] + ["unmatched findings"])
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        if "timing" not in r:
            why = "pending: " + r["reason"] if r.get("pending") else "error: " + r.get("error", "?")
            rows.append(f"| {r['tool']} | {why} |" + " |" * (len(head) - 2))
            continue
        per_kind, extra = score(cases, r["predictions"])
        mapped = {k for kinds in r["mapping"].values() for k in kinds}
        rate = r["timing"][locale]["messages_per_second"]
        ratio = f"{ours_rate / rate:,.1f}×" if ours_rate else "pending"
        cells = [r["tool"], f"{rate:,.0f}", ratio, recall(per_kind, corpus.STRUCTURED),
                 recall(per_kind, IDENTIFIERS), recall(per_kind, HEALTH) if mapped & set(HEALTH) else "—"]
        cells += [recall(per_kind, [k]) if k in mapped else "—" for k in COLUMNS]
        rows.append("| " + " | ".join(cells + [str(extra)]) + " |")
    return "\n".join(rows)


def main(paths):
    results = [r for p in paths for r in json.loads(Path(p).read_text())]
    cases = corpus.load()
    print(f"Corpus: {len(cases)} messages (tests/corpus + tests/holdout); "
          "recall as hits/expected; — = the tool has no comparable type.\n")
    parts = [
        ("English messages", "en", [c for c in cases if c["locale"] == "en"]),
        ("Spanish messages", "es", [c for c in cases if c["locale"] == "es"]),
        ("Held-out English messages only (never used to tune our rules)", "en",
         [c for c in cases if c["locale"] == "en" and c["set"] == "holdout"]),
    ]
    for title, locale, subset in parts:
        print(f"### {title} ({len(subset)})\n")
        print(table(results, subset, locale) + "\n")
    print("### Versions\n")
    for r in results:
        if "versions" in r:
            load = f", load {r['load_seconds']:.1f} s" if "load_seconds" in r else ""
            reps = r["timing"]["en"]["reps"]
            print(f"- {r['tool']}: {json.dumps(r['versions'])}; {r['note']}; {reps} reps{load}")
            if r.get("misaligned"):
                print(f"  - outputs that could not be aligned to the input: {r['misaligned']}")


if __name__ == "__main__":
    main(sys.argv[1:])
