package io.flowerstream.deploy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which external programs the tests that run one can find. */
final class Programs {

    private Programs() {}

    /** True when an executable {@code program} is on the PATH. */
    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
