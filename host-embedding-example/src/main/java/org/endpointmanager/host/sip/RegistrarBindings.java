package org.endpointmanager.host.sip;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.endpointmanager.api.host.Registration;
import org.endpointmanager.api.host.RegistrationFeed;
import org.endpointmanager.api.host.RegistrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar's bindings, lent to add-ons as their {@link RegistrationFeed}. Listeners are told
 * outside the lock, so a slow add-on never holds up another REGISTER's bookkeeping.
 */
public final class RegistrarBindings implements RegistrationFeed {

    /** Bindings one extension may hold; more are refused rather than grown without bound. */
    static final int MAX_PER_EXTENSION = 10;

    private static final Logger LOG = LoggerFactory.getLogger(RegistrarBindings.class);

    private record Key(String extension, String contact) {
    }

    private final Clock clock;
    private final Map<Key, Registration> bindings = new LinkedHashMap<>();
    private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();

    /** Creates an empty table on a clock. */
    public RegistrarBindings(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public synchronized List<Registration> current() {
        Instant now = clock.instant();
        return bindings.values().stream().filter(r -> r.expiresAt().isAfter(now)).toList();
    }

    /** The live bindings of one extension. */
    public synchronized List<Registration> of(String extension) {
        Instant now = clock.instant();
        return bindings.values().stream().filter(r -> r.extension().equals(extension) && r.expiresAt().isAfter(now))
                .toList();
    }

    @Override
    public void addListener(RegistrationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener is null"));
    }

    /** Adds or refreshes a binding; false when the extension already holds the most it may. */
    boolean put(Registration r) {
        synchronized (this) {
            Key key = new Key(r.extension(), r.contact());
            if (!bindings.containsKey(key) && of(r.extension()).size() >= MAX_PER_EXTENSION) {
                return false;
            }
            bindings.put(key, r);
        }
        for (RegistrationListener l : listeners) {
            try {
                l.registered(r);
            } catch (RuntimeException e) {
                LOG.warn("registration listener failed: {}", e.toString());
            }
        }
        return true;
    }

    /** Removes one binding (Expires: 0). */
    void remove(String extension, String contact) {
        Registration removed;
        synchronized (this) {
            removed = bindings.remove(new Key(extension, contact));
        }
        if (removed != null) {
            tellRemoved(List.of(removed));
        }
    }

    /** Removes every binding of an extension (Contact: *). */
    void removeAll(String extension) {
        List<Registration> removed = new ArrayList<>();
        synchronized (this) {
            bindings.values().removeIf(r -> {
                if (r.extension().equals(extension)) {
                    removed.add(r);
                    return true;
                }
                return false;
            });
        }
        tellRemoved(removed);
    }

    /** Drops bindings whose time is up and tells the listeners; the registrar's timer calls this. */
    public void expire() {
        Instant now = clock.instant();
        List<Registration> removed = new ArrayList<>();
        synchronized (this) {
            bindings.values().removeIf(r -> {
                if (!r.expiresAt().isAfter(now)) {
                    removed.add(r);
                    return true;
                }
                return false;
            });
        }
        for (Registration r : removed) {
            LOG.info("registrar: binding of {} at {} expired", r.extension(), r.sourceAddress());
        }
        tellRemoved(removed);
    }

    private void tellRemoved(List<Registration> removed) {
        for (Registration r : removed) {
            for (RegistrationListener l : listeners) {
                try {
                    l.unregistered(r.extension(), r.contact());
                } catch (RuntimeException e) {
                    LOG.warn("registration listener failed: {}", e.toString());
                }
            }
        }
    }
}
