package io.flowerstream.classifier.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A decode executor the test steps by hand: tasks queue until {@link #runHeld()} runs them; after
 * {@link #passThrough()} new tasks run at once on the caller while those already held stay held.
 */
public final class HeldExecutor implements Executor {

    private final List<Runnable> held = new ArrayList<>();
    private boolean runAtOnce;

    @Override
    public synchronized void execute(Runnable task) {
        if (runAtOnce) {
            task.run();
        } else {
            held.add(task);
        }
    }

    /** How many tasks are waiting. */
    public synchronized int held() {
        return held.size();
    }

    /** Runs the tasks held so far; later ones are still held unless {@link #passThrough()} was called. */
    public synchronized void runHeld() {
        List<Runnable> now = new ArrayList<>(held);
        held.clear();
        now.forEach(Runnable::run);
    }

    /** From now on, runs new tasks at once; those already held stay held. */
    public synchronized void passThrough() {
        runAtOnce = true;
    }

    /** Runs the held tasks and every later one at once. */
    public synchronized void releaseAll() {
        passThrough();
        runHeld();
    }
}
