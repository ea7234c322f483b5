#!/usr/bin/env bash
# The source-shift benchmark: shifted copies of a photo folder (128 px squares, JPEG quality 20, a
# colour cast, blur, off-centre crops, and a clean re-encoding), then one model's accuracy on each,
# written between the source-shift markers of docs/trainer.md.
#   trainer/bench/source-shift.sh PARAMS [SET]      e.g. trainer/bench/source-shift.sh trainer/target/bench/flowers+flowers-extra.params
# SET defaults to flowers-eval: the figures REPORT a finished recipe; nothing may be chosen on them
# (augmentations and settings are chosen on the validation split, never on flowers-eval).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
PARAMS=${1:?give a model.params file, e.g. from trainer/bench/accuracy.sh}
SET=${2:-flowers-eval}
DATASETS=${FLOWERSTREAM_DATASETS:-../shared/datasets}
OUT=trainer/target/bench/shifted-$SET
rm -rf "$OUT"
./flowerstream trainer shift-set --images "$DATASETS/$SET" --out "$OUT"
./flowerstream trainer shift-eval --params "$PARAMS" --shifted "$OUT" --device cpu --doc docs/trainer.md
