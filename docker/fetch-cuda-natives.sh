#!/bin/sh
# fetch-cuda-natives.sh VERSION FLAVOR DJL_VERSION LIB_DIR ENGINE_CACHE_DIR
#
# Build-time only: downloads DJL's CUDA build of libtorch VERSION for FLAVOR (e.g. 2.7.1 cu128)
# from publish.djl.ai, the place DJL itself would download it from at run time, and lays it out
# as DJL's engine cache: ENGINE_CACHE_DIR/pytorch/VERSION-FLAVOR-linux-x86_64/, with the JNI
# bridge for that flavor taken from the pytorch-jni jar in LIB_DIR and named as DJL names it.
# With every file present DJL loads the folder and never goes to the network.
set -eu
version=$1 flavor=$2 djl_version=$3 lib_dir=$4 cache=$5
classifier=linux-x86_64
# DJL_PUBLISH_URL only exists so that a test can serve the same layout from a local folder.
base="${DJL_PUBLISH_URL:-https://publish.djl.ai}/pytorch/$version"
dest="$cache/pytorch/$version-$flavor-$classifier"
mkdir -p "$dest"

files=$(curl -fsSL "$base/files.txt" | grep -E "^$flavor/$classifier/native/lib/[^/]+\.gz$" || true)
if [ -z "$files" ]; then
  echo "fetch-cuda-natives: $base/files.txt lists no $flavor/$classifier natives; pick a flavor it lists (--build-arg TORCH_FLAVOR=...)" >&2
  exit 1
fi
for file in $files; do
  name=$(basename "$file" .gz)
  echo "fetch-cuda-natives: $file"
  curl -fsSL "$base/$file" | gunzip > "$dest/$name"
done
[ -f "$dest/libtorch.so" ] || { echo "fetch-cuda-natives: no libtorch.so among the $flavor files" >&2; exit 1; }

# The JNI bridge: DJL looks for <djl version>-libdjl_torch.so beside libtorch.
jni_jar=$(ls "$lib_dir"/pytorch-jni-*.jar | head -n 1)
work=$(mktemp -d)
(cd "$work" && jar xf "$jni_jar" "jnilib/$classifier/$flavor/libdjl_torch.so")
[ -f "$work/jnilib/$classifier/$flavor/libdjl_torch.so" ] || { echo "fetch-cuda-natives: $jni_jar has no $flavor JNI library" >&2; exit 1; }
mv "$work/jnilib/$classifier/$flavor/libdjl_torch.so" "$dest/$djl_version-libdjl_torch.so"
rm -rf "$work"
# Readable by the non-root user; nothing here is ever written at run time.
chmod -R a+rX "$cache"
du -sh "$dest"
