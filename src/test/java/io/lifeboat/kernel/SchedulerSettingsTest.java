package io.lifeboat.kernel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulerSettingsTest {

    @Test
    void schedulesLiveInMemoryUnlessToldOtherwise() {
        SchedulerSettings settings = SchedulerSettings.from(values(Map.of()));

        assertFalse(settings.clustered());
        assertEquals(Duration.ofSeconds(5), settings.checkinInterval());
    }

    @Test
    void theJdbcStoreTakesAPostgresUrlAUserAndThePasswordApart() {
        SchedulerSettings settings = SchedulerSettings.from(values(Map.of("lifeboat.scheduler.store", "jdbc",
                "lifeboat.scheduler.jdbc.url", "jdbc:postgresql://db:5432/lifeboat", "lifeboat.scheduler.jdbc.user", "lb",
                "lifeboat.scheduler.jdbc.password", "pw-123", "lifeboat.scheduler.checkin-interval", "2s")));

        assertTrue(settings.clustered());
        assertEquals("pw-123", settings.password().orElseThrow().value());
        assertFalse(settings.toString().contains("pw-123"), settings.toString());
        assertEquals(Duration.ofSeconds(2), settings.checkinInterval());
    }

    @Test
    void eachMistakeIsRefusedNamingItsKey() {
        assertRefused("lifeboat.scheduler.store", Map.of("lifeboat.scheduler.store", "postgres"));
        assertRefused("lifeboat.scheduler.jdbc.url", Map.of("lifeboat.scheduler.store", "jdbc", "lifeboat.scheduler.jdbc.user", "lb"));
        assertRefused("lifeboat.scheduler.jdbc.url", Map.of("lifeboat.scheduler.store", "jdbc", "lifeboat.scheduler.jdbc.user", "lb",
                "lifeboat.scheduler.jdbc.url", "jdbc:mysql://db/lifeboat"));
        assertRefused("lifeboat.scheduler.jdbc.url", Map.of("lifeboat.scheduler.store", "jdbc", "lifeboat.scheduler.jdbc.user", "lb",
                "lifeboat.scheduler.jdbc.url", "jdbc:postgresql://db/lifeboat?password=in-the-url"));
        assertRefused("lifeboat.scheduler.jdbc.user", Map.of("lifeboat.scheduler.store", "jdbc",
                "lifeboat.scheduler.jdbc.url", "jdbc:postgresql://db/lifeboat"));
        assertRefused("lifeboat.scheduler.checkin-interval", Map.of("lifeboat.scheduler.checkin-interval", "10ms"));
    }

    private static void assertRefused(String key, Map<String, String> given) {
        ParameterException refused = assertThrows(ParameterException.class, () -> SchedulerSettings.from(values(given)));
        assertEquals(key, refused.parameter(), refused.getMessage());
        assertFalse(refused.getMessage().contains("in-the-url"), refused.getMessage());
    }

    private static ConfiguredValues values(Map<String, String> given) {
        return new ConfiguredValues() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(given.get(key));
            }

            @Override
            public Map<String, String> withPrefix(String prefix) {
                return Map.of();
            }
        };
    }
}
