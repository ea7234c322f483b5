#!/usr/bin/env bash
# Training speed of the Java trainer against plain PyTorch on the same network, machine, threads
# and batch size. The machine is shared, so the two alternate for ROUNDS rounds and the medians
# are compared: both sides see the same mix of quiet and busy moments.
#   trainer/bench/compare-speed.sh [BATCHES] [BATCH_SIZE] [THREADS] [ROUNDS]
# The trainer runs as ./flowerstream starts it (OMP_WAIT_POLICY=PASSIVE unless set, inputs laid
# out channels-last); the PyTorch script runs with its defaults (the peer of the goal), and twice
# more for reference: with the trainer's thread settings, and with those and channels-last inputs.
# First it prints the machine: CPU model, cores, the vector extensions the CPU has, and the
# instruction set oneDNN (PyTorch's CPU convolutions) picked in the trainer's libtorch and in the
# Python PyTorch: the figures of an AVX2-only CPU and an AVX-512 one are not comparable.
# ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 trainer/bench/compare-speed.sh runs an AVX-512
# machine as an AVX2 one would (both libraries honour them), to compare the two on one machine.
# TRAIN_ARCHITECTURE (default flowers-cnn-bn, the trainer's; or flowers-cnn-seed) picks the network
# on both sides.
# Needs Debian's python3-torch and libopenblas0-pthread for the PyTorch side.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BATCHES=${1:-20}
BATCH_SIZE=${2:-32}
THREADS=${3:-2}
ROUNDS=${4:-3}
export OMP_NUM_THREADS=$THREADS
# Both sides get tcmalloc where it is installed (./flowerstream preloads it for the trainer; the
# PyTorch script inherits the same LD_PRELOAD): with glibc's malloc every step page-faults its
# tensors back in, and that, not the engine, would set the figures (config/tcmalloc.sh).
. config/tcmalloc.sh
flowerstream_preload_tcmalloc
echo "allocator for both sides: ${LD_PRELOAD:-glibc malloc}"
export TRAIN_ARCHITECTURE=${TRAIN_ARCHITECTURE:-flowers-cnn-bn}
echo "network: $TRAIN_ARCHITECTURE"
./flowerstream trainer --help > /dev/null   # build first, outside the timing
echo "cpu: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
echo "vector extensions: $(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' \
  | grep -E '^(sse4_2|avx|avx2|fma|f16c|avx512[a-z0-9_]*|avx_vnni|amx[a-z0-9_]*)$' | sort | tr '\n' ' ')"
# oneDNN names the instruction set it dispatches to in its first verbose line; one tiny step is enough.
isa=$(ONEDNN_VERBOSE=1 DNNL_VERBOSE=1 ./flowerstream trainer bench-speed --batches 1 --batch-size 2 --device cpu 2>/dev/null \
  | grep -m1 -oE 'isa:[^,]*' || echo 'isa: not reported (oneDNN verbose gave nothing)')
echo "oneDNN in the trainer's libtorch: ${isa#isa:}"
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  # PyTorch before 2.0 has no get_cpu_capability; its build report names the capability it dispatches to.
  echo "python PyTorch: $(/usr/bin/python3 -c 'import re, torch; cpu = getattr(torch.backends, "cpu", None); cap = cpu.get_cpu_capability() if hasattr(cpu, "get_cpu_capability") else (re.findall(r"CPU capability usage: (\S+)", torch.__config__.show()) or ["not reported"])[0]; print(torch.__version__, "cpu capability", cap, "mkldnn", torch.backends.mkldnn.is_available())')"
  # A batch of 2 and a 5x5 kernel, like the network's first layer: PyTorch 1.13 runs a batch of one
  # with a 3x3 kernel on a small input in its own kernel, and oneDNN then prints nothing.
  pyisa=$(ONEDNN_VERBOSE=1 /usr/bin/python3 -c 'import torch; torch.nn.Conv2d(3, 8, 5)(torch.rand(2, 3, 16, 16))' 2>/dev/null \
    | grep -m1 -oE 'isa:[^,]*' || echo 'isa: not reported')
  echo "oneDNN in the python PyTorch: ${pyisa#isa:}"
else
  echo "python PyTorch: not installed (apt-get install python3-torch libopenblas0-pthread)"
fi
rate() { sed -E 's/.*= ([0-9.]+) images\/s.*/\1/'; }
djl=() pt=() ptp=() ptc=() djlna=() djlg=()
for round in $(seq "$ROUNDS"); do
  line=$(JAVA_OPTS="${JAVA_OPTS:-} -Dai.djl.pytorch.num_threads=$THREADS -Dai.djl.pytorch.num_interop_threads=1" \
    ./flowerstream trainer bench-speed --batches "$BATCHES" --batch-size "$BATCH_SIZE" --device cpu 2>/dev/null | grep '^djl')
  echo "round $round: $line"; djl+=("$(echo "$line" | rate)")
  # The same without augmentation: what the loader's augmentation takes from the steps on these cores.
  line=$(JAVA_OPTS="${JAVA_OPTS:-} -Dai.djl.pytorch.num_threads=$THREADS -Dai.djl.pytorch.num_interop_threads=1" \
    ./flowerstream trainer bench-speed --batches "$BATCHES" --batch-size "$BATCH_SIZE" --device cpu --no-augmentation 2>/dev/null | grep '^djl')
  echo "round $round: $line"; djlna+=("$(echo "$line" | rate)")
  # The trainer once more on glibc's malloc: what the allocator alone is worth (config/tcmalloc.sh).
  line=$(FLOWERSTREAM_MALLOC=glibc LD_PRELOAD= JAVA_OPTS="${JAVA_OPTS:-} -Dai.djl.pytorch.num_threads=$THREADS -Dai.djl.pytorch.num_interop_threads=1" \
    ./flowerstream trainer bench-speed --batches "$BATCHES" --batch-size "$BATCH_SIZE" --device cpu 2>/dev/null | grep '^djl')
  echo "round $round (glibc malloc): $line"; djlg+=("$(echo "$line" | rate)")
  line=$(/usr/bin/python3 trainer/bench/pytorch_train.py --architecture "$TRAIN_ARCHITECTURE" --batches "$BATCHES" --batch-size "$BATCH_SIZE" --threads "$THREADS")
  echo "round $round: $line"; pt+=("$(echo "$line" | rate)")
  line=$(OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 trainer/bench/pytorch_train.py --architecture "$TRAIN_ARCHITECTURE" --batches "$BATCHES" --batch-size "$BATCH_SIZE" --threads "$THREADS")
  echo "round $round (OMP_WAIT_POLICY=PASSIVE): $line"; ptp+=("$(echo "$line" | rate)")
  line=$(OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 trainer/bench/pytorch_train.py --architecture "$TRAIN_ARCHITECTURE" --batches "$BATCHES" --batch-size "$BATCH_SIZE" --threads "$THREADS" --channels-last)
  echo "round $round (OMP_WAIT_POLICY=PASSIVE): $line"; ptc+=("$(echo "$line" | rate)")
done
/usr/bin/python3 - "${djl[*]}" "${pt[*]}" "${ptp[*]}" "${ptc[*]}" "${djlna[*]}" "${djlg[*]}" <<'PY'
import statistics, sys
djl, pt, ptp, ptc, djlna, djlg = (statistics.median(map(float, a.split())) for a in sys.argv[1:7])
print(f"median images/s of the trainer on glibc's malloc: {djlg:.1f} (with the allocator above: {djl:.1f}, {djl / djlg:.2f}x)")
print(f"median images/s of the trainer without augmentation: {djlna:.1f} (with: {djl:.1f}; augmentation costs {100 * (1 - djl / djlna):.0f}%)")
print(f"median images/s: trainer {djl:.1f}, pytorch {pt:.1f}, pytorch with OMP_WAIT_POLICY=PASSIVE {ptp:.1f}, "
      f"and channels-last {ptc:.1f}")
print(f"ratio trainer/pytorch: {djl / pt:.2f}x (against pytorch with the same thread settings: {djl / ptp:.2f}x, "
      f"and channels-last too: {djl / ptc:.2f}x)")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
