package io.flowerstream.classifier.bench;

import java.util.Set;

/**
 * The CPU an end-to-end run spent, split into the broker's threads, the JIT compiler's and the
 * rest (the classifier's stream thread with the forward passes, decoding, Streams' clients and
 * transactions, the benchmark's own producer and reader, GC), and from it how fast the path could
 * go if none of the machine's cores ever idled. That bound, not tuning, caps the end-to-end /
 * raw ratio on a small CPU: the network already fills every core in the raw run, and everything
 * else the path does needs cores too. The broker and the compiler are split out because in
 * production the broker runs elsewhere and a long-running classifier's JIT has settled.
 */
record PathCpu(
        int images, double wallSeconds, double totalCpuSeconds, double brokerCpuSeconds, double compilerCpuSeconds) {

    /** HotSpot names its compiler threads "C1 CompilerThread0", "C2 CompilerThread1", truncated to 15 characters. */
    private static final String COMPILER_THREAD = "CompilerThre";

    static PathCpu between(ThreadCpu before, ThreadCpu after, int images, Set<String> brokerThreads) {
        return new PathCpu(
                images,
                after.secondsSince(before),
                after.cpuSecondsSince(before, t -> true),
                after.cpuSecondsSince(before, brokerThreads::contains),
                after.cpuSecondsSince(before, t -> t.contains(COMPILER_THREAD)));
    }

    double totalMsPerImage() {
        return 1000 * totalCpuSeconds / images;
    }

    double brokerMsPerImage() {
        return 1000 * brokerCpuSeconds / images;
    }

    double compilerMsPerImage() {
        return 1000 * compilerCpuSeconds / images;
    }

    /** The share of {@code cores} that was busy (any thread of this JVM) during the run: 1 when none idled. */
    double busyShare(int cores) {
        return totalCpuSeconds / (cores * wallSeconds);
    }

    /** Images/s if every one of {@code cores} did this path's work without a moment idle. */
    double boundWithEveryCoreBusy(int cores) {
        return cores * images / totalCpuSeconds;
    }

    /** The same with the broker's and the JIT compiler's CPU taken off these cores. */
    double boundWithoutBrokerAndCompiler(int cores) {
        return cores * images / (totalCpuSeconds - brokerCpuSeconds - compilerCpuSeconds);
    }
}
