# Sourced by ./flowerstream, the images' entrypoint and the training benchmarks (POSIX sh):
# flowerstream_preload_tcmalloc puts tcmalloc in LD_PRELOAD, where it is installed, for the JVM
# (and PyTorch inside it) and whatever it starts.
#
# Why: PyTorch allocates every activation and gradient afresh on each forward pass and training
# step. glibc's malloc gives blocks over 32 MB back to the kernel when they are freed, so the next
# pass faults every page of them in again; on a virtual machine each fault is costly. tcmalloc keeps
# freed memory for reuse: training several times faster, and the batched predictor no longer slows
# down per image above batch 8 (trainer/bench/compare-speed.sh prints the allocator's share).
#
# FLOWERSTREAM_MALLOC: auto (default: tcmalloc where installed, else glibc with a warning),
# tcmalloc (fail where it is missing) or glibc (leave malloc alone).
flowerstream_preload_tcmalloc() {
  fs_choice=${FLOWERSTREAM_MALLOC:-auto}
  case $fs_choice in
    glibc) return 0 ;;
    auto | tcmalloc) ;;
    *)
      echo "flowerstream: FLOWERSTREAM_MALLOC is '$fs_choice': use auto, tcmalloc or glibc" >&2
      return 2
      ;;
  esac
  for fs_lib in /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 /usr/lib/aarch64-linux-gnu/libtcmalloc_minimal.so.4 \
    /usr/lib64/libtcmalloc_minimal.so.4 /usr/lib/libtcmalloc_minimal.so.4; do
    if [ -f "$fs_lib" ]; then
      case ":${LD_PRELOAD:-}:" in
        *":$fs_lib:"*) ;;
        *) export LD_PRELOAD="$fs_lib${LD_PRELOAD:+:$LD_PRELOAD}" ;;
      esac
      return 0
    fi
  done
  if [ "$fs_choice" = tcmalloc ]; then
    echo "flowerstream: FLOWERSTREAM_MALLOC=tcmalloc but libtcmalloc_minimal.so.4 is not installed:" \
      "apt-get install -y libtcmalloc-minimal4, or set FLOWERSTREAM_MALLOC=auto" >&2
    return 2
  fi
  echo "flowerstream: libtcmalloc_minimal.so.4 is not installed (apt-get install -y libtcmalloc-minimal4):" \
    "PyTorch runs with glibc's malloc, several times slower to train (docs/trainer.md, Speed)" >&2
  return 0
}
