package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@code docker build} sends and uses: every module the root POM lists, the Maven wrapper and
 * every {@code COPY} source of every Dockerfile must be in the build context, or the image build
 * stops (Maven on a missing child module, COPY on a missing file). No Docker engine runs here, so
 * this reads {@code .dockerignore}, the root POM and the Dockerfiles.
 */
class DockerBuildContextTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(.+)$");
    private static final Pattern MAVEN_MODULES = Pattern.compile("-pl\\s+(\\S+)");

    @Test
    void every_module_of_the_root_pom_and_the_maven_wrapper_are_in_the_build_context() {
        List<String> missing = missingFromContext(read(".dockerignore"), buildInputs());

        assertThat(missing).as("left out of the build context by .dockerignore").isEmpty();
    }

    @Test
    void every_copy_source_of_every_dockerfile_exists_and_is_in_the_build_context() throws IOException {
        DockerBuildContext context = new DockerBuildContext(read(".dockerignore"));
        List<Path> dockerfiles = dockerfiles();
        assertThat(dockerfiles).isNotEmpty();
        for (Path dockerfile : dockerfiles) {
            for (String source : copySources(Files.readString(dockerfile))) {
                assertThat(RepoPaths.ROOT.resolve(source))
                        .as("%s: COPY %s", dockerfile, source)
                        .exists();
                assertThat(context.excludedBy(source))
                        .as("%s: COPY %s is excluded by .dockerignore line", dockerfile, source)
                        .isNull();
            }
        }
    }

    @Test
    void the_modules_the_image_build_names_are_modules_of_the_root_pom() throws IOException {
        List<String> modules = rootModules();
        for (Path dockerfile : dockerfiles()) {
            Matcher m = MAVEN_MODULES.matcher(Files.readString(dockerfile));
            while (m.find()) {
                assertThat(modules)
                        .as("%s: mvnw -pl %s", dockerfile, m.group(1))
                        .contains(m.group(1).split(","));
            }
        }
    }

    /** Proves the first check can fail: the .dockerignore that broke the build, with dashboards/ left out. */
    @Test
    void a_dockerignore_that_leaves_out_a_module_is_caught() {
        String broken = read(".dockerignore") + "\ndashboards/\n";

        assertThat(missingFromContext(broken, buildInputs())).contains("dashboards/pom.xml (dashboards/)");
    }

    @Test
    void the_dockerignore_reading_follows_dockers_rules() {
        DockerBuildContext context = new DockerBuildContext("**/target/\n.git\ndocs/\n!docs/keep.md\n*.env\n");

        assertThat(context.excludedBy("model/target/classes/A.class")).isEqualTo("**/target/");
        assertThat(context.excludedBy("target/x.jar")).isEqualTo("**/target/");
        assertThat(context.excludedBy(".git/HEAD")).isEqualTo(".git");
        assertThat(context.excludedBy("docs/deploy.md")).isEqualTo("docs/");
        assertThat(context.excludedBy("docs/keep.md")).isNull();
        assertThat(context.excludedBy("local.env")).isEqualTo("*.env");
        assertThat(context.excludedBy("model/src/main/java/Targets.java")).isNull();
    }

    private static List<String> missingFromContext(String dockerignore, List<String> inputs) {
        DockerBuildContext context = new DockerBuildContext(dockerignore);
        List<String> missing = new ArrayList<>();
        for (String input : inputs) {
            String rule = context.excludedBy(input);
            if (rule != null) {
                missing.add(input + " (" + rule + ")");
            }
        }
        return missing;
    }

    /** What the build stage's Maven run reads: the wrapper, the root POM, and each module's POM and sources. */
    private static List<String> buildInputs() {
        List<String> inputs = new ArrayList<>(List.of("mvnw", "pom.xml", ".mvn/wrapper/maven-wrapper.properties"));
        for (String module : rootModules()) {
            inputs.add(module + "/pom.xml");
            if (Files.isDirectory(RepoPaths.ROOT.resolve(module + "/src/main"))) {
                inputs.add(module + "/src/main");
            }
        }
        return inputs;
    }

    private static List<String> rootModules() {
        List<String> modules = new ArrayList<>();
        Matcher m = MODULE.matcher(read("pom.xml"));
        while (m.find()) {
            modules.add(m.group(1).trim());
        }
        assertThat(modules).as("modules of the root POM").isNotEmpty();
        return modules;
    }

    /** The local sources of a Dockerfile's COPY lines (not {@code --from} a stage, not the whole context). */
    private static List<String> copySources(String dockerfile) {
        List<String> sources = new ArrayList<>();
        Matcher m = COPY.matcher(dockerfile);
        while (m.find()) {
            List<String> words = new ArrayList<>(List.of(m.group(1).trim().split("\\s+")));
            if (words.stream().anyMatch(w -> w.startsWith("--from="))) {
                continue;
            }
            words.removeIf(w -> w.startsWith("--"));
            for (String source : words.subList(0, words.size() - 1)) {
                String path = source.replaceAll("/+$", "");
                if (!path.equals(".")) {
                    sources.add(path);
                }
            }
        }
        return sources;
    }

    private static List<Path> dockerfiles() throws IOException {
        try (Stream<Path> files = Files.walk(RepoPaths.ROOT)) {
            return files.filter(f -> f.getFileName().toString().startsWith("Dockerfile"))
                    .filter(f ->
                            !RepoPaths.ROOT.relativize(f).toString().matches("(.*/)?(target|\\.git|node_modules)/.*"))
                    .toList();
        }
    }

    private static String read(String path) {
        return DeployFiles.read(RepoPaths.ROOT.resolve(path));
    }
}
