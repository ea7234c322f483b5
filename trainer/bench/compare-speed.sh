#!/usr/bin/env bash
# Training speed of the Java trainer against plain PyTorch on the same network, machine, threads
# and batch size. The machine is shared and its speed swings by 10-20% from minute to minute, so
# the two alternate for ROUNDS rounds and each round's trainer is divided by the same round's
# PyTorch: the verdict is the median of those paired ratios, printed with their range.
#   trainer/bench/compare-speed.sh [BATCHES] [BATCH_SIZE] [THREADS] [ROUNDS]   (default 30 32 2 5)
# The trainer runs as ./flowerstream starts it (OMP_WAIT_POLICY=PASSIVE unless set, inputs laid
# out channels-last), with and without augmentation, and once (round 1) on glibc's malloc. The
# PyTorch script runs three ways each round: its defaults, channels-last inputs, and channels-last
# with OMP_WAIT_POLICY=PASSIVE; the way with the best median is the best-configured PyTorch, the
# peer of the goal (>= 1.0x).
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
BATCHES=${1:-30}
BATCH_SIZE=${2:-32}
THREADS=${3:-2}
ROUNDS=${4:-5}
if [[ ${1:-} == -h || ${1:-} == --help ]]; then sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
for n in "$BATCHES" "$BATCH_SIZE" "$THREADS" "$ROUNDS"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "compare-speed.sh: '$n' is not a positive whole number; usage: $0 [BATCHES] [BATCH_SIZE] [THREADS] [ROUNDS]" >&2; exit 2; }
done
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
trainer() {  # trainer [FLAGS...]: one bench-speed line of the trainer
  JAVA_OPTS="${JAVA_OPTS:-} -Dai.djl.pytorch.num_threads=$THREADS -Dai.djl.pytorch.num_interop_threads=1" \
    ./flowerstream trainer bench-speed --batches "$BATCHES" --batch-size "$BATCH_SIZE" --device cpu "$@" 2>/dev/null | grep '^djl'
}
pytorch() {  # pytorch [FLAGS...]: one line of the plain PyTorch script
  /usr/bin/python3 trainer/bench/pytorch_train.py --architecture "$TRAIN_ARCHITECTURE" --batches "$BATCHES" \
    --batch-size "$BATCH_SIZE" --threads "$THREADS" "$@"
}
djl=() djlna=() pt=() ptc=() ptcp=() djlg=
for round in $(seq "$ROUNDS"); do
  line=$(trainer); echo "round $round: $line"; djl+=("$(echo "$line" | rate)")
  # The same without augmentation: what the loader's augmentation takes from the steps on these cores.
  line=$(trainer --no-augmentation); echo "round $round: $line"; djlna+=("$(echo "$line" | rate)")
  if [[ $round == 1 ]]; then
    # The trainer once on glibc's malloc: what the allocator alone is worth (config/tcmalloc.sh). One
    # round is enough for a factor of about three, and each such run is three times as long.
    line=$(FLOWERSTREAM_MALLOC=glibc LD_PRELOAD= trainer); echo "round $round (glibc malloc): $line"
    djlg=$(echo "$line" | rate)
  fi
  # Plain PyTorch three ways; the best of them by median is the peer of the goal.
  line=$(pytorch); echo "round $round: $line"; pt+=("$(echo "$line" | rate)")
  line=$(pytorch --channels-last); echo "round $round: $line"; ptc+=("$(echo "$line" | rate)")
  line=$(OMP_WAIT_POLICY=PASSIVE pytorch --channels-last); echo "round $round (OMP_WAIT_POLICY=PASSIVE): $line"
  ptcp+=("$(echo "$line" | rate)")
done
/usr/bin/python3 - "${djl[*]}" "${djlna[*]}" "${pt[*]}" "${ptc[*]}" "${ptcp[*]}" "$djlg" <<'PY'
import statistics, sys
djl, djlna, pt, ptc, ptcp = ([float(v) for v in a.split()] for a in sys.argv[1:6])
glibc = float(sys.argv[6])
med = statistics.median
print(f"trainer on glibc's malloc (round 1): {glibc:.1f} images/s; with the allocator above, median {med(djl):.1f}: "
      f"{med(djl) / glibc:.2f}x")
print(f"median images/s of the trainer without augmentation: {med(djlna):.1f} (with: {med(djl):.1f}; augmentation "
      f"costs {100 * (1 - med(djl) / med(djlna)):.0f}%)")
configs = {"default": pt, "channels-last": ptc, "channels-last, OMP_WAIT_POLICY=PASSIVE": ptcp}
print("median images/s: trainer " + f"{med(djl):.1f}; pytorch " +
      ", ".join(f"{name} {med(v):.1f}" for name, v in configs.items()))
best = max(configs, key=lambda name: med(configs[name]))
# Paired: each round's trainer against the same round's PyTorch, so a slow minute of the shared
# machine weighs on both sides of a ratio instead of on one side of a median.
ratios = [d / p for d, p in zip(djl, configs[best])]
print(f"ratio trainer/pytorch {best} (the best-configured PyTorch here) per round: "
      + " ".join(f"{r:.2f}" for r in ratios))
verdict = "met" if med(ratios) >= 1.0 else "NOT met"
print(f"ratio trainer/pytorch {best}: median {med(ratios):.2f}x over {len(ratios)} rounds (range {min(ratios):.2f}-"
      f"{max(ratios):.2f}); goal >= 1.0x: {verdict}; against default pytorch: {med(djl) / med(pt):.2f}x")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
