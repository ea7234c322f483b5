package io.flowerstream.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The project's modules and their dependencies, read from the POMs (the root's {@code <modules>},
 * each module's {@code <dependencies>} and those of its profiles), and the rules the graph must
 * keep: services meet only through topics, the registry and the bucket.
 */
final class ModuleGraph {

    /** The three services: none may know another, nor {@code standalone}. */
    static final Set<String> SERVICES = Set.of("ingest", "classifier", "trainer");
    /** Modules nothing may depend on outside its tests. */
    static final Set<String> TEST_ONLY = Set.of("test-support");
    /** Modules the shared ground floor is made of, each allowed only the modules listed (any scope but test). */
    static final Map<String, Set<String>> FLOOR = Map.of(
            "contracts", Set.of(),
            "platform", Set.of("contracts"),
            "embedded", Set.of());
    /**
     * Third-party group ids a ground-floor module may not declare outside its tests: the contracts
     * carry no engine and no S3 client, the platform no engine (the ingest image stays free of DJL),
     * and the embedded servers no JUnit (they run in the product).
     */
    static final Map<String, Set<String>> FLOOR_FORBIDS = Map.of(
            "contracts", Set.of("ai.djl", "ai.djl.pytorch", "net.java.dev.jna", "io.minio", "org.junit.jupiter"),
            "platform", Set.of("ai.djl", "ai.djl.pytorch", "net.java.dev.jna", "org.junit.jupiter"),
            "embedded", Set.of("ai.djl", "ai.djl.pytorch", "net.java.dev.jna", "org.junit.jupiter"));

    /** One third-party dependency a module declares. */
    record Library(String module, String groupId, String artifactId, String scope) {}

    /** One dependency of a module on another module of the project. */
    record Edge(String from, String to, String scope) {

        boolean isTestScope() {
            return "test".equals(scope);
        }
    }

    private static final String GROUP = "io.flowerstream";

    final List<String> modules;
    final List<Edge> edges;
    final List<Library> libraries;

    ModuleGraph(List<String> modules, List<Edge> edges, List<Library> libraries) {
        this.modules = List.copyOf(modules);
        this.edges = List.copyOf(edges);
        this.libraries = List.copyOf(libraries);
    }

    /** The graph the POMs under {@code root} declare. */
    static ModuleGraph read(Path root) throws IOException {
        List<String> modules = new ArrayList<>();
        NodeList listed = parse(root.resolve("pom.xml")).getElementsByTagName("module");
        for (int i = 0; i < listed.getLength(); i++) {
            modules.add(listed.item(i).getTextContent().trim());
        }
        List<Edge> edges = new ArrayList<>();
        List<Library> libraries = new ArrayList<>();
        for (String module : modules) {
            Path pom = root.resolve(module).resolve("pom.xml");
            if (!Files.isRegularFile(pom)) {
                throw new IOException("the root POM lists module " + module + " but " + pom + " does not exist");
            }
            NodeList deps = parse(pom).getElementsByTagName("dependency");
            for (int i = 0; i < deps.getLength(); i++) {
                Element dep = (Element) deps.item(i);
                // dependencyManagement and plugin dependencies declare no edge of the graph.
                if (!"dependencies".equals(dep.getParentNode().getNodeName())
                        || hasAncestor(dep, "dependencyManagement")
                        || hasAncestor(dep, "plugin")) {
                    continue;
                }
                String scope = child(dep, "scope") == null ? "compile" : child(dep, "scope");
                if (GROUP.equals(child(dep, "groupId"))) {
                    edges.add(new Edge(module, child(dep, "artifactId"), scope));
                } else {
                    libraries.add(new Library(module, child(dep, "groupId"), child(dep, "artifactId"), scope));
                }
            }
        }
        return new ModuleGraph(modules, edges, libraries);
    }

    /** Every edge that breaks a rule, each as a sentence that says which POM to change. */
    List<String> violations() {
        List<String> found = new ArrayList<>();
        for (Edge e : edges) {
            if (SERVICES.contains(e.from()) && (SERVICES.contains(e.to()) || e.to().equals("standalone"))) {
                found.add(e.from() + "/pom.xml depends on " + e.to() + " (" + e.scope() + "): a service may not know "
                        + "another service or standalone; services meet only through topics, the registry and the "
                        + "bucket (move what they share to contracts or platform)");
            }
            if (TEST_ONLY.contains(e.to()) && !e.isTestScope()) {
                found.add(e.from() + "/pom.xml depends on " + e.to() + " at " + e.scope() + " scope: JUnit and "
                        + "logback-test.xml would reach the product's class path; give it <scope>test</scope> (the "
                        + "embedded broker and S3 server are in the embedded module)");
            }
            Set<String> allowed = FLOOR.get(e.from());
            if (allowed != null && !e.isTestScope() && !allowed.contains(e.to())) {
                found.add(e.from() + "/pom.xml depends on " + e.to() + " (" + e.scope() + "): " + e.from()
                        + " may depend only on " + (allowed.isEmpty() ? "no module of the project" : allowed));
            }
        }
        for (Library l : libraries) {
            Set<String> forbidden = FLOOR_FORBIDS.get(l.module());
            if (forbidden != null && !"test".equals(l.scope()) && forbidden.contains(l.groupId())) {
                found.add(l.module() + "/pom.xml declares " + l.groupId() + ":" + l.artifactId() + " (" + l.scope()
                        + "): "
                        + l.module() + " may not carry " + forbidden + " outside its tests; put that code in model "
                        + "(DJL, JNA), platform (S3) or test-support (JUnit)");
            }
        }
        return found;
    }

    /** One line per module: what it depends on outside its tests, then what its tests add. */
    String render() {
        Map<String, Set<String>> main = new TreeMap<>();
        Map<String, Set<String>> tests = new TreeMap<>();
        for (Edge e : edges) {
            (e.isTestScope() ? tests : main)
                    .computeIfAbsent(e.from(), k -> new TreeSet<>())
                    .add(e.to());
        }
        StringBuilder out = new StringBuilder();
        for (String module : modules) {
            String uses = String.join(", ", main.getOrDefault(module, Set.of()));
            String testUses = String.join(", ", tests.getOrDefault(module, Set.of()));
            out.append(module).append(" -> ").append(uses.isEmpty() ? "(none)" : uses);
            if (!testUses.isEmpty()) {
                out.append("   [tests: ").append(testUses).append(']');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A copy with one more edge: for checking that the rules catch it. */
    ModuleGraph with(Edge edge) {
        List<Edge> more = new ArrayList<>(edges);
        more.add(edge);
        return new ModuleGraph(modules, more, libraries);
    }

    /** A copy with one more third-party dependency: for checking that the rules catch it. */
    ModuleGraph with(Library library) {
        List<Library> more = new ArrayList<>(libraries);
        more.add(library);
        return new ModuleGraph(modules, edges, more);
    }

    /** The modules {@code module} depends on outside its tests. */
    Set<String> mainDependencies(String module) {
        return edges.stream()
                .filter(e -> e.from().equals(module) && !e.isTestScope())
                .map(Edge::to)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Document parse(Path pom) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot parse " + pom + ": " + e.getMessage(), e);
        }
    }

    private static String child(Element element, String name) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && n.getNodeName().equals(name)) {
                return n.getTextContent().trim();
            }
        }
        return null;
    }

    private static boolean hasAncestor(Node node, String name) {
        for (Node p = node.getParentNode(); p != null; p = p.getParentNode()) {
            if (name.equals(p.getNodeName())) {
                return true;
            }
        }
        return false;
    }
}
