package io.flowerstream.standalone.synthetic;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Writes the synthetic flower set to a folder: the sample set the container build bakes into the
 * ingest image for the first {@code docker compose up} (the {@code bootstrap} service pushes it, so
 * that the trainer has enough photos of every class for a first model). Needs only the JDK and
 * {@code FlowerClasses}, so the Dockerfile compiles it with javac beside the Maven build.
 */
public final class WriteSyntheticSet {

    private WriteSyntheticSet() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Writes the set; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(usage());
            return 0;
        }
        if (args.length != 2) {
            err.println(
                    "write-synthetic-set: expected DIR and PER_CLASS, got " + args.length + " arguments\n" + usage());
            return 2;
        }
        int perClass;
        try {
            perClass = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            err.println("write-synthetic-set: PER_CLASS must be a whole number, not '" + args[1] + "'\n" + usage());
            return 2;
        }
        Path dir = Path.of(args[0]);
        new SyntheticFlowerSet().write(dir, perClass, 1);
        out.println("write-synthetic-set: " + perClass + " synthetic pictures of each class under " + dir);
        return 0;
    }

    private static String usage() {
        return "Usage: WriteSyntheticSet DIR PER_CLASS\n"
                + "Writes PER_CLASS synthetic JPEGs of each flower class into DIR/<class>/ (synthetic-*.jpg: not "
                + "photos).";
    }
}
