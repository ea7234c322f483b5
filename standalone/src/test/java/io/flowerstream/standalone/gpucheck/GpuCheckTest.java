package io.flowerstream.standalone.gpucheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.Precision;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gpu-check} on the CPU with tiny sizes: every part runs and reports what it measured. */
class GpuCheckTest {

    private static final List<Integer> SIZES = List.of(1, 2, 4, 8);

    private static GpuCheckSettings tiny() {
        return GpuCheckSettings.builder()
                .device(DeviceChoice.CPU)
                .precision(Precision.FP32)
                .photos(20)
                .trainBatch(8)
                .trainEpochs(3)
                .trainSteps(3)
                .batchSizes(SIZES)
                .secondsPerBatch(0.2)
                .endToEndImages(40)
                .latencySeconds(2)
                .partitions(2)
                .streamThreads(1)
                .decodeThreads(2)
                .goals(Goals.H200)
                .build();
    }

    @Test
    void a_tiny_run_on_the_cpu_trains_sweeps_every_batch_size_and_classifies_every_image_end_to_end(@TempDir Path dir)
            throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        GpuCheckResult result = new GpuCheck(tiny(), new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(result.engine().engine()).isEqualTo("PyTorch");
        assertThat(result.engine().version()).isNotBlank();
        assertThat(result.engine().device()).isEqualTo("cpu()");
        assertThat(result.engine().gpus()).isEmpty();

        TrainingCheck.Report training = result.training();
        assertThat(training.epochLosses())
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).isFinite().isPositive());
        assertThat(training.lossFell())
                .as("loss by epoch %s", training.epochLosses())
                .isTrue();
        assertThat(training.epochLosses().get(2))
                .isLessThan(training.epochLosses().get(0));
        assertThat(training.imagesPerSecond()).isPositive();
        assertThat(training.loaderThreads()).isEqualTo(1);

        assertThat(result.predictor())
                .extracting(PredictorSweep.Point::batchSize)
                .containsExactlyElementsOf(SIZES);
        assertThat(result.predictor()).allSatisfy(p -> {
            assertThat(p.imagesPerSecond()).isPositive();
            assertThat(p.batches()).isGreaterThanOrEqualTo(5);
            assertThat(p.p50BatchMs()).isPositive().isLessThanOrEqualTo(p.p99BatchMs());
        });

        EndToEndCheck.Report endToEnd = result.endToEnd();
        assertThat(endToEnd.images()).isEqualTo(40);
        assertThat(endToEnd.classified()).isEqualTo(40);
        assertThat(endToEnd.imagesPerSecond()).isPositive();
        assertThat(endToEnd.maxBatchSize()).isEqualTo(8);
        assertThat(endToEnd.decodeMsPerImage()).isPositive();
        assertThat(endToEnd.latencyImages()).isPositive();
        assertThat(endToEnd.p50Ms()).isLessThanOrEqualTo(endToEnd.p99Ms());

        // The goals are judged on the figures above, not on anything else.
        assertThat(result.goals()).hasSize(3);
        assertThat(result.goals().get(0).measured())
                .isEqualTo(result.bestPredictorPoint().imagesPerSecond());
        assertThat(result.goals().get(1).measured()).isEqualTo(endToEnd.imagesPerSecond());
        assertThat(result.goals().get(2).measured()).isEqualTo(training.imagesPerSecond());
        assertThat(result.goals()).allSatisfy(g -> assertThat(g.met()).isEqualTo(g.measured() >= g.goal()));

        Path json = dir.resolve("out/gpu-check.json");
        GpuCheckReport.writeJson(result, json);
        JsonNode written = new ObjectMapper().readTree(json.toFile());
        assertThat(written.path("predictor")).hasSize(SIZES.size());
        assertThat(written.path("endToEnd").path("classified").asInt()).isEqualTo(40);
        assertThat(written.path("training").path("epochLosses")).hasSize(3);
        assertThat(written.path("goals").get(0).path("goal").asDouble()).isEqualTo(20_000);

        String table = GpuCheckReport.table(result);
        assertThat(table)
                .contains("GPUs seen: none")
                .contains("40 of 40 images classified")
                .contains("goal ");
        assertThat(table.lines().filter(l -> l.matches("\\s+\\d+\\s+.*"))).hasSize(SIZES.size());
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("end to end done");

        // A run's JSON (say, from a GPU machine) renders the same table into a doc, between markers.
        assertThat(GpuCheckReport.table(GpuCheckReport.readJson(json))).isEqualTo(table);
        Path doc = dir.resolve("gpu.md");
        Files.writeString(doc, "before\n<!-- h200:begin -->\nold\n<!-- h200:end -->\nafter\n");
        int status = new CommandLine(new GpuCheckCommand())
                .execute("--from", json.toString(), "--doc", doc.toString(), "--section", "h200");
        assertThat(status).isZero();
        assertThat(Files.readString(doc))
                .startsWith("before\n<!-- h200:begin -->\n```\n" + table + "```\n")
                .contains("--from " + json)
                .doesNotContain("old")
                .endsWith("<!-- h200:end -->\nafter\n");
    }

    @Test
    void asking_for_a_gpu_where_none_is_seen_exits_2_with_the_reason_instead_of_running_on_the_cpu(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new GpuCheckCommand()).setErr(new PrintWriter(err));
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = command.execute(
                    "--device", "gpu", "--json", dir.resolve("never.json").toString());
        } finally {
            System.setErr(stderr);
        }
        assertThat(code).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("--device gpu was asked for")
                .contains("sees no GPU");
        assertThat(dir.resolve("never.json")).doesNotExist();
    }

    @Test
    void fp16_on_a_cpu_exits_1_with_what_to_do_before_anything_runs(@TempDir Path dir) {
        PrintStream stderr = System.err;
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            code = new CommandLine(new GpuCheckCommand())
                    .execute(
                            "--device",
                            "cpu",
                            "--precision",
                            "fp16",
                            "--json",
                            dir.resolve("never.json").toString());
        } finally {
            System.setErr(stderr);
            System.setOut(stdout);
        }
        assertThat(code).isEqualTo(1);
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("gpu-check: --precision fp16 runs on a GPU only")
                .contains("use --precision fp32 or --device gpu")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("never.json")).doesNotExist();
        // refused before the training, which at the default sizes takes minutes on a CPU
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("training done");
    }

    @Test
    void the_flags_give_the_issue_s_goals_and_sizes_and_cores_for_the_unset_threads() {
        GpuCheckCommand command = new GpuCheckCommand();
        new CommandLine(command).parseArgs("--device", "cpu", "--batch-sizes", "1,16");
        GpuCheckSettings settings = command.settings(16);

        assertThat(settings.goals()).isEqualTo(Goals.H200);
        assertThat(settings.batchSizes()).containsExactly(1, 16);
        assertThat(settings.decodeThreads()).isEqualTo(16);
        assertThat(settings.partitions()).isEqualTo(16);
        assertThat(settings.trainBatch()).isEqualTo(128);
        assertThat(new CommandLine(new GpuCheckCommand()).execute("--help")).isZero();
    }
}
