package io.flowerstream.model.engine;

import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine the one way this project allows: offline, from the native jar
 * on the classpath.
 *
 * <p>Without the offline switch DJL asks a cloud metadata address and a telemetry host at
 * start-up, and would download natives if the jar were missing; both must fail loudly here,
 * never silently reach out. Call {@link #engine()} before any other DJL call.
 */
public final class DjlRuntime {

    /** The engine name this project runs on. */
    public static final String ENGINE = "PyTorch";

    private DjlRuntime() {
    }

    /** Sets DJL's offline and no-telemetry switches; idempotent and cheap. */
    public static void configureOffline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // The natives must come from ai.djl.pytorch:pytorch-native-cpu on the classpath: a
        // PYTORCH_LIBRARY_PATH or PYTORCH_VERSION from the environment would redirect DJL.
        if (System.getenv("PYTORCH_LIBRARY_PATH") != null || System.getenv("PYTORCH_VERSION") != null) {
            throw new IllegalStateException("PYTORCH_LIBRARY_PATH or PYTORCH_VERSION is set: unset both, "
                    + "flowerstream loads PyTorch from the pytorch-native jar on its classpath");
        }
    }

    /** The PyTorch engine, started offline. */
    public static Engine engine() {
        configureOffline();
        return Engine.getEngine(ENGINE);
    }
}
