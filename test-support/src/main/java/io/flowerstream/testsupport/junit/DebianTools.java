package io.flowerstream.testsupport.junit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the Debian programs a few tests run ({@code kcat}, {@code prometheus}, {@code promtool}) on
 * the PATH, and skips the calling test, with the reason and the install command, where one is missing.
 *
 * <p>Call it from the test method or a {@code @BeforeEach}, never from {@code @BeforeAll}: an
 * assumption there makes Surefire report the class as 0 tests instead of each test as skipped.
 */
public final class DebianTools {

    private DebianTools() {}

    /** An executable named {@code program} on the PATH. */
    public static Optional<Path> find(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@code program}, or the calling test is skipped with a message naming the Debian package that has it. */
    public static Path findOrSkip(String program, String debianPackage) {
        Optional<Path> found = find(program);
        Assumptions.assumeTrue(
                found.isPresent(),
                () -> program + " is not on the PATH: this test is skipped. Install "
                        + "it with apt-get install -y --no-install-recommends " + debianPackage
                        + " (.ci/run does) to run it");
        return found.get();
    }
}
