package io.flowerstream.ingest.push;

import io.flowerstream.contracts.FlowerClasses;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a pushed file's label comes from: none (images to classify), one label for all
 * ({@code --label}), or the name of the folder that holds the file ({@code --label-from-folder},
 * the layout of the seed's dataset).
 */
public sealed interface Labelling permits Labelling.None, Labelling.Fixed, Labelling.FromFolder {

    /** The reason code of a file whose folder is not one of the five labels. */
    String UNKNOWN_LABEL = "unknown_label";

    /**
     * The validated label of {@code file}: empty for unlabelled pushes; throws
     * {@link UnknownLabelException} when the folder's name is not a flower class.
     */
    Optional<String> labelOf(Path file) throws UnknownLabelException;

    /** No label: the images are for the classifier, not for training. */
    record None() implements Labelling {
        @Override
        public Optional<String> labelOf(Path file) {
            return Optional.empty();
        }
    }

    /** One label, already validated, for every file. */
    record Fixed(String label) implements Labelling {
        public Fixed {
            if (!FlowerClasses.isValid(label)) {
                throw new IllegalArgumentException(unknownLabelMessage("--label", label));
            }
        }

        @Override
        public Optional<String> labelOf(Path file) {
            return Optional.of(label);
        }
    }

    /** The label is the parent folder's name (case and spaces forgiven). */
    record FromFolder() implements Labelling {
        @Override
        public Optional<String> labelOf(Path file) throws UnknownLabelException {
            Path parent = file.toAbsolutePath().getParent();
            String folder = parent == null || parent.getFileName() == null
                    ? ""
                    : parent.getFileName().toString();
            String label = FlowerClasses.normalise(folder);
            if (!FlowerClasses.isValid(label)) {
                throw new UnknownLabelException(unknownLabelMessage("folder name", folder));
            }
            return Optional.of(label);
        }
    }

    /** {@code --label} as typed: null for none, normalised and validated otherwise. */
    static Labelling of(String label, boolean fromFolder) {
        if (fromFolder && label != null) {
            throw new IllegalArgumentException("give either --label or --label-from-folder, not both");
        }
        if (fromFolder) {
            return new FromFolder();
        }
        return label == null ? new None() : new Fixed(FlowerClasses.normalise(label));
    }

    /** The message for a label that is not a flower class, listing the valid ones. */
    static String unknownLabelMessage(String where, String label) {
        return "unknown label '" + label + "' (" + where + "): use one of " + String.join(", ", FlowerClasses.NAMES);
    }

    /** Signals that a file's folder name is not a flower class. */
    final class UnknownLabelException extends Exception {
        private static final long serialVersionUID = 1L;

        UnknownLabelException(String message) {
            super(message);
        }
    }
}
