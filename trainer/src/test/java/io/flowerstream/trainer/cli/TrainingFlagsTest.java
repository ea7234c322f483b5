package io.flowerstream.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowerstream.model.engine.DeviceChoice;
import io.flowerstream.model.engine.DjlRuntime;
import io.flowerstream.model.net.Architecture;
import io.flowerstream.trainer.augment.Augmentation;
import io.flowerstream.trainer.run.RunSettings;
import io.flowerstream.trainer.train.LearningRateSchedule;
import io.flowerstream.trainer.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The training flags build their settings through the builders, with the builders' defaults. */
class TrainingFlagsTest {

    private static RunSettings parse(String... args) {
        TrainingFlags flags = new TrainingFlags();
        new CommandLine(flags).parseArgs(args);
        return flags.settings();
    }

    @Test
    void with_no_flags_but_the_device_the_settings_are_the_builders_defaults() {
        RunSettings fromFlags = parse("--device", "cpu");

        RunSettings defaults = RunSettings.builder()
                .training(TrainingOptions.builder()
                        .devices(DeviceChoice.CPU.resolveAll(DjlRuntime.engine()))
                        .build())
                .build();
        // field by field: the devices are an array, compared element by element
        assertThat(fromFlags).usingRecursiveComparison().isEqualTo(defaults);
    }

    @Test
    void each_flag_reaches_the_setting_of_its_name() {
        RunSettings settings = parse(
                "--device",
                "cpu",
                "--epochs",
                "3",
                "--batch-size",
                "8",
                "--learning-rate",
                "0.01",
                "--weight-decay",
                "0.0001",
                "--patience",
                "5",
                "--schedule",
                "cosine",
                "--label-smoothing",
                "0.1",
                "--seed",
                "7",
                "--max-batches",
                "4",
                "--limit",
                "100",
                "--max-minutes",
                "2",
                "--no-augmentation",
                "--margin",
                "0.02",
                "--promote",
                "--warm-start",
                "--loader-threads",
                "3",
                "--new-photo-share",
                "0.5");

        TrainingOptions training = settings.training();
        assertThat(training.epochs()).isEqualTo(3);
        assertThat(training.batchSize()).isEqualTo(8);
        assertThat(training.learningRate()).isEqualTo(0.01f);
        assertThat(training.weightDecay()).isEqualTo(0.0001f);
        assertThat(training.patience()).isEqualTo(5);
        assertThat(training.schedule()).isEqualTo(LearningRateSchedule.Kind.COSINE);
        assertThat(training.labelSmoothing()).isEqualTo(0.1f);
        assertThat(training.seed()).isEqualTo(7);
        assertThat(training.maxBatches()).isEqualTo(4);
        assertThat(training.maxSeconds()).isEqualTo(120);
        assertThat(training.augmentation()).isEqualTo(Augmentation.none());
        assertThat(settings.limit()).isEqualTo(100);
        assertThat(settings.margin()).isEqualTo(0.02);
        assertThat(settings.forcePromote()).isTrue();
        assertThat(settings.warmStart()).isTrue();
        assertThat(settings.loaderThreads()).isEqualTo(3);
        assertThat(settings.newPhotoShare()).isEqualTo(0.5);
    }

    @Test
    void augmentation_and_architecture_are_chosen_by_name_and_an_unknown_name_is_refused() {
        TrainingOptions chosen = parse(
                        "--device", "cpu", "--augmentation", "seed", "--architecture", "flowers-cnn-seed")
                .training();
        assertThat(chosen.augmentation()).isEqualTo(Augmentation.seed());
        assertThat(chosen.architecture()).isEqualTo(Architecture.SEED);

        TrainingOptions byDefault = parse("--device", "cpu").training();
        assertThat(byDefault.augmentation()).isEqualTo(Augmentation.sources());
        assertThat(byDefault.architecture()).isEqualTo(Architecture.BATCH_NORM);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("--device", "cpu", "--architecture", "vgg"))
                .hasMessageContaining("vgg")
                .hasMessageContaining("flowers-cnn-bn");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("--device", "cpu", "--augmentation", "more"))
                .hasMessageContaining("more");
    }
}
