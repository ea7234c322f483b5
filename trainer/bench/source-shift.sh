#!/usr/bin/env bash
# The source-shift benchmark: shifted copies of a photo folder (128 px squares, JPEG quality 20, a
# colour cast, blur, off-centre crops, and a clean re-encoding), then each model's accuracy on each,
# side by side, written between the source-shift markers of docs/trainer.md.
#   trainer/bench/source-shift.sh [LABEL=]PARAMS [[LABEL=]PARAMS...]
#   e.g. trainer/bench/source-shift.sh before=seed-recipe.params after=trainer/target/bench/flowers+flowers-extra-seed1.params
# SET (default flowers-eval) is the folder of ../shared/datasets shifted: its figures REPORT finished
# recipes; nothing may be chosen on them. To choose, shift the training folders' validation side
# (trainer shift-set --images DIR --images DIR --split validation --out OUT) and score on that with
# trainer shift-eval. DOC (default docs/trainer.md; empty: print only) is where the table goes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [[ $# -eq 0 || $1 == -h || $1 == --help ]]; then sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit $(( $# == 0 ? 2 : 0 )); fi
SET=${SET:-flowers-eval}
DOC=${DOC-docs/trainer.md}
DATASETS=${FLOWERSTREAM_DATASETS:-../shared/datasets}
[[ -d $DATASETS/$SET ]] || { echo "source-shift.sh: no $DATASETS/$SET: set FLOWERSTREAM_DATASETS or SET" >&2; exit 2; }
label_of() { [[ $1 == *=* ]] && echo "${1%%=*}" || basename "$1" .params; }
file_of() { [[ $1 == *=* ]] && echo "${1#*=}" || echo "$1"; }
for model in "$@"; do
  [[ -f $(file_of "$model") ]] || { echo "source-shift.sh: no params file $(file_of "$model"): train one with trainer/bench/accuracy.sh" >&2; exit 2; }
done
OUT=trainer/target/bench/shifted-$SET
rm -rf "$OUT"
./flowerstream trainer shift-set --images "$DATASETS/$SET" --out "$OUT"
ARGS=(--params "$(file_of "$1")" --label "$(label_of "$1")")
shift
for model in "$@"; do ARGS+=(--also "$(label_of "$model")=$(file_of "$model")"); done
if [[ -n $DOC ]]; then ARGS+=(--doc "$DOC"); fi
./flowerstream trainer shift-eval "${ARGS[@]}" --shifted "$OUT" --device cpu
