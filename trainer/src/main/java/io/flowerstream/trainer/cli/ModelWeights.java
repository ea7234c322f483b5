package io.flowerstream.trainer.cli;

import io.flowerstream.model.calibration.Calibration;
import io.flowerstream.model.registry.FetchedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The weights a scoring command runs: a published version from the registry, or a params file. Used
 * as an exclusive {@code @ArgGroup}, so exactly one of {@code --version} and {@code --params} is given.
 */
final class ModelWeights {

    /** What {@link #load} read: the weights, where they came from, and the version's calibration if any. */
    record Loaded(byte[] params, String source, Calibration calibration) {}

    @Option(names = "--version", required = true, description = "a published version in the registry")
    Integer version;

    @Option(names = "--params", required = true, description = "a model.params file (e.g. from train --save-params)")
    Path params;

    /** Reads the chosen weights; a params file carries no calibration. */
    Loaded load(StorageFlags storage) throws IOException {
        if (params != null) {
            return new Loaded(Files.readAllBytes(params), params.toString(), null);
        }
        FetchedModel fetched = storage.registry(storage.s3()).fetch(version);
        return new Loaded(
                fetched.params(), "version " + version, fetched.metadata().calibration());
    }
}
