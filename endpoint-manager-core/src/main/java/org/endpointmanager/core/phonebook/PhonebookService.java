package org.endpointmanager.core.phonebook;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phonebook phones get: the host's extensions (group "Extensions") followed by the entries of
 * every enabled external source (grouped by the source's name unless a CSV row names a group).
 * Sources are fetched on a schedule and on demand; a failed fetch keeps the last good copy. With
 * several nodes the schedule runs on one of them ({@link #onlyWhen}): the sources and their last
 * copies are rows every node reads.
 */
public final class PhonebookService implements AutoCloseable {

    /** The group of the host's own extensions. */
    public static final String EXTENSIONS_GROUP = "Extensions";

    private static final Logger LOG = LoggerFactory.getLogger(PhonebookService.class);

    private final PhonebookSourceStore store;
    private final UserDirectory users;
    private final GuardedHttpFetcher fetcher;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    private volatile BooleanSupplier scheduleHere = () -> true;

    /** Creates the service. */
    public PhonebookService(PhonebookSourceStore store, UserDirectory users, GuardedHttpFetcher fetcher, Clock clock) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.users = Objects.requireNonNull(users, "users is null");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** The sources table. */
    public PhonebookSourceStore sources() {
        return store;
    }

    /** The phonebook's title. */
    public String title() {
        return "Directory";
    }

    /** Every entry, extensions first. */
    public List<PhonebookEntry> entries() {
        List<PhonebookEntry> out = new ArrayList<>();
        List<Extension> extensions = new ArrayList<>(users.all());
        extensions.sort(Comparator.comparing(Extension::number));
        for (Extension e : extensions) {
            String name = PhonebookParser.clean(e.displayName());
            out.add(new PhonebookEntry(name.isEmpty() ? e.number() : name, List.of(e.number()), EXTENSIONS_GROUP));
        }
        for (PhonebookSource s : store.list()) {
            if (s.enabled()) {
                for (PhonebookEntry e : s.lastEntries()) {
                    out.add(e.group().isEmpty() ? new PhonebookEntry(e.name(), e.numbers(), s.name()) : e);
                }
            }
        }
        return out;
    }

    /**
     * Fetches one source now. A failure is recorded and the last good copy stays.
     *
     * @return the source after the attempt
     */
    public Optional<PhonebookSource> refresh(String id) {
        Optional<PhonebookSource> source = store.find(id);
        if (source.isEmpty()) {
            return source;
        }
        PhonebookSource s = source.get();
        Instant now = clock.instant();
        try {
            byte[] body = fetcher.get(s.url());
            List<PhonebookEntry> entries = PhonebookParser.parse(body, s.format(), s.name());
            store.recordSuccess(id, entries, now);
            LOG.info("phonebook source fetched source={} entries={}", s.name(), entries.size());
        } catch (IOException | SecurityException | IllegalArgumentException e) {
            store.recordFailure(id, e.getMessage() == null ? e.toString() : e.getMessage(), now);
            LOG.warn("phonebook source failed source={} reason={} (keeping the last good copy)", s.name(), e.getMessage());
        }
        return store.find(id);
    }

    /** Fetches every enabled source whose refresh interval has passed. */
    public void refreshDue() {
        Instant now = clock.instant();
        for (PhonebookSource s : store.list()) {
            boolean due = s.lastAttemptAt().map(at -> !at.plus(Duration.ofMinutes(s.refreshMinutes())).isAfter(now)).orElse(true);
            if (s.enabled() && due) {
                refresh(s.id());
            }
        }
    }

    /**
     * Lets the schedule fetch only while {@code here} says so (the cluster's maintenance lease);
     * a refresh asked for by an admin runs wherever it is asked.
     */
    public void onlyWhen(BooleanSupplier here) {
        this.scheduleHere = Objects.requireNonNull(here, "here is null");
    }

    /**
     * One tick of the schedule: fetches the due sources if this node does the scheduled work.
     *
     * @return whether it did
     */
    public boolean scheduledRefresh() {
        if (!scheduleHere.getAsBoolean()) {
            return false;
        }
        refreshDue();
        return true;
    }

    /** Starts the schedule: sources are checked for being due every {@code tick}. */
    public synchronized void start(Duration tick) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "endpoint-manager-phonebook");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                scheduledRefresh();
            } catch (RuntimeException e) {
                LOG.warn("phonebook refresh failed: {}", e.toString());
            }
        }, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
