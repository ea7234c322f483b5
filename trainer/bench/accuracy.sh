#!/usr/bin/env bash
# The accuracy figure: a fixed recipe for a fixed number of epochs (no wall-clock budget), once per
# seed, each run choosing its best epoch on the 25% validation split only and then scored once on
# flowers-eval/. Prints a table (one row per seed, and per side with REFERENCE=pytorch, then mean and spread) with the wall time of each
# run and the CPU, and writes it into docs/trainer.md between the accuracy markers.
#
#   trainer/bench/accuracy.sh [SET...]              default sets: flowers flowers-extra
#
#   EPOCHS=20        epochs per run (the figure depends on it, never on the clock)
#   SEEDS="1 2 3"    one run per seed (shuffling and augmentation)
#   LIMIT=0          at most this many photos, for a smoke run of the script itself; 0: all
#   REFERENCE=pytorch  after each seed's trainer run, train the plain PyTorch reference
#                    (trainer/bench/pytorch_accuracy.py: the same network, recipe, photos, split,
#                    EPOCHS, seed and LIMIT; the seed's augmentation only, so compare it with
#                    TRAIN_AUGMENTATION=seed) and put its rows and mean beside the trainer's;
#                    needs Debian's python3-torch python3-pil libopenblas0-pthread. Empty: the trainer only
#   DOC=docs/trainer.md   where the table goes; DOC= (empty) prints it only
#   SECTION=accuracy      the markers it goes between (<!-- SECTION:begin/end -->), checked before training
#   ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2   hold PyTorch to AVX2 on an AVX-512 CPU, as an
#                    AVX2-only machine runs it; the table says so (give it a SECTION of its own)
#
# The recipe: the flowers-cnn-bn network, batch 32, Adam 0.001, the sources augmentation (the seed's
# and crops, light, colour, thumbnails, JPEG), a cosine learning rate over the run and label
# smoothing 0.1 (docs/trainer.md says why). Other TRAIN_* variables pass through to the trainer, and
# the table names them all; the reference reads TRAIN_ARCHITECTURE, TRAIN_SCHEDULE,
# TRAIN_LABEL_SMOOTHING, TRAIN_BATCH_SIZE, TRAIN_LEARNING_RATE and TRAIN_WEIGHT_DECAY.
# flowers-eval/ is never trained, tuned or chosen on: it is read only by the final evaluate of each run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [[ ${1:-} == -h || ${1:-} == --help ]]; then sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
export TRAIN_SCHEDULE=${TRAIN_SCHEDULE:-cosine}
export TRAIN_LABEL_SMOOTHING=${TRAIN_LABEL_SMOOTHING:-0.1}
export TRAIN_ARCHITECTURE=${TRAIN_ARCHITECTURE:-flowers-cnn-bn}
export TRAIN_AUGMENTATION=${TRAIN_AUGMENTATION:-sources}
DATASETS=${FLOWERSTREAM_DATASETS:-../shared/datasets}
EPOCHS=${EPOCHS:-20}
SEEDS=${SEEDS:-1 2 3}
LIMIT=${LIMIT:-0}
REFERENCE=${REFERENCE:-}
DOC=${DOC-docs/trainer.md}
SECTION=${SECTION:-accuracy}
# The table is written after hours of training: find its place first.
if [[ -n $DOC ]] && ! { grep -qF "<!-- $SECTION:begin -->" "$DOC" 2>/dev/null && grep -qF "<!-- $SECTION:end -->" "$DOC"; }; then
  echo "accuracy.sh: $DOC has no <!-- $SECTION:begin --> ... <!-- $SECTION:end --> section: add the two markers where the table goes, or set DOC= to print the table only" >&2
  exit 2
fi
case $REFERENCE in
  '') ;;
  pytorch)
    /usr/bin/python3 -c 'import torch, PIL' 2>/dev/null || { echo "accuracy.sh: REFERENCE=pytorch needs Debian's PyTorch:" \
      "apt-get install -y python3-torch python3-pil libopenblas0-pthread" >&2; exit 2; } ;;
  *) echo "accuracy.sh: REFERENCE=$REFERENCE is not known: use REFERENCE=pytorch, or leave it empty for the trainer alone" >&2; exit 2 ;;
esac
if [[ $# -eq 0 ]]; then set -- flowers flowers-extra; fi
SETS=("$@")
for set in "${SETS[@]}" flowers-eval; do
  [[ -d $DATASETS/$set ]] || { echo "accuracy.sh: no $DATASETS/$set: set FLOWERSTREAM_DATASETS to the folder holding the photo sets" >&2; exit 2; }
done
OUT=trainer/target/bench
mkdir -p "$OUT"
NAME=$(IFS=+; echo "${SETS[*]}")
ARGS=()
for set in "${SETS[@]}"; do ARGS+=(--images "$DATASETS/$set"); done
CPU="$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
# tcmalloc for both the trainer and the reference where installed (config/tcmalloc.sh); the table names it.
. config/tcmalloc.sh
flowerstream_preload_tcmalloc
allocator="glibc malloc"
[[ -n ${LD_PRELOAD:-} ]] && allocator=$(basename "${LD_PRELOAD%%:*}")
CPU="$CPU, allocator $allocator"
if [[ -n ${ONEDNN_MAX_CPU_ISA:-} || -n ${ATEN_CPU_CAPABILITY:-} ]]; then
  CPU="$CPU, PyTorch held to ONEDNN_MAX_CPU_ISA=${ONEDNN_MAX_CPU_ISA:-unset} ATEN_CPU_CAPABILITY=${ATEN_CPU_CAPABILITY:-unset}"
fi

rows=()
for seed in $SEEDS; do
  log="$OUT/train-$NAME-seed$seed.log"
  start=$(date +%s)
  ./flowerstream trainer train "${ARGS[@]}" --epochs "$EPOCHS" --seed "$seed" --limit "$LIMIT" \
    --save-params "$OUT/$NAME-seed$seed.params" | tee "$log"
  wall=$(( $(date +%s) - start ))
  # "best epoch 31: validation accuracy 0.8250 on 736 photos ..."
  best=$(grep -oE 'best epoch [0-9]+: validation accuracy [0-9.]+' "$log" | tail -1)
  [[ -n $best ]] || { echo "accuracy.sh: the run with seed $seed printed no best epoch: see $log" >&2; exit 1; }
  epoch=$(echo "$best" | sed -E 's/best epoch ([0-9]+):.*/\1/')
  val=$(echo "$best" | sed -E 's/.*accuracy ([0-9.]+)/\1/')
  ./flowerstream trainer evaluate --params "$OUT/$NAME-seed$seed.params" --images "$DATASETS/flowers-eval" --device cpu \
    | tee "$OUT/eval-$NAME-seed$seed.log"
  eval=$(grep -m1 -oE '^accuracy [0-9.]+ \([0-9]+ photos\)' "$OUT/eval-$NAME-seed$seed.log")
  [[ -n $eval ]] || { echo "accuracy.sh: the evaluate of seed $seed printed no accuracy: see $OUT/eval-$NAME-seed$seed.log" >&2; exit 1; }
  rate=$(grep -oE '[0-9.]+ training images/s' "$log" | tail -1 | cut -d' ' -f1)
  rows+=("trainer $seed $epoch $val $(echo "$eval" | awk '{print $2, substr($3, 2)}') ${rate:-0} $wall $(cut -d' ' -f1 /proc/loadavg)")
  if [[ $REFERENCE == pytorch ]]; then
    # The trainer's thread settings and input layout (./flowerstream sets OMP_WAIT_POLICY=PASSIVE, the
    # trainer lays batches out channels-last), so the wall times compare the engines, not the settings.
    # Trained, then scored in a second process, as the trainer is: the wall time is the training alone.
    log="$OUT/pytorch-$NAME-seed$seed.log"
    start=$(date +%s)
    OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} /usr/bin/python3 trainer/bench/pytorch_accuracy.py "${ARGS[@]}" \
      --epochs "$EPOCHS" --seed "$seed" --limit "$LIMIT" --channels-last --eval none \
      --save-params "$OUT/pytorch-$NAME-seed$seed.pt" | tee "$log"
    wall=$(( $(date +%s) - start ))
    best=$(grep -oE 'best epoch [0-9]+: validation accuracy [0-9.]+' "$log" | tail -1)
    [[ -n $best ]] || { echo "accuracy.sh: the PyTorch reference with seed $seed printed no best epoch: see $log" >&2; exit 1; }
    rate=$(grep -oE '[0-9.]+ training images/s' "$log" | tail -1 | cut -d' ' -f1)
    OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} /usr/bin/python3 trainer/bench/pytorch_accuracy.py --channels-last \
      --params "$OUT/pytorch-$NAME-seed$seed.pt" --eval "$DATASETS/flowers-eval" | tee "$OUT/pytorch-eval-$NAME-seed$seed.log"
    eval=$(grep -m1 -oE '^accuracy [0-9.]+ \([0-9]+ photos\)' "$OUT/pytorch-eval-$NAME-seed$seed.log")
    [[ -n $eval ]] || { echo "accuracy.sh: the PyTorch reference's evaluation of seed $seed printed no accuracy: see $OUT/pytorch-eval-$NAME-seed$seed.log" >&2; exit 1; }
    rows+=("pytorch $seed $(echo "$best" | sed -E 's/best epoch ([0-9]+):.*/\1/') $(echo "$best" | sed -E 's/.*accuracy ([0-9.]+)/\1/') \
$(echo "$eval" | awk '{print $2, substr($3, 2)}') ${rate:-0} $wall $(cut -d' ' -f1 /proc/loadavg)")
    PYTORCH=$(grep -m1 -oE '^pytorch [^,]+, [0-9]+ threads' "$log")
  fi
done

passthrough=$(env | grep -E '^TRAIN_' | sort | tr '\n' ' ' | sed 's/ $//')
table=$(/usr/bin/python3 - "$EPOCHS" "$NAME" "$CPU" "$LIMIT" "$passthrough" "$REFERENCE" "${PYTORCH:-}" "${rows[@]}" <<'PY'
import statistics, sys
epochs, sets, cpu, limit, passthrough, reference, pytorch, *rows = sys.argv[1:]
rows = [r.split() for r in rows]
names = {"trainer": "trainer", "pytorch": "plain PyTorch"}
print(f"`{'REFERENCE=' + reference + ' ' if reference else ''}trainer/bench/accuracy.sh {sets.replace('+', ' ')}` with EPOCHS={epochs}"
      + (f" LIMIT={limit} (a smoke run of the script, not a figure)" if limit != "0" else "")
      + f"; {passthrough}; on {cpu}"
      + (f"; the reference on {pytorch} (trainer/bench/pytorch_accuracy.py)" if pytorch else "") + ".\n")
print("| trained by | seed | best epoch (by validation) | validation accuracy | flowers-eval accuracy | training images/s | training wall time | load average after |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for side, seed, epoch, val, acc, photos, rate, wall, load in rows:
    print(f"| {names[side]} | {seed} | {epoch} of {epochs} | {100 * float(val):.1f}% | {100 * float(acc):.1f}% ({photos} photos)"
          f" | {float(rate):.1f} | {int(wall)} s | {load} |")
print()
for side in names:
    mine = [r for r in rows if r[0] == side]
    if not mine:
        continue
    accs = [100 * float(r[4]) for r in mine]
    walls = [int(r[7]) for r in mine]
    spread = statistics.stdev(accs) if len(accs) > 1 else 0.0
    print(f"{names[side]}: flowers-eval accuracy over {len(accs)} seed{'s' if len(accs) > 1 else ''}: mean **{statistics.mean(accs):.1f}%**,"
          f" standard deviation {spread:.1f} points (lowest {min(accs):.1f}%, highest {max(accs):.1f}%);"
          f" wall time per seed {min(walls)}-{max(walls)} s.\n")
PY
)
echo
echo "$table"
if [[ -n $DOC ]]; then
  /usr/bin/python3 - "$DOC" "$table" "$SECTION" <<'PY'
import sys
doc, table, section = sys.argv[1:]
begin, end = f"<!-- {section}:begin -->", f"<!-- {section}:end -->"
text = open(doc, encoding="utf-8").read()
i, j = text.find(begin), text.find(end)
if i < 0 or j < i:
    sys.exit(f"accuracy.sh: {doc} has no {begin} ... {end} section: add the two markers where the table goes")
open(doc, "w", encoding="utf-8").write(text[:i + len(begin)] + "\n" + table + "\n" + text[j:])
print(f"accuracy.sh: wrote the table into {doc}", file=sys.stderr)
PY
fi
