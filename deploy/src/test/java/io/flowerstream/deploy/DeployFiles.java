package io.flowerstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The deploy files and the service sources as the cross-checks read them. The deploy module
 * depends on no other module, so the services' code is read as text: the tests compare what the
 * deploy files set with what the code reads.
 */
final class DeployFiles {

    /** The compose services that run flowerstream's own images (the rest are third-party). */
    static final List<String> COMPOSE_SERVICES = List.of("ingest", "classifier", "trainer", "trainer-gpu");

    /**
     * Where the services read their environment: their Java sources (the shared contracts, platform
     * and model libraries included; standalone is no deployed service), the images' entrypoint and logging config.
     */
    static final List<Path> SERVICE_SOURCES = List.of(
            RepoPaths.ROOT.resolve("contracts/src/main/java"),
            RepoPaths.ROOT.resolve("platform/src/main/java"),
            RepoPaths.ROOT.resolve("model/src/main/java"),
            RepoPaths.ROOT.resolve("ingest/src/main/java"),
            RepoPaths.ROOT.resolve("classifier/src/main/java"),
            RepoPaths.ROOT.resolve("trainer/src/main/java"),
            RepoPaths.ROOT.resolve("deploy/src/main/java"),
            RepoPaths.ROOT.resolve("docker/entrypoint.sh"),
            RepoPaths.ROOT.resolve("config/logback.xml"));

    private static final Pattern STAGE = Pattern.compile("(?im)^FROM\\s+\\S+\\s+AS\\s+(\\S+)\\s*$");

    private DeployFiles() {}

    /** docker-compose.yml as compose sees it: SnakeYAML resolves its anchors, aliases and merge keys. */
    static JsonNode compose() {
        return yaml(RepoPaths.ROOT.resolve("docker-compose.yml"));
    }

    static JsonNode yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new ObjectMapper().valueToTree(new Yaml().load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every service source file's text, concatenated. */
    static String serviceSources() {
        StringBuilder all = new StringBuilder();
        for (Path root : SERVICE_SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .forEach(f -> all.append(read(f)).append('\n'));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }

    /**
     * The Dockerfile's named stages, name to body (its instructions up to the next FROM), with
     * backslash-continued lines joined so that one ENV instruction is one line.
     */
    static Map<String, String> dockerfileStages() {
        String dockerfile = read(RepoPaths.ROOT.resolve("Dockerfile")).replaceAll("\\\\\\r?\\n\\s*", " ");
        Map<String, String> stages = new LinkedHashMap<>();
        Matcher m = STAGE.matcher(dockerfile);
        String name = null;
        int start = 0;
        while (m.find()) {
            if (name != null) {
                stages.put(name, dockerfile.substring(start, m.start()));
            }
            name = m.group(1);
            start = m.end();
        }
        if (name != null) {
            stages.put(name, dockerfile.substring(start));
        }
        return stages;
    }

    /** The variables a Dockerfile stage's ENV instructions set, name to value. */
    static Map<String, String> dockerEnv(String stageBody) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : stageBody.lines().filter(l -> l.startsWith("ENV ")).toList()) {
            Matcher m = Pattern.compile("([A-Z][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher(line);
            while (m.find()) {
                env.put(m.group(1), m.group(2).replace("\"", ""));
            }
        }
        return env;
    }
}
