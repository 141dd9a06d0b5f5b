package org.endpointmanager.core.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.LineRecord;
import org.endpointmanager.core.store.SiteRecord;
import org.junit.jupiter.api.Test;

/** The device part of a render key is remembered per row instance, and a changed row always counts. */
class RenderCacheKeyTest {

    private static final MacAddress MAC = MacAddress.parse("805ec0123456");
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    private static DeviceRecord device(String password) {
        return new DeviceRecord("d1", MAC, "yealink", "T46S", "Desk", SiteRecord.DEFAULT_ID, Optional.empty(),
                Optional.empty(), "{}", "", List.of(new LineRecord(1, Optional.empty(), Optional.of("1001"),
                        Optional.of(Secret.of(password)), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty())), T, T);
    }

    private static String key(RenderCache cache, DeviceRecord d) {
        return cache.key("yealink", "805ec0123456.cfg", Optional.of(d), Optional.empty(), Profile.builder().build(),
                "raw", Optional.empty(), "settings", "http://127.0.0.1/provision/");
    }

    @Test
    void theSameRowGivesTheSameKeyAndAChangedRowANewOne() {
        RenderCache cache = new RenderCache(1 << 20);
        DeviceRecord row = device("secret1001");
        String first = key(cache, row);
        assertEquals(first, key(cache, row), "remembered for this instance");
        assertEquals(first, key(cache, device("secret1001")), "an equal row read afresh gives the same key");
        DeviceRecord changed = device("changed");
        assertNotEquals(first, key(cache, changed), "a changed password (a new row instance) changes the key");
        assertEquals(key(new RenderCache(1 << 20), changed), key(cache, changed), "nothing stale is remembered");
        assertEquals(first, key(cache, row), "the old row still gives its own key");
    }

    @Test
    void theKeyWithoutADeviceDiffersFromTheKeyWithOne() {
        RenderCache cache = new RenderCache(1 << 20);
        String none = cache.key("yealink", "y000000000000.boot", Optional.empty(), Optional.empty(),
                Profile.builder().build(), "raw", Optional.empty(), "settings", "http://127.0.0.1/provision/");
        assertNotEquals(none, key(cache, device("secret1001")));
    }
}
