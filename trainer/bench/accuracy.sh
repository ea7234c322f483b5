#!/usr/bin/env bash
# The accuracy figure: train on flowers/ + flowers-extra/ (or the sets named), choosing the best
# epoch on the 25% validation split only, then score that model once on flowers-eval/.
#   [EPOCHS=N] trainer/bench/accuracy.sh [MAX_MINUTES] [SET...]      e.g. trainer/bench/accuracy.sh 27 flowers
# The recipe: a cosine learning rate over the run and label smoothing 0.1 (chosen on validation
# accuracy against the seed's plateau rule, docs/trainer.md); TRAIN_SCHEDULE=plateau
# TRAIN_LABEL_SMOOTHING=0 gives the seed's. Other TRAIN_* variables pass through to the trainer.
# flowers-eval/ is never trained, tuned or chosen on: it is read only by the final evaluate.
set -euo pipefail
export TRAIN_SCHEDULE=${TRAIN_SCHEDULE:-cosine}
export TRAIN_LABEL_SMOOTHING=${TRAIN_LABEL_SMOOTHING:-0.1}
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
DATASETS=${FLOWERSTREAM_DATASETS:-../shared/datasets}
MINUTES=${1:-27}
shift || true
if [[ $# -eq 0 ]]; then set -- flowers flowers-extra; fi
SETS=("$@")
OUT=trainer/target/bench
mkdir -p "$OUT"
NAME=$(IFS=+; echo "${SETS[*]}")
ARGS=()
for set in "${SETS[@]}"; do ARGS+=(--images "$DATASETS/$set"); done
start=$(date +%s)
./flowerstream trainer train "${ARGS[@]}" --epochs "${EPOCHS:-30}" --max-minutes "$MINUTES" --save-params "$OUT/$NAME.params" \
  | tee "$OUT/train-$NAME.log"
echo "training wall time: $(( $(date +%s) - start )) s (load average $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$OUT/train-$NAME.log"
./flowerstream trainer evaluate --params "$OUT/$NAME.params" --images "$DATASETS/flowers-eval" --device cpu \
  | tee "$OUT/eval-$NAME.log"
