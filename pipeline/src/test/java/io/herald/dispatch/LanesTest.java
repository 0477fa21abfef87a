package io.herald.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LanesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<ExecutorService> pools = new ArrayList<>();

    private ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void shutDown() {
        pools.forEach(ExecutorService::shutdownNow);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for a latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldRunTheTasksOfOneKeyInTheOrderSubmitted() throws InterruptedException {
        Lanes lanes = new Lanes(pool(8));
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(200);

        for (int i = 0; i < 200; i++) {
            int n = i;
            lanes.submit("mastodon:riverside", () -> {
                ran.add(n);
                done.countDown();
            });
        }

        assertThat(done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 200).boxed().toList());
    }

    @Test
    void shouldNeverRunTwoTasksOfOneKeyAtOnce() throws InterruptedException {
        Lanes lanes = new Lanes(pool(8));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(500);

        for (int i = 0; i < 500; i++) {
            lanes.submit("x:riverside", () -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.yield();
                running.decrementAndGet();
                done.countDown();
            });
        }

        assertThat(done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(mostAtOnce).hasValue(1);
    }

    @Test
    void shouldHoldTheNextTaskOfABusyKeyEvenWithAFreeThread() {
        // two threads; A1 holds one. A2 is queued before B1, so on a plain pool the free thread
        // would take A2 first: B1 finishing while A2 has not started proves the lane held A2 back.
        Lanes lanes = new Lanes(pool(2));
        CountDownLatch a1Running = new CountDownLatch(1);
        CountDownLatch releaseA1 = new CountDownLatch(1);
        CountDownLatch b1Done = new CountDownLatch(1);
        AtomicReference<String> a2SawA1 = new AtomicReference<>();
        AtomicInteger a1State = new AtomicInteger(); // 1 running, 2 finished
        CountDownLatch a2Done = new CountDownLatch(1);

        lanes.submit("a", () -> {
            a1State.set(1);
            a1Running.countDown();
            awaitLatch(releaseA1);
            a1State.set(2);
        });
        awaitLatch(a1Running);
        lanes.submit("a", () -> {
            a2SawA1.set(a1State.get() == 2 ? "finished" : "not finished");
            a2Done.countDown();
        });
        lanes.submit("b", b1Done::countDown);

        awaitLatch(b1Done);
        assertThat(a2Done.getCount()).as("A2 must wait for A1").isEqualTo(1);

        releaseA1.countDown();
        awaitLatch(a2Done);
        assertThat(a2SawA1).hasValue("finished");
    }

    @Test
    void shouldRunTasksOfDifferentKeysAtTheSameTime() {
        // each task waits for the other: they can only both finish if they run together
        Lanes lanes = new Lanes(pool(4));
        CyclicBarrier together = new CyclicBarrier(3);
        CountDownLatch done = new CountDownLatch(3);

        for (String key : List.of("mastodon:riverside", "x:riverside", "bluesky:riverside")) {
            lanes.submit(key, () -> {
                try {
                    together.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    done.countDown();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        awaitLatch(done);
        assertThat(together.isBroken()).isFalse();
    }

    @Test
    void shouldNotLetASlowKeyHoldUpTheOthers() {
        Lanes lanes = new Lanes(pool(2));
        CountDownLatch releaseSlow = new CountDownLatch(1);
        CountDownLatch fastDone = new CountDownLatch(20);

        lanes.submit("slow", () -> awaitLatch(releaseSlow));
        lanes.submit("slow", () -> awaitLatch(releaseSlow));
        for (int i = 0; i < 20; i++) {
            lanes.submit("fast", fastDone::countDown);
        }

        awaitLatch(fastDone);
        releaseSlow.countDown();
    }

    @Test
    void shouldGoOnWithALaneAfterATaskThrows() {
        Lanes lanes = new Lanes(pool(2));
        CountDownLatch next = new CountDownLatch(1);

        lanes.submit("a", () -> {
            throw new IllegalStateException("network said no");
        });
        lanes.submit("a", next::countDown);

        awaitLatch(next);
    }

    @Test
    void shouldGoOnWithALaneAfterATaskThrowsAnError() {
        Lanes lanes = new Lanes(pool(2));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch next = new CountDownLatch(2);

        lanes.submit("a", () -> {
            awaitLatch(release);
            throw new AssertionError("a bug in a connector");
        });
        lanes.submit("a", next::countDown);
        lanes.submit("a", next::countDown);
        release.countDown();

        awaitLatch(next);
    }

    @Test
    void shouldStartALaneAgainAfterItRanDry() {
        Lanes lanes = new Lanes(pool(2));
        CountDownLatch first = new CountDownLatch(1);
        lanes.submit("a", first::countDown);
        awaitLatch(first);

        // whether the lane is still winding down or idle again, the task must run
        CountDownLatch second = new CountDownLatch(1);
        lanes.submit("a", second::countDown);
        awaitLatch(second);
    }

    @Test
    void shouldLeaveALaneIdleWhenThePoolRefusesItsTask() {
        ExecutorService stopped = pool(1);
        stopped.shutdown();
        Lanes lanes = new Lanes(stopped);

        assertThatThrownBy(() -> lanes.submit("a", () -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> lanes.submit("a", () -> { })).as("not queued behind a task that will never run")
                .isInstanceOf(RejectedExecutionException.class);
    }
}
