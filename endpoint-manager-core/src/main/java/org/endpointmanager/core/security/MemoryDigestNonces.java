package org.endpointmanager.core.security;

import java.util.LinkedHashMap;
import java.util.Map;

/** Nonces in one node's memory, bounded: past {@code max} the oldest is dropped. */
final class MemoryDigestNonces implements DigestNonces {

    private static final class Nonce {
        final long issued;
        long lastNc;

        Nonce(long issued) {
            this.issued = issued;
        }
    }

    private final LinkedHashMap<String, Nonce> nonces;

    MemoryDigestNonces(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        this.nonces = new LinkedHashMap<>(256, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Nonce> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    public synchronized void issue(String nonce, long issuedAt) {
        nonces.put(nonce, new Nonce(issuedAt));
    }

    @Override
    public synchronized boolean usable(String nonce, long freshFloor) {
        Nonce n = nonces.get(nonce);
        return n != null && n.issued >= freshFloor;
    }

    @Override
    public synchronized boolean advance(String nonce, long nc, long freshFloor) {
        Nonce n = nonces.get(nonce);
        if (n == null || n.issued < freshFloor || nc <= n.lastNc) {
            return false;
        }
        n.lastNc = nc;
        return true;
    }

    @Override
    public synchronized boolean consume(String nonce, long freshFloor) {
        Nonce n = nonces.get(nonce);
        if (n == null || n.issued < freshFloor) {
            return false;
        }
        nonces.remove(nonce);
        return true;
    }

    @Override
    public synchronized int purge(long freshFloor) {
        int before = nonces.size();
        nonces.values().removeIf(n -> n.issued < freshFloor);
        return before - nonces.size();
    }
}
