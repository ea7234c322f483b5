package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/fetch-cuda-natives.sh, the CUDA images' build step, against a local server laid out like
 * publish.djl.ai: it must produce the folder DJL's engine cache expects, named as DJL names it.
 * (That DJL then loads such a folder read-only and offline was checked by hand with the CPU
 * flavor: docs/deploy.md.)
 */
class FetchCudaNativesScriptTest {

    private static final Path SCRIPT = RepoPaths.ROOT.resolve("docker/fetch-cuda-natives.sh");

    @TempDir
    Path dir;

    private HttpServer server;

    @BeforeEach
    void serveAFakeDistribution() throws IOException {
        assumeTrue(
                Programs.onPath("curl") && Programs.onPath("gunzip"),
                "curl and gunzip are needed to run fetch-cuda-natives.sh: this test is skipped. Install them with "
                        + "apt-get install -y curl gzip (.ci/run does)");
        Path site = dir.resolve("site/pytorch/2.7.1");
        Files.createDirectories(site.resolve("cu128/linux-x86_64/native/lib"));
        Files.write(site.resolve("cu128/linux-x86_64/native/lib/libtorch.so.gz"), gzip("torch"));
        Files.write(site.resolve("cu128/linux-x86_64/native/lib/libc10_cuda.so.gz"), gzip("c10 cuda"));
        Files.writeString(
                site.resolve("files.txt"),
                String.join(
                                "\n",
                                "cpu/linux-x86_64/native/lib/libtorch.so.gz",
                                "cu128/linux-x86_64/native/lib/libtorch.so.gz",
                                "cu128/linux-x86_64/native/lib/libc10_cuda.so.gz",
                                "cu128/win-x86_64/native/lib/torch.dll.gz")
                        + "\n");

        Path lib = Files.createDirectories(dir.resolve("lib"));
        try (JarOutputStream jar =
                new JarOutputStream(Files.newOutputStream(lib.resolve("pytorch-jni-2.7.1-0.36.0.jar")))) {
            jar.putNextEntry(new JarEntry("jnilib/linux-x86_64/cu128/libdjl_torch.so"));
            jar.write("jni cu128".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Path file = dir.resolve("site")
                    .resolve(exchange.getRequestURI().getPath().substring(1))
                    .normalize();
            if (!file.startsWith(dir.resolve("site")) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void lays_the_flavor_out_as_djl_engine_cache_with_the_jni_bridge_beside_it() throws Exception {
        Result result = run("cu128");

        assertThat(result.exitCode).as(result.output).isZero();
        Path libtorch = dir.resolve("engines/pytorch/2.7.1-cu128-linux-x86_64");
        assertThat(libtorch.resolve("libtorch.so")).hasContent("torch");
        assertThat(libtorch.resolve("libc10_cuda.so")).hasContent("c10 cuda");
        assertThat(libtorch.resolve("0.36.0-libdjl_torch.so")).hasContent("jni cu128");
        try (var files = Files.list(libtorch)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("only the linux cu128 files")
                    .containsExactlyInAnyOrder("libtorch.so", "libc10_cuda.so", "0.36.0-libdjl_torch.so");
        }
    }

    @Test
    void a_flavor_the_distribution_lacks_fails_the_build_and_says_what_to_do() throws Exception {
        Result result = run("cu126");

        assertThat(result.exitCode).isNotZero();
        assertThat(result.output)
                .contains("lists no cu126/linux-x86_64 natives")
                .contains("TORCH_FLAVOR");
    }

    private record Result(int exitCode, String output) {}

    private Result run(String flavor) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "sh",
                        SCRIPT.toString(),
                        "2.7.1",
                        flavor,
                        "0.36.0",
                        dir.resolve("lib").toString(),
                        dir.resolve("engines").toString())
                .redirectErrorStream(true);
        builder.environment()
                .put(
                        "DJL_PUBLISH_URL",
                        "http://127.0.0.1:" + server.getAddress().getPort());
        // The script unpacks the JNI library with the JDK's jar tool.
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        builder.environment().merge("PATH", javaBin.toString(), (path, bin) -> bin + java.io.File.pathSeparator + path);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("fetch-cuda-natives.sh finished")
                .isTrue();
        return new Result(process.exitValue(), output);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
