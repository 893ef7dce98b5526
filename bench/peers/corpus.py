"""Reads the caret-annotated PHI corpus, the same format as crates/phi-lint/tests/support/corpus.rs.

`=== id key=value...` starts a message; its lines follow; under any line, a caret line
`   ^^^^^ KIND` marks an expected finding (columns count characters of the line above).
Offsets here are in characters (code points), not the UTF-8 bytes the Rust side uses.

    python3 corpus.py            # JSON list of messages on stdout
    python3 corpus.py --show ID  # one message with its findings underlined, to check by eye
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "crates" / "phi-lint" / "tests"
SETS = {"corpus": ROOT / "corpus", "holdout": ROOT / "holdout"}
KINDS = {
    "NAME", "DATE_DOB", "DATE_OTHER", "PHONE", "FAX", "EMAIL", "ADDRESS", "ZIP", "SSN", "MRN",
    "INSURANCE_ID", "ACCOUNT", "LICENSE", "VEHICLE", "DEVICE_ID", "URL", "IP", "BIOMETRIC",
    "OTHER_ID", "TREATMENT", "CONDITION", "MEDICATION", "BODY_AREA", "SYMPTOM",
}
# The structured identifiers the comparison reports one recall for.
STRUCTURED = ["SSN", "PHONE", "EMAIL", "MRN", "DATE_DOB", "URL", "ZIP"]


def caret(line):
    """(column, end column, kind) for a caret line, else None (then it is a message line)."""
    trimmed = line.lstrip(" ")
    col = len(line) - len(trimmed)
    carets = len(trimmed) - len(trimmed.lstrip("^"))
    kind = trimmed[carets:].strip()
    if carets == 0 or kind not in KINDS:
        return None
    return col, col + carets, kind


def load_file(path, set_name, contexts):
    cases, current = [], None

    def finish():
        if current is None:
            return
        lines = current["lines"]
        while lines and not lines[-1].strip():
            lines.pop()
        keys = current["keys"]
        cases.append({
            "id": current["id"],
            "set": set_name,
            "file": path.name,
            "text": "\n".join(lines),
            "findings": current["findings"],
            "locale": keys.get("locale", "en"),
            "options": {
                "channel": keys.get("channel", "sms"),
                "direction": keys.get("direction", "outbound"),
                "policy": keys.get("policy", "reminder"),
                "locale": keys.get("locale", "en"),
                "acceptedUnencrypted": keys.get("accepted", "false") == "true",
                "context": contexts[keys.get("ctx", "none")],
            },
        })

    for line in path.read_text(encoding="utf-8").split("\n"):
        line = line.removesuffix("\r")
        if line.startswith("=== "):
            finish()
            parts = line[4:].split()
            keys = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
            current = {"id": parts[0], "keys": keys, "lines": [], "findings": []}
            continue
        if current is None:
            continue  # the comment block before the first message
        mark = caret(line)
        if mark is None:
            current["lines"].append(line)
            continue
        c0, c1, kind = mark
        last = current["lines"][-1]
        line_start = sum(len(l) + 1 for l in current["lines"][:-1])
        current["findings"].append({
            "start": line_start + min(c0, len(last)),
            "end": line_start + min(c1, len(last)),
            "kind": kind,
        })
    finish()
    return cases


def load(sets=("corpus", "holdout")):
    """Every message of the named sets, files in name order as the Rust loader reads them."""
    cases = []
    for name in sets:
        directory = SETS[name]
        contexts = json.loads((directory / "contexts.json").read_text(encoding="utf-8"))
        for path in sorted(directory.glob("*.txt")):
            cases.extend(load_file(path, name, contexts))
    return cases


def show(case):
    print(f"{case['id']} ({case['set']}/{case['file']}, locale={case['locale']})")
    print(case["text"])
    for f in case["findings"]:
        print(f"  {f['kind']:<12} [{f['start']}, {f['end']}) {case['text'][f['start']:f['end']]!r}")


if __name__ == "__main__":
    all_cases = load()
    if len(sys.argv) > 2 and sys.argv[1] == "--show":
        for c in all_cases:
            if c["id"] in sys.argv[2:]:
                show(c)
    else:
        json.dump(all_cases, sys.stdout, ensure_ascii=False)
