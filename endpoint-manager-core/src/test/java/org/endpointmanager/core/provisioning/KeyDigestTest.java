package org.endpointmanager.core.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.Secret;
import org.junit.jupiter.api.Test;

/** The digest changes with every field, including a secret's clear value, and only then. */
class KeyDigestTest {

    enum Kind { A, B }

    record Inner(String name, Secret password, int port) {
    }

    record Outer(Optional<Inner> inner, List<String> tags, Map<String, String> raw, Kind kind, long version) {
    }

    private static Outer outer(String name, String password, int port, List<String> tags, String raw, Kind kind,
            long version) {
        return new Outer(Optional.of(new Inner(name, Secret.of(password), port)), tags, Map.of("k", raw), kind, version);
    }

    private static String key(Object o) {
        return KeyDigest.get().add("vendor").add(o).hex();
    }

    @Test
    void equalInputsGiveEqualKeysAndEveryFieldCounts() {
        Outer base = outer("a", "pw", 5060, List.of("x"), "1", Kind.A, 7);
        assertEquals(key(base), key(outer("a", "pw", 5060, List.of("x"), "1", Kind.A, 7)));
        assertNotEquals(key(base), key(outer("b", "pw", 5060, List.of("x"), "1", Kind.A, 7)));
        assertNotEquals(key(base), key(outer("a", "pw2", 5060, List.of("x"), "1", Kind.A, 7)), "the clear secret counts");
        assertNotEquals(key(base), key(outer("a", "pw", 5061, List.of("x"), "1", Kind.A, 7)));
        assertNotEquals(key(base), key(outer("a", "pw", 5060, List.of("x", "y"), "1", Kind.A, 7)));
        assertNotEquals(key(base), key(outer("a", "pw", 5060, List.of("x"), "2", Kind.A, 7)));
        assertNotEquals(key(base), key(outer("a", "pw", 5060, List.of("x"), "1", Kind.B, 7)));
        assertNotEquals(key(base), key(outer("a", "pw", 5060, List.of("x"), "1", Kind.A, 8)));
        assertNotEquals(key(base), key(new Outer(Optional.empty(), List.of("x"), Map.of("k", "1"), Kind.A, 7)));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertNotEquals(KeyDigest.get().add("ab").add("c").hex(), KeyDigest.get().add("a").add("bc").hex());
        assertNotEquals(KeyDigest.get().add(List.of("a", "b")).add(List.of()).hex(),
                KeyDigest.get().add(List.of("a")).add(List.of("b")).hex());
        assertNotEquals(KeyDigest.get().add(null).hex(), KeyDigest.get().add("null").hex());
    }

    @Test
    void longInputsSpanningTheBufferStillCount() {
        String big = "x".repeat(20_000);
        assertNotEquals(KeyDigest.get().add(big + "a").hex(), KeyDigest.get().add(big + "b").hex());
        assertEquals(KeyDigest.get().add(big).hex(), KeyDigest.get().add(big).hex());
    }

    @Test
    void aSharedValueCountsByContentWhateverTheInstance() {
        Outer base = outer("a", "pw", 5060, List.of("x"), "1", Kind.A, 7);
        String first = KeyDigest.get().add("v").addShared(Optional.of(base)).hex();
        assertEquals(first, KeyDigest.get().add("v").addShared(Optional.of(base)).hex(), "remembered instance");
        assertEquals(first, KeyDigest.get().add("v").addShared(Optional.of(outer("a", "pw", 5060, List.of("x"), "1",
                Kind.A, 7))).hex(), "an equal new instance gives the same key");
        assertNotEquals(first, KeyDigest.get().add("v").addShared(Optional.of(outer("a", "pw2", 5060, List.of("x"), "1",
                Kind.A, 7))).hex(), "a changed row is a new instance, digested afresh");
        assertNotEquals(first, KeyDigest.get().add("v").addShared(Optional.empty()).hex());
        assertNotEquals(KeyDigest.get().addShared(null).hex(), KeyDigest.get().addShared(Optional.empty()).hex());
        for (int i = 0; i < 200; i++) { // past the bound: entries are dropped, keys stay right
            assertEquals(KeyDigest.get().addShared(List.of("n" + i)).hex(), KeyDigest.get().addShared(List.of("n" + i)).hex());
        }
        assertEquals(first, KeyDigest.get().add("v").addShared(Optional.of(base)).hex());
    }

    @Test
    void aDigestRememberedByTheCallerFeedsTheSameBytesAsASharedValue() {
        Outer base = outer("a", "pw", 5060, List.of("x"), "1", Kind.A, 7);
        String shared = KeyDigest.get().add("v").addShared(Optional.of(base)).add("w").hex();
        byte[] own = KeyDigest.digestOf(base);
        assertEquals(shared, KeyDigest.get().add("v").addDigest(Optional.of(own)).add("w").hex());
        assertEquals(KeyDigest.get().add("v").addShared(Optional.empty()).hex(),
                KeyDigest.get().add("v").addDigest(Optional.empty()).hex());
        // digesting a value on its own leaves a running digest alone
        String expected = KeyDigest.get().add("v").add("w").hex();
        KeyDigest running = KeyDigest.get().add("v");
        KeyDigest.digestOf(outer("b", "other", 1, List.of(), "2", Kind.B, 1));
        assertEquals(expected, running.add("w").hex());
    }
}
