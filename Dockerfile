# syntax=docker/dockerfile:1.7
# The flowerstream images: one Dockerfile, one target per image (docs/deploy.md).
#
#   docker build --target ingest          -t flowerstream/ingest:0.1.0 .
#   docker build --target classifier      -t flowerstream/classifier:0.1.0 .
#   docker build --target trainer         -t flowerstream/trainer:0.1.0 .
#   docker build --target classifier-cuda -t flowerstream/classifier:0.1.0-cuda .
#   docker build --target trainer-cuda    -t flowerstream/trainer:0.1.0-cuda .
#
# Names: flowerstream/<service>:<version>, and <version>-cuda for the GPU variants; the version is
# the Helm chart's appVersion and FLOWERSTREAM_TAG in .env (ImageNamesTest checks they agree).
#
# One file rather than one per module because the three services share everything but their
# main class and their lib/ folder: one Maven build feeds every target, and BuildKit builds only
# the stages a target needs.

# Pinned to one Temurin release (never a moving tag); bump both together.
ARG JDK_IMAGE=eclipse-temurin:17.0.15_6-jdk
ARG JRE_IMAGE=eclipse-temurin:17.0.15_6-jre

# ---------------------------------------------------------------------------------------------
# build: the Maven wrapper builds the three services; each one's runtime classpath (the list the
# build writes to <module>/target/classpath.txt) is copied into /out/<module>/lib, and the same
# less the CPU native jar into /out/<module>/lib-cuda.
FROM ${JDK_IMAGE} AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 (Maven itself and the dependencies) between builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests -pl ingest,classifier,trainer,deploy -am package \
 && docker/collect-libs.sh /out ingest classifier trainer \
 && mkdir -p /out/healthcheck && cp -r deploy/target/classes/. /out/healthcheck/
# The bootstrap sample set: 40 synthetic pictures of each class (more than TRAIN_MIN_PER_CLASS, 20),
# which compose's one-shot bootstrap service pushes so that a fresh stack trains a first model by
# itself (docs/deploy.md). The writer needs only the JDK and FlowerClasses: javac, no Maven module.
RUN javac -d /tmp/samples-tool -cp contracts/target/classes \
      standalone/src/main/java/io/flowerstream/standalone/synthetic/SyntheticFlowerRenderer.java \
      standalone/src/main/java/io/flowerstream/standalone/synthetic/SyntheticFlowerSet.java \
      standalone/src/main/java/io/flowerstream/standalone/synthetic/WriteSyntheticSet.java \
 && java -Djava.awt.headless=true -cp /tmp/samples-tool:contracts/target/classes \
      io.flowerstream.standalone.synthetic.WriteSyntheticSet /out/samples 40

# ---------------------------------------------------------------------------------------------
# runtime: what every service image shares. CPU by default: the PyTorch natives come inside the
# pytorch-native-cpu jar in lib/ and DJL unpacks them into DJL_CACHE_DIR at first start.
FROM ${JRE_IMAGE} AS runtime
# libturbojpeg: the native JPEG decoder (docs/image-decoding.md); Temurin's images are Ubuntu, where
# the package has no "0" (Debian's is libturbojpeg0). Without it the services decode with ImageIO.
# libtcmalloc-minimal4: the entrypoint preloads it for PyTorch's tensors (config/tcmalloc.sh).
RUN apt-get update && apt-get install -y --no-install-recommends libturbojpeg libtcmalloc-minimal4 \
 && rm -rf /var/lib/apt/lists/*
# A fixed, non-root uid so that Kubernetes' runAsNonRoot can check it and volumes can be chowned.
RUN groupadd --system --gid 10001 flowerstream \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin flowerstream \
 && mkdir -p /app/lib /app/config /var/cache/djl \
 && chown 10001:10001 /var/cache/djl
COPY config/logback.xml config/tcmalloc.sh /app/config/
COPY docker/entrypoint.sh /app/entrypoint.sh
COPY --from=build /out/healthcheck /app/healthcheck
# DJL_OFFLINE: DJL would otherwise call a cloud metadata address at start-up.
# HTTP_HOST: the services listen on loopback by default; in a container they must not.
# JAVA_OPTS: half the memory limit for the heap, the rest for PyTorch's native tensors.
ENV DJL_OFFLINE=true \
    DJL_CACHE_DIR=/var/cache/djl \
    HTTP_HOST=0.0.0.0 \
    JAVA_OPTS="-XX:MaxRAMPercentage=50"
USER 10001:10001
WORKDIR /app
ENTRYPOINT ["/app/entrypoint.sh"]
# Generous start period: the first start unpacks about 430 MB of PyTorch natives.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", "/app/healthcheck", "io.flowerstream.deploy.HealthCheck"]

# ---------------------------------------------------------------------------------------------
# cuda-natives: CUDA builds of libtorch are not on Maven Central for PyTorch 2.7.1 (only
# pytorch-native-cpu is; pytorch-native-cu124 stops at 2.5.1), so they are fetched here, at BUILD
# time, from DJL's own distribution, and laid out the way DJL's cache expects:
# <ENGINE_CACHE_DIR>/pytorch/<version>-<flavor>-linux-x86_64/. The JNI bridge for the flavor comes
# from the pytorch-jni jar already in lib/. At run time nothing is downloaded (docs/deploy.md).
FROM ${JDK_IMAGE} AS cuda-natives
ARG LIBTORCH_VERSION=2.7.1
ARG DJL_VERSION=0.36.0
ARG TORCH_FLAVOR=cu128
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY docker/fetch-cuda-natives.sh /usr/local/bin/fetch-cuda-natives.sh
COPY --from=build /out/classifier/lib-cuda/ /tmp/lib/
RUN fetch-cuda-natives.sh "${LIBTORCH_VERSION}" "${TORCH_FLAVOR}" "${DJL_VERSION}" /tmp/lib /opt/djl/engines

FROM runtime AS runtime-cuda
ARG TORCH_FLAVOR=cu128
COPY --from=cuda-natives /opt/djl/engines /opt/djl/engines
# ENGINE_CACHE_DIR: DJL finds libtorch here, read-only, and never downloads it; DJL_CACHE_DIR stays
# the writable cache for everything else. PYTORCH_FLAVOR names the folder to use, whatever CUDA
# version the driver reports. The NVIDIA_* variables ask the NVIDIA container runtime for the
# driver's libraries; the CUDA runtime itself is inside the libtorch folder.
ENV ENGINE_CACHE_DIR=/opt/djl/engines \
    PYTORCH_FLAVOR=${TORCH_FLAVOR} \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility

# ---------------------------------------------------------------------------------------------
# The service images. HTTP_PORT is each service's own default port (ingest 8081, classifier 9402,
# trainer 9403), set here as well because the HEALTHCHECK probe reads it. The trainer's CMD has
# no flags: flags would override RETRAIN_EVERY and RETRAIN_MIN_NEW_IMAGES (defaults PT30M, 200).
FROM runtime AS ingest
COPY --from=build /out/ingest/lib/ /app/lib/
# The sample set compose's bootstrap service pushes (ingest push --label-from-folder /app/samples).
COPY --from=build /out/samples/ /app/samples/
ENV MAIN_CLASS=io.flowerstream.ingest.cli.IngestCommand HTTP_PORT=8081
EXPOSE 8081
CMD ["serve"]

FROM runtime-cuda AS classifier-cuda
# Without the CPU native jar DJL takes libtorch from ENGINE_CACHE_DIR: with it, it would prefer the jar.
COPY --from=build /out/classifier/lib-cuda/ /app/lib/
ENV MAIN_CLASS=io.flowerstream.classifier.cli.ClassifierCommand HTTP_PORT=9402
EXPOSE 9402

FROM runtime-cuda AS trainer-cuda
COPY --from=build /out/trainer/lib-cuda/ /app/lib/
ENV MAIN_CLASS=io.flowerstream.trainer.cli.TrainerCommand HTTP_PORT=9403
EXPOSE 9403
CMD ["serve"]

FROM runtime AS trainer
COPY --from=build /out/trainer/lib/ /app/lib/
ENV MAIN_CLASS=io.flowerstream.trainer.cli.TrainerCommand HTTP_PORT=9403
EXPOSE 9403
CMD ["serve"]

# Last, so that a plain `docker build .` gives the CPU classifier.
FROM runtime AS classifier
COPY --from=build /out/classifier/lib/ /app/lib/
ENV MAIN_CLASS=io.flowerstream.classifier.cli.ClassifierCommand HTTP_PORT=9402
EXPOSE 9402
