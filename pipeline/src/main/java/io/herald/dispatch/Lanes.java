package io.herald.dispatch;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a shared pool, one at a time and in order per key: deliveries to one account go
 * out in order, different accounts in parallel, and a slow network holds up only its own lane.
 * A task that throws is logged and its lane goes on with the next task.
 */
final class Lanes {

    private static final Logger LOG = LoggerFactory.getLogger(Lanes.class);

    private final ExecutorService pool;
    /** The waiting tasks of every lane that has a task running; no entry means the lane is idle. */
    private final Map<String, Queue<Runnable>> queues = new HashMap<>();

    Lanes(ExecutorService pool) {
        this.pool = pool;
    }

    void submit(String key, Runnable task) {
        synchronized (queues) {
            Queue<Runnable> q = queues.get(key);
            if (q != null) {
                q.add(task);
                return;
            }
            queues.put(key, new ArrayDeque<>());
        }
        start(key, task);
    }

    private void start(String key, Runnable task) {
        try {
            pool.execute(() -> drain(key, task));
        } catch (RuntimeException e) {
            // the pool refused (shut down): leave the lane idle rather than marked busy for ever
            synchronized (queues) {
                queues.remove(key);
            }
            throw e;
        }
    }

    private void drain(String key, Runnable first) {
        Runnable next = first;
        while (next != null) {
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.error("task in lane {} failed", key, e);
            } catch (Error e) {
                // this thread is going down; the lane's other tasks must not wait for ever
                LOG.error("task in lane {} failed", key, e);
                Runnable after = poll(key);
                if (after != null) {
                    start(key, after);
                }
                throw e;
            }
            next = poll(key);
        }
    }

    /** The lane's next task, or null after marking the lane idle. */
    private Runnable poll(String key) {
        synchronized (queues) {
            Queue<Runnable> q = queues.get(key);
            Runnable next = q.poll();
            if (next == null) {
                queues.remove(key);
            }
            return next;
        }
    }
}
