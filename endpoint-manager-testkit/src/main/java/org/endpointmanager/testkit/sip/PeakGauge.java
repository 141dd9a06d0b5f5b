package org.endpointmanager.testkit.sip;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts NOTIFY transactions in flight across several scripted phones (from arrival to final
 * answer) and remembers the highest count: what a concurrency limit must keep below its bound.
 */
public final class PeakGauge {

    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    /** A gauge at zero. */
    public PeakGauge() {
    }

    void enter() {
        int now = current.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
    }

    void leave() {
        current.decrementAndGet();
    }

    /** The most transactions seen in flight at once. */
    public int peak() {
        return peak.get();
    }

    /** Transactions in flight now. */
    public int current() {
        return current.get();
    }
}
