#!/bin/sh
# collect-libs.sh OUT MODULE...: copies each module's jar and its runtime classpath (the list in
# MODULE/target/classpath.txt that the build writes) into OUT/MODULE/lib, and the same without the
# CPU PyTorch natives into OUT/MODULE/lib-cuda, for the CUDA images (Dockerfile, cuda-natives).
set -eu
out=$1
shift
for module in "$@"; do
  lib="$out/$module/lib" cuda="$out/$module/lib-cuda"
  mkdir -p "$lib" "$cuda"
  [ -f "$module/target/classpath.txt" ] || { echo "collect-libs: $module/target/classpath.txt is missing: did the package phase run for $module?" >&2; exit 1; }
  # "|| [ -n ... ]": the list ends without a newline, and read would drop its last entry.
  tr ':' '\n' < "$module/target/classpath.txt" | while IFS= read -r entry || [ -n "$entry" ]; do
    [ -n "$entry" ] || continue
    # A folder here means a sibling module was not packaged into a jar: the image would lack it.
    [ -f "$entry" ] || { echo "collect-libs: $module's classpath entry $entry is not a jar file" >&2; exit 1; }
    # Jars are flattened into one folder: two with one file name would silently shadow each other.
    [ ! -e "$lib/$(basename "$entry")" ] || { echo "collect-libs: two jars named $(basename "$entry") on $module's classpath" >&2; exit 1; }
    cp "$entry" "$lib/"
  done
  cp "$module"/target/"$module"-*.jar "$lib/"
  for jar in "$lib"/*.jar; do
    case "$(basename "$jar")" in
      pytorch-native-cpu-*) ;;
      *) cp "$jar" "$cuda/" ;;
    esac
  done
  echo "collect-libs: $module: $(ls "$lib" | wc -l) jars"
done
