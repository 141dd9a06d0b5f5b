package org.endpointmanager.core.provisioning;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.core.store.DeviceRecord;

/**
 * Rendered files keyed by everything that goes into them: vendor, the recognised request (file,
 * MAC, model, what the User-Agent said), the device row, the model, the assembled profile with
 * every secret in it, the raw parameters, the template, the settings and the base URL (which holds
 * the device's token). Nothing is ever invalidated: a change to a template, device, site, setting,
 * extension or token changes the key, so the next fetch renders afresh and the old entry ages out.
 * A change therefore costs the same whatever the fleet size, and phones that do not ask again cost
 * nothing.
 *
 * <p>The key is a SHA-256 digest of those inputs, so secrets are not kept in the key. Memory is
 * bounded by the bytes held (least recently used dropped first).
 */
final class RenderCache {

    /**
     * A cached file.
     *
     * @param produced the file and its masked copy
     * @param bytes the body as served
     * @param since when this node first produced this content for this key (Last-Modified)
     */
    record Entry(ProvisioningService.Produced produced, byte[] bytes, Instant since) {
        int weight() {
            return bytes.length + produced.maskedBody().length() * 2 + 256;
        }
    }

    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    RenderCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The entry for the key, rendering (outside any lock) when absent. */
    Entry get(String key, Supplier<Entry> render) {
        Entry e;
        synchronized (entries) {
            e = entries.get(key);
        }
        if (e != null) {
            hits.incrementAndGet();
            return e;
        }
        misses.incrementAndGet();
        Entry fresh = render.get();
        synchronized (entries) {
            Entry raced = entries.get(key);
            if (raced != null) {
                return raced; // keep the older Last-Modified
            }
            if (fresh.weight() <= maxBytes / 4) {
                entries.put(key, fresh);
                bytes += fresh.weight();
                var it = entries.entrySet().iterator();
                while (bytes > maxBytes && it.hasNext()) {
                    bytes -= it.next().getValue().weight();
                    it.remove();
                }
            }
        }
        return fresh;
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /**
     * The content key of one render: a digest of every input walked field by field (see
     * {@link KeyDigest}), secrets by their clear value, without building the inputs' text.
     */
    String key(String vendor, Object request, Optional<DeviceRecord> device, Object model, Profile profile, Object raw,
            Object template, Object settings, String baseUrl) {
        Optional<byte[]> deviceDigest = device.map(this::deviceDigest);
        // the model, template and settings are the same instances for many phones: digested once each
        return KeyDigest.get().add(vendor).add(request).addDigest(deviceDigest).addShared(model).add(profile).add(raw)
                .addShared(template).addShared(settings).add(baseUrl).hex();
    }

    /**
     * Digests of device rows by MAC, each valid while the row is the same instance: the device cache
     * hands out one instance per row until the row changes (records are immutable), so a phone that
     * asks again costs no walk of its row. A row read afresh is a new instance and is digested
     * again. Bounded: cleared when full.
     */
    private final ConcurrentHashMap<MacAddress, DeviceDigest> deviceDigests = new ConcurrentHashMap<>();
    static final int MAX_DEVICE_DIGESTS = 200_000;

    private record DeviceDigest(DeviceRecord row, byte[] digest) {
    }

    private byte[] deviceDigest(DeviceRecord device) {
        DeviceDigest known = deviceDigests.get(device.mac());
        if (known != null && known.row() == device) {
            return known.digest();
        }
        byte[] digest = KeyDigest.digestOf(device);
        if (deviceDigests.size() >= MAX_DEVICE_DIGESTS) {
            deviceDigests.clear();
        }
        deviceDigests.put(device.mac(), new DeviceDigest(device, digest));
        return digest;
    }
}
