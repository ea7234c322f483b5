#!/usr/bin/env bash
# Training speed of the Java trainer against plain PyTorch on the same network, machine, threads
# and batch size, measured back to back in one run so that both see the same machine load.
#   trainer/bench/compare-speed.sh [BATCHES] [BATCH_SIZE] [THREADS]
# Needs Debian's python3-torch and libopenblas0-pthread for the PyTorch side.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BATCHES=${1:-30}
BATCH_SIZE=${2:-32}
THREADS=${3:-2}
export OMP_NUM_THREADS=$THREADS
JAVA_OPTS="${JAVA_OPTS:-} -Dai.djl.pytorch.num_threads=$THREADS -Dai.djl.pytorch.num_interop_threads=1" \
  ./flowerstream trainer bench-speed --batches "$BATCHES" --batch-size "$BATCH_SIZE" --device cpu \
  | grep '^djl' | tee /tmp/flowerstream-speed-djl.txt
/usr/bin/python3 trainer/bench/pytorch_train.py --batches "$BATCHES" --batch-size "$BATCH_SIZE" --threads "$THREADS" \
  | tee /tmp/flowerstream-speed-pytorch.txt
djl=$(sed -E 's/.*= ([0-9.]+) images\/s.*/\1/' /tmp/flowerstream-speed-djl.txt)
pt=$(sed -E 's/.*= ([0-9.]+) images\/s.*/\1/' /tmp/flowerstream-speed-pytorch.txt)
echo "ratio djl/pytorch: $(python3 -c "print(f'{$djl / $pt:.2f}')")x (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
