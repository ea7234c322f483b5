#!/usr/bin/env bash
# The accuracy figure: train on flowers/ + flowers-extra/ (or the sets named), choosing the best
# epoch on the 25% validation split only, then score that model once on flowers-eval/.
#   [EPOCHS=N] trainer/bench/accuracy.sh [MAX_MINUTES] [SET...]      e.g. trainer/bench/accuracy.sh 27 flowers
# The recipe: a cosine learning rate over the run and label smoothing 0.1 (chosen on validation
# accuracy against the seed's plateau rule, docs/trainer.md); TRAIN_SCHEDULE=plateau
# TRAIN_LABEL_SMOOTHING=0 gives the seed's. Other TRAIN_* variables pass through to the trainer.
# flowers-eval/ is never trained, tuned or chosen on: it is read only by the final evaluate.
# A run on the default sets writes its output into docs/trainer.md between the accuracy markers
# (ACCURACY_DOC=FILE writes there instead; ACCURACY_DOC= writes nowhere).
set -euo pipefail
export TRAIN_SCHEDULE=${TRAIN_SCHEDULE:-cosine}
export TRAIN_LABEL_SMOOTHING=${TRAIN_LABEL_SMOOTHING:-0.1}
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
DATASETS=${FLOWERSTREAM_DATASETS:-../shared/datasets}
MINUTES=${1:-27}
shift || true
if [[ $# -eq 0 ]]; then set -- flowers flowers-extra; fi
SETS=("$@")
DEFAULT_SETS=$([[ "${SETS[*]}" == "flowers flowers-extra" ]] && echo yes || echo no)
DOC=${ACCURACY_DOC-$([[ $DEFAULT_SETS == yes ]] && echo docs/trainer.md)}
COMMAND="$(env | grep '^TRAIN_' | sort | tr '\n' ' ')EPOCHS=${EPOCHS:-30} trainer/bench/accuracy.sh $MINUTES ${SETS[*]}"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
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

# The figures into the doc, between its markers, beside the command and machine that made them.
if [[ -n $DOC ]]; then
  section="$OUT/accuracy-$NAME.md"
  {
    echo "Written by \`$COMMAND\` on $(date -u +%Y-%m-%d)."
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
    echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) memory; load average before the run: $LOAD_BEFORE."
    echo
    echo '```'
    echo "\$ ./flowerstream trainer train ${ARGS[*]} --epochs ${EPOCHS:-30} --max-minutes $MINUTES"
    # The epoch table and the summary; the progress lines repeat what the table says.
    grep -Ev '^Epoch [0-9]+/[0-9]+ ' "$OUT/train-$NAME.log"
    echo
    echo "\$ ./flowerstream trainer evaluate --params $OUT/$NAME.params --images $DATASETS/flowers-eval --device cpu"
    cat "$OUT/eval-$NAME.log"
    echo '```'
  } > "$section"
  if ! grep -q '^<!-- accuracy begin' "$DOC" || ! grep -q '^<!-- accuracy end -->' "$DOC"; then
    echo "accuracy.sh: $DOC has no '<!-- accuracy begin ...' and '<!-- accuracy end -->' lines; the figures are in $section" >&2
    exit 1
  fi
  awk -v section="$section" '
    /^<!-- accuracy begin/ { print; while ((getline line < section) > 0) print line; skipping = 1; next }
    /^<!-- accuracy end -->/ { skipping = 0 }
    !skipping' "$DOC" > "$DOC.tmp"
  mv "$DOC.tmp" "$DOC"
  echo "accuracy.sh: wrote the figures into $DOC" >&2
fi
