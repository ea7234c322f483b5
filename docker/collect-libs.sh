#!/bin/sh
# collect-libs.sh OUT MODULE...: copies each module's jar and its runtime classpath (the list in
# MODULE/target/classpath.txt that the build writes) into OUT/MODULE/lib, and the same without the
# CPU PyTorch natives into OUT/MODULE/lib-cuda, for the CUDA images (Dockerfile, cuda-natives).
# Test jars never go in (CollectLibsScriptTest).
set -eu
out=$1
shift
for module in "$@"; do
  lib="$out/$module/lib" cuda="$out/$module/lib-cuda"
  mkdir -p "$lib" "$cuda"
  [ -f "$module/target/classpath.txt" ] || { echo "collect-libs: $module/target/classpath.txt is missing: did the package phase run for $module?" >&2; exit 1; }
  # The echo ends the last entry with a newline: Maven writes none, and read would drop that entry.
  { tr ':' '\n' < "$module/target/classpath.txt"; echo; } | while IFS= read -r entry; do
    [ -n "$entry" ] || continue
    # A folder here means a sibling module was not packaged into a jar: the image would lack it.
    [ -f "$entry" ] || { echo "collect-libs: $module's classpath entry $entry is not a jar file" >&2; exit 1; }
    # Test code never ships: a test jar here means a test-scoped dependency leaked into runtime.
    case "$entry" in *-tests.jar) echo "collect-libs: $module's runtime classpath holds the test jar $entry: make that dependency test-scoped" >&2; exit 1 ;; esac
    # Jars are flattened into one folder: two with one file name would silently shadow each other.
    [ ! -e "$lib/$(basename "$entry")" ] || { echo "collect-libs: two jars named $(basename "$entry") on $module's classpath" >&2; exit 1; }
    cp "$entry" "$lib/"
  done
  # The module's own jar only: target/ also holds its test jar (MODULE-VERSION-tests.jar) where the
  # POM builds one (classifier does, for the reliability module), and that must stay out.
  main_jar=$(ls "$module"/target/"$module"-*.jar | grep -v -e '-tests\.jar$' -e '-sources\.jar$' -e '-javadoc\.jar$')
  [ "$(printf '%s\n' "$main_jar" | wc -l)" -eq 1 ] || { echo "collect-libs: expected one main jar of $module in $module/target, found: $main_jar" >&2; exit 1; }
  cp "$main_jar" "$lib/"
  for jar in "$lib"/*.jar; do
    case "$(basename "$jar")" in
      pytorch-native-cpu-*) ;;
      *) cp "$jar" "$cuda/" ;;
    esac
  done
  echo "collect-libs: $module: $(ls "$lib" | wc -l) jars"
done
