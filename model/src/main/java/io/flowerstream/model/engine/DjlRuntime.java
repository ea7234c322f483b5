package io.flowerstream.model.engine;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Starts DJL's PyTorch engine the one way this project allows: offline, from the native jar
 * on the classpath, or from a libtorch named deliberately by all three of DJL's variables
 * ({@link #checkLibtorchEnvironment}).
 *
 * <p>Without the offline switch DJL asks a cloud metadata address and a telemetry host at
 * start-up, and would download natives if the jar were missing; both must fail loudly here,
 * never silently reach out. Call {@link #engine()} before any other DJL call.
 */
public final class DjlRuntime {

    /** The engine name this project runs on. */
    public static final String ENGINE = "PyTorch";

    /** DJL's variables that point it at a libtorch other than the jar's. */
    static final List<String> LIBTORCH_VARIABLES = List.of("PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR");

    private DjlRuntime() {}

    /** Sets DJL's offline and no-telemetry switches; idempotent and cheap. */
    public static void configureOffline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        checkLibtorchEnvironment(System::getenv);
    }

    /**
     * Refuses a partial redirect of DJL's natives. Normally they come from the pytorch-native jar
     * on the classpath and none of DJL's PyTorch variables is set. A libtorch installed elsewhere
     * (a GPU machine's own PyTorch) is taken only when all three of {@code PYTORCH_LIBRARY_PATH},
     * {@code PYTORCH_VERSION} and {@code PYTORCH_FLAVOR} are set: with fewer, DJL would guess the
     * rest (a version from the jar that does not match, a flavor from whatever CUDA runtime it
     * finds) and try to download a JNI bridge for the guess, which offline mode turns into a late,
     * obscure failure. With all three, the JNI bridge compiled for that libtorch must be in DJL's
     * engine cache (docs/gpu.md); offline mode still forbids any download.
     */
    static void checkLibtorchEnvironment(Function<String, String> env) {
        List<String> set = new ArrayList<>();
        for (String name : LIBTORCH_VARIABLES) {
            String value = env.apply(name);
            if (value != null && !value.isBlank()) {
                set.add(name);
            }
        }
        if (set.contains("PYTORCH_LIBRARY_PATH") && set.size() < LIBTORCH_VARIABLES.size()) {
            List<String> missing = new ArrayList<>(LIBTORCH_VARIABLES);
            missing.removeAll(set);
            throw new IllegalStateException("PYTORCH_LIBRARY_PATH is set but " + String.join(" and ", missing)
                    + " not: set all three to use a libtorch installed elsewhere (docs/gpu.md), or unset it to use the "
                    + "pytorch-native jar on the classpath");
        }
        if (!set.contains("PYTORCH_LIBRARY_PATH") && set.contains("PYTORCH_VERSION")) {
            throw new IllegalStateException("PYTORCH_VERSION is set without PYTORCH_LIBRARY_PATH: DJL would try to "
                    + "download that version; unset it, flowerstream loads PyTorch from the pytorch-native jar on its "
                    + "classpath");
        }
    }

    /** Whether DJL takes libtorch from {@code PYTORCH_LIBRARY_PATH} rather than the jar. */
    public static boolean usesExternalLibtorch() {
        String path = System.getenv("PYTORCH_LIBRARY_PATH");
        return path != null && !path.isBlank();
    }

    /** The PyTorch engine, started offline. */
    public static Engine engine() {
        configureOffline();
        return Engine.getEngine(ENGINE);
    }
}
