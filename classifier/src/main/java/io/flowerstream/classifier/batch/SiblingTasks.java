package io.flowerstream.classifier.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The batching processors of each stream thread, so that a batch cut short by its delay can take the
 * prepared records of the thread's other tasks (see {@link BatchingProcessor}).
 *
 * <p>A stream thread runs its tasks one after another, each with its own batcher; without this, six
 * partitions at a moderate rate make six forward passes of one image where one pass of six would do.
 * Kafka Streams initialises and runs a task's processor on the thread that owns the task; the lists
 * are copy-on-write all the same, so that a processor closed from another thread (a thread that died)
 * still leaves cleanly. Tasks join and leave only at rebalances, so the copies are rare.
 */
public final class SiblingTasks {

    private final Map<Thread, List<BatchingProcessor>> byThread = new ConcurrentHashMap<>();

    /** Adds a processor to the calling thread's tasks. */
    void join(BatchingProcessor processor) {
        // Inside compute: a concurrent leave() must not drop the list between its creation and this add.
        byThread.compute(Thread.currentThread(), (t, list) -> {
            List<BatchingProcessor> tasks = list == null ? new CopyOnWriteArrayList<>() : list;
            tasks.add(processor);
            return tasks;
        });
    }

    /** Removes a processor, from whichever thread's tasks it joined. */
    void leave(BatchingProcessor processor) {
        for (Thread thread : List.copyOf(byThread.keySet())) {
            byThread.computeIfPresent(thread, (t, list) -> {
                list.remove(processor);
                return list.isEmpty() ? null : list;
            });
        }
    }

    /** The calling thread's other processors, in the order they joined. */
    List<BatchingProcessor> othersThan(BatchingProcessor processor) {
        List<BatchingProcessor> mine = byThread.get(Thread.currentThread());
        if (mine == null) {
            return List.of();
        }
        List<BatchingProcessor> others = new ArrayList<>(mine.size());
        for (BatchingProcessor p : mine) {
            if (p != processor) {
                others.add(p);
            }
        }
        return others;
    }
}
