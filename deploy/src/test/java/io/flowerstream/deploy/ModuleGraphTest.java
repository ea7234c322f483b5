package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The module graph the POMs declare keeps its rules: no service depends on another service or on
 * standalone, nothing depends on test-support outside its tests, and the ground floor (contracts,
 * platform, embedded) stays below everything else and carries no engine (and the contracts no S3
 * client, the embedded servers no JUnit). docs/design.md shows the same graph.
 */
class ModuleGraphTest {

    private static final Pattern DOC_GRAPH =
            Pattern.compile("<!-- module-graph:begin -->\\n```\\n(.*?)```\\n<!-- module-graph:end -->", Pattern.DOTALL);

    @Test
    void the_poms_break_no_rule_of_the_module_graph() throws IOException {
        ModuleGraph graph = ModuleGraph.read(RepoPaths.ROOT);

        assertThat(graph.violations()).as("module graph:\n%s", graph.render()).isEmpty();
    }

    @Test
    void a_service_that_depends_on_another_service_is_caught() throws IOException {
        ModuleGraph graph = ModuleGraph.read(RepoPaths.ROOT);

        assertThat(graph.with(new ModuleGraph.Edge("trainer", "classifier", "compile"))
                        .violations())
                .singleElement()
                .asString()
                .contains("trainer/pom.xml depends on classifier", "may not know another service");
        assertThat(graph.with(new ModuleGraph.Edge("ingest", "trainer", "test")).violations())
                .singleElement()
                .asString()
                .contains("ingest/pom.xml depends on trainer (test)");
        assertThat(graph.with(new ModuleGraph.Edge("classifier", "standalone", "runtime"))
                        .violations())
                .singleElement()
                .asString()
                .contains("classifier/pom.xml depends on standalone");
    }

    @Test
    void a_dependency_on_test_support_outside_the_tests_is_caught() throws IOException {
        ModuleGraph graph = ModuleGraph.read(RepoPaths.ROOT);

        assertThat(graph.with(new ModuleGraph.Edge("standalone", "test-support", "compile"))
                        .violations())
                .singleElement()
                .asString()
                .contains("standalone/pom.xml depends on test-support at compile scope");
        assertThat(graph.with(new ModuleGraph.Edge("standalone", "test-support", "test"))
                        .violations())
                .isEmpty();
    }

    @Test
    void the_ground_floor_depends_on_nothing_above_it() throws IOException {
        ModuleGraph graph = ModuleGraph.read(RepoPaths.ROOT);

        assertThat(graph.mainDependencies("contracts")).isEmpty();
        assertThat(graph.mainDependencies("platform")).containsExactly("contracts");
        assertThat(graph.mainDependencies("embedded")).isEmpty();
        assertThat(graph.with(new ModuleGraph.Edge("platform", "model", "compile"))
                        .violations())
                .singleElement()
                .asString()
                .contains("platform may depend only on [contracts]");
    }

    @Test
    void an_engine_or_s3_client_or_junit_in_the_ground_floor_is_caught() throws IOException {
        ModuleGraph graph = ModuleGraph.read(RepoPaths.ROOT);

        assertThat(graph.with(new ModuleGraph.Library("contracts", "io.minio", "minio", "compile"))
                        .violations())
                .singleElement()
                .asString()
                .contains("contracts/pom.xml declares io.minio:minio (compile)");
        assertThat(graph.with(new ModuleGraph.Library("platform", "ai.djl", "api", "compile"))
                        .violations())
                .singleElement()
                .asString()
                .contains("platform/pom.xml declares ai.djl:api");
        ModuleGraph.Library junit =
                new ModuleGraph.Library("embedded", "org.junit.jupiter", "junit-jupiter", "compile");
        assertThat(graph.with(junit).violations())
                .singleElement()
                .asString()
                .contains("embedded/pom.xml declares org.junit.jupiter:junit-jupiter");
        ModuleGraph.Library junitInTests =
                new ModuleGraph.Library("embedded", "org.junit.jupiter", "junit-jupiter", "test");
        assertThat(graph.with(junitInTests).violations()).isEmpty();
    }

    @Test
    void the_graph_in_docs_design_md_is_the_one_the_poms_declare() throws IOException {
        String doc = Files.readString(RepoPaths.ROOT.resolve("docs/design.md"));
        Matcher m = DOC_GRAPH.matcher(doc);

        assertThat(m.find())
                .as("docs/design.md has a ``` block between <!-- module-graph:begin --> and <!-- module-graph:end -->")
                .isTrue();
        assertThat(m.group(1))
                .as("docs/design.md's module graph; replace the block with what the POMs declare")
                .isEqualTo(ModuleGraph.read(RepoPaths.ROOT).render());
    }
}
