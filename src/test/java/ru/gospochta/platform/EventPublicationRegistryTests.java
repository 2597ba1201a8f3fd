package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.IntegrationTest;

/**
 * Events between modules go through Spring Modulith's JDBC publication registry in the platform
 * schema: stored with the publishing transaction, marked complete when the listener is done, and
 * left incomplete (to be republished) when it fails.
 */
@IntegrationTest
@Import(EventPublicationRegistryTests.ParcelListener.class)
class EventPublicationRegistryTests {

    record ParcelArrived(String id) {
    }

    /** Kept outside the listener bean, which is an asynchronous proxy. */
    static final List<String> handled = new CopyOnWriteArrayList<>();

    static class ParcelListener {

        @ApplicationModuleListener
        void on(ParcelArrived event) {
            if (event.id().startsWith("fail-")) {
                throw new IllegalStateException("listener failed on purpose");
            }
            handled.add(event.id());
        }
    }

    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient db;

    @Test
    @DisplayName("Quality bars: an event published in a transaction is stored with it and marked complete once handled")
    void handledEventIsCompleted() {
        String id = "ok-" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> events.publishEvent(new ParcelArrived(id)));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains(id));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> completed(id));
    }

    @Test
    @DisplayName("Quality bars: an event whose listener fails stays in the registry as incomplete, to be published again")
    void failedEventStaysIncomplete() {
        String id = "fail-" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> events.publishEvent(new ParcelArrived(id)));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !publications(id).isEmpty());
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !completed(id));
        assertThat(handled).doesNotContain(id);
        // Other test contexts share this database and would republish it at their start.
        db.sql("DELETE FROM platform.event_publication WHERE serialized_event LIKE :id").param("id", "%" + id + "%").update();
    }

    @Test
    @DisplayName("Quality bars: an event published in a transaction that rolls back is neither stored nor handled")
    void rolledBackEventIsDropped() {
        String id = "ok-" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new ParcelArrived(id));
            status.setRollbackOnly();
        });

        assertThat(publications(id)).isEmpty();
        assertThat(handled).doesNotContain(id);
    }

    private List<Boolean> publications(String id) {
        return db.sql("SELECT completion_date IS NOT NULL FROM platform.event_publication WHERE serialized_event LIKE :id")
                .param("id", "%" + id + "%").query(Boolean.class).list();
    }

    private boolean completed(String id) {
        List<Boolean> states = publications(id);
        return !states.isEmpty() && states.stream().allMatch(Boolean::booleanValue);
    }
}
