package io.herald.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.store.Database;
import io.herald.store.StoreFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quartz on the delivery store's H2 database: its tables from Flyway, release triggers, misfires after downtime. */
class TimekeeperTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepItsTriggersInTheStoreDatabaseMadeByFlyway() throws Exception {
        try (Database db = StoreFixture.open(dir)) {
            Timekeeper t = Timekeeper.create(db, "i1", Timekeeper.Settings.defaults());
            try {
                t.releaseAt(Instant.now().plusSeconds(3600));
                try (Connection c = db.connection(); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'herald-release'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            } finally {
                t.close();
            }
        }
    }

    @Test
    void shouldAskForOneTriggerWhenTwoAskForTheSameTime() throws Exception {
        try (Database db = StoreFixture.open(dir)) {
            Timekeeper a = Timekeeper.create(db, "i1", Timekeeper.Settings.defaults());
            Timekeeper b = Timekeeper.create(db, "i2", Timekeeper.Settings.defaults());
            try {
                Instant at = Instant.now().plusSeconds(3600);
                a.releaseAt(at);
                b.releaseAt(at);
                a.releaseAt(at.plusSeconds(5)); // later than one pending: nothing new
                assertThat(a.scheduler().getTriggerKeys(org.quartz.impl.matchers.GroupMatcher.triggerGroupEquals(
                        Timekeeper.RELEASE_GROUP))).hasSize(1);
            } finally {
                a.close();
                b.close();
            }
        }
    }

    @Test
    void shouldFireAtOnceAReleaseWhoseTimePassedWhileHeraldWasDown() {
        Instant at;
        try (Database db = StoreFixture.open(dir)) {
            Timekeeper t = Timekeeper.create(db, "i1", Timekeeper.Settings.defaults());
            at = Instant.now().plusMillis(300);
            t.releaseAt(at); // set, never started: Herald stops before it rings
            t.close();
        }
        await().until(() -> Instant.now().isAfter(at.plusSeconds(2))); // well past the misfire threshold

        List<Instant> rang = new CopyOnWriteArrayList<>();
        try (Database db = StoreFixture.open(dir)) {
            Timekeeper t = Timekeeper.create(db, "i1", Timekeeper.Settings.defaults());
            t.onRelease(() -> rang.add(Instant.now()));
            Instant started = Instant.now();
            t.start();
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> !rang.isEmpty());
                assertThat(Duration.between(started, rang.get(0))).isLessThan(Duration.ofSeconds(2));
            } finally {
                t.close();
            }
        }
    }
}
