#!/usr/bin/env bash
# Training speed of the Java trainer against plain PyTorch on the same network, machine, threads
# and batch size. The machine is shared, so the two alternate for ROUNDS rounds and the medians
# are compared: both sides see the same mix of quiet and busy moments.
#   trainer/bench/compare-speed.sh [BATCHES] [BATCH_SIZE] [THREADS] [ROUNDS]
# The trainer runs as ./flowerstream starts it (OMP_WAIT_POLICY=PASSIVE unless set, inputs laid
# out channels-last); the PyTorch script runs with its defaults (the peer of the goal), and twice
# more for reference: with the trainer's thread settings, and with those and channels-last inputs.
# Needs Debian's python3-torch and libopenblas0-pthread for the PyTorch side.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BATCHES=${1:-20}
BATCH_SIZE=${2:-32}
THREADS=${3:-2}
ROUNDS=${4:-3}
export OMP_NUM_THREADS=$THREADS
./flowerstream trainer --help > /dev/null   # build first, outside the timing
rate() { sed -E 's/.*= ([0-9.]+) images\/s.*/\1/'; }
djl=() pt=() ptp=() ptc=()
for round in $(seq "$ROUNDS"); do
  line=$(JAVA_OPTS="${JAVA_OPTS:-} -Dai.djl.pytorch.num_threads=$THREADS -Dai.djl.pytorch.num_interop_threads=1" \
    ./flowerstream trainer bench-speed --batches "$BATCHES" --batch-size "$BATCH_SIZE" --device cpu 2>/dev/null | grep '^djl')
  echo "round $round: $line"; djl+=("$(echo "$line" | rate)")
  line=$(/usr/bin/python3 trainer/bench/pytorch_train.py --batches "$BATCHES" --batch-size "$BATCH_SIZE" --threads "$THREADS")
  echo "round $round: $line"; pt+=("$(echo "$line" | rate)")
  line=$(OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 trainer/bench/pytorch_train.py --batches "$BATCHES" --batch-size "$BATCH_SIZE" --threads "$THREADS")
  echo "round $round (OMP_WAIT_POLICY=PASSIVE): $line"; ptp+=("$(echo "$line" | rate)")
  line=$(OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 trainer/bench/pytorch_train.py --batches "$BATCHES" --batch-size "$BATCH_SIZE" --threads "$THREADS" --channels-last)
  echo "round $round (OMP_WAIT_POLICY=PASSIVE): $line"; ptc+=("$(echo "$line" | rate)")
done
/usr/bin/python3 - "${djl[*]}" "${pt[*]}" "${ptp[*]}" "${ptc[*]}" <<'PY'
import statistics, sys
djl, pt, ptp, ptc = (statistics.median(map(float, a.split())) for a in sys.argv[1:5])
print(f"median images/s: trainer {djl:.1f}, pytorch {pt:.1f}, pytorch with OMP_WAIT_POLICY=PASSIVE {ptp:.1f}, "
      f"and channels-last {ptc:.1f}")
print(f"ratio trainer/pytorch: {djl / pt:.2f}x (against pytorch with the same thread settings: {djl / ptp:.2f}x, "
      f"and channels-last too: {djl / ptc:.2f}x)")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
