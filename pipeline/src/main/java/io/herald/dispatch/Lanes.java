package io.herald.dispatch;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;

/**
 * Runs tasks on a shared pool, one at a time and in order per key: deliveries to one account go
 * out in order, different accounts in parallel, and a slow network holds up only its own lane.
 */
final class Lanes {

    private final ExecutorService pool;
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
        pool.execute(() -> drain(key, task));
    }

    private void drain(String key, Runnable first) {
        Runnable next = first;
        while (next != null) {
            try {
                next.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Lanes.class).error("task in lane {} failed", key, e);
            }
            synchronized (queues) {
                Queue<Runnable> q = queues.get(key);
                next = q.poll();
                if (next == null) {
                    queues.remove(key);
                }
            }
        }
    }
}
