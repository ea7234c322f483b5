#!/bin/sh
# Starts the image's service: MAIN_CLASS (set per image) on every jar in /app/lib, with the
# container's logging config. The arguments are the command's (the image's CMD by default).
# JAVA_OPTS is split on spaces on purpose: it holds several JVM flags.
set -eu
: "${MAIN_CLASS:?MAIN_CLASS is not set: use one of the service images (ingest, classifier, trainer)}"
# tcmalloc for PyTorch's tensors (the image installs it; config/tcmalloc.sh says why).
# shellcheck source=../config/tcmalloc.sh
. /app/config/tcmalloc.sh
flowerstream_preload_tcmalloc
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dlogback.configurationFile=/app/config/logback.xml -cp "/app/lib/*" "$MAIN_CLASS" "$@"
