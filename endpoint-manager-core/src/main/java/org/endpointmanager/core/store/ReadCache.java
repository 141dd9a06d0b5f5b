package org.endpointmanager.core.store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bounded read-through cache for rows that are read on every provisioning request and written
 * rarely. Only hits are cached (an unknown MAC is asked again each time, so a flood of made-up
 * names cannot fill memory). A load that overlaps an invalidation is not kept: the generation
 * counter moves on every invalidation, so a row read before a write can never outlive the write.
 */
final class ReadCache<K, V> {

    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final int max;

    ReadCache(int max) {
        this.max = max;
    }

    Optional<V> get(K key, Function<K, Optional<V>> loader) {
        V v = map.get(key);
        if (v != null) {
            hits.incrementAndGet();
            return Optional.of(v);
        }
        misses.incrementAndGet();
        long g = generation.get();
        Optional<V> loaded = loader.apply(key);
        if (loaded.isPresent() && generation.get() == g) {
            if (map.size() >= max) {
                map.clear(); // crude but bounded; the hot set refills in one pass
            }
            map.put(key, loaded.get());
            if (generation.get() != g) {
                map.remove(key);
            }
        }
        return loaded;
    }

    void invalidate(K key) {
        generation.incrementAndGet();
        map.remove(key);
    }

    void invalidateAll() {
        generation.incrementAndGet();
        map.clear();
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }
}
