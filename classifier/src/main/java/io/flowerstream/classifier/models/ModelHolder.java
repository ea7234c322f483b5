package io.flowerstream.classifier.models;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model version being served, swapped atomically between batches.
 *
 * <p>A batch {@link #acquire() acquires} the current version and keeps it until it ends, so a
 * swap never changes the model under a running batch: batches started before the swap finish
 * on the old version, later ones run on the new, and the old one is closed when its last batch
 * lets go.
 */
public final class ModelHolder implements AutoCloseable {

    private final AtomicReference<LoadedModel> current = new AtomicReference<>();

    /** A lease on the current version for one batch, or null when no model is loaded yet. */
    public Lease acquire() {
        while (true) {
            LoadedModel model = current.get();
            if (model == null) {
                return null;
            }
            if (model.tryRetain()) {
                return new Lease(model);
            }
            // Swapped and closed between get() and tryRetain(): read the new one.
        }
    }

    /** Serves {@code next} from the next batch on; the previous version closes once idle. */
    public void swap(LoadedModel next) {
        LoadedModel previous = current.getAndSet(next);
        if (previous != null) {
            previous.release();
        }
    }

    /** The version being served, if any. */
    public OptionalInt servingVersion() {
        LoadedModel model = current.get();
        return model == null ? OptionalInt.empty() : OptionalInt.of(model.version());
    }

    /** Whether a model is loaded. */
    public boolean hasModel() {
        return current.get() != null;
    }

    @Override
    public void close() {
        swap(null);
    }

    /** One batch's hold on a version. */
    public static final class Lease implements AutoCloseable {
        private final LoadedModel model;
        private boolean released;

        private Lease(LoadedModel model) {
            this.model = model;
        }

        public LoadedModel model() {
            return model;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                model.release();
            }
        }
    }
}
