package org.endpointmanager.core.security;

/**
 * Where the Digest nonces {@link HttpAuthenticator} issued are tracked: this node's memory
 * ({@link #inMemory}) or a table every node shares ({@code cluster.SharedNonces}), so that an
 * answer is accepted by any node and a replay refused by all. Times are epoch millis; a nonce
 * issued before {@code freshFloor} is stale. Each method is atomic on its own: two nodes accepting
 * the same {@code nc} at the same moment cannot both succeed.
 */
public interface DigestNonces {

    /** Records a nonce just sent in a challenge, with no {@code nc} accepted yet. */
    void issue(String nonce, long issuedAt);

    /** Whether the nonce was issued, is still fresh and was not consumed. */
    boolean usable(String nonce, long freshFloor);

    /**
     * Accepts {@code nc} when the nonce is fresh and {@code nc} is above the last one accepted,
     * and remembers it as the last; false otherwise (unknown, stale or a replay).
     */
    boolean advance(String nonce, long nc, long freshFloor);

    /** Uses up a one-shot nonce (an answer without {@code qop}); true only for the one use that did. */
    boolean consume(String nonce, long freshFloor);

    /** Forgets nonces issued before {@code freshFloor}; returns how many. */
    int purge(long freshFloor);

    /** Nonces in this node's memory, at most {@code max} (the oldest dropped first). */
    static DigestNonces inMemory(int max) {
        return new MemoryDigestNonces(max);
    }
}
