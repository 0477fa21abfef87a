package io.herald.sandbox.standin;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/** What the sandbox server hands each stand-in: its clock and the directory for its state. */
public record StandInContext(Clock clock, Path dataDir) {

    public StandInContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The journal of a stand-in, {@code <dataDir>/<platform>.jsonl}. */
    public <E> Journal<E> journal(String platform, Class<E> eventType) {
        return new Journal<>(dataDir.resolve(platform + ".jsonl"), eventType);
    }
}
