package org.endpointmanager.core.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.endpointmanager.api.MacAddress;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetch records and masked copies written in batches, so a boot storm is not bound by one
 * database write per request: records wait in a bounded queue flushed every {@code interval} or
 * when {@code batchSize} are waiting, and on {@link #close()}. Reads look at the queue first
 * (records not yet written and those being written), then at the database, so the "applied"
 * check, the preview and firmware targeting see a fetch the moment it is recorded on this node.
 * Other nodes see it after the next flush.
 *
 * <p>{@link #latestSeen} answers from a bounded map of each phone's newest fetch recorded on this
 * node (or read once from the database), so firmware targeting costs no query per request.
 *
 * <p>A masked copy is queued only when its content hash differs from the last copy this node wrote
 * for that (MAC, file), or when that write is older than {@link #COPY_REFRESH}: in a boot storm the
 * phones get what they got last time, and rewriting the same body on every request was most of the
 * write cost. Fetch records are still written for every fetch. The refresh bounds how long another
 * node's newer copy of the same file (a phone that moves between nodes) or the copy's time can lag.
 *
 * <p>When the queue is full the caller writes the batch itself: memory stays bounded and the
 * requests slow down to the database's pace instead of records being dropped.
 */
public final class BatchingFetchStore implements FetchStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingFetchStore.class);

    private final JdbiFetchStore delegate;
    private final Jdbi jdbi;
    private final int batchSize;
    private final int maxQueued;
    private final Object lock = new Object();
    private List<FetchRecord> records = new ArrayList<>();
    private Map<CopyKey, FetchedCopy> copies = new LinkedHashMap<>();
    private List<FetchRecord> flushingRecords = List.of();
    private Map<CopyKey, FetchedCopy> flushingCopies = Map.of();
    private final Object flushLock = new Object();
    private final ScheduledExecutorService flusher;
    private final String upsertCopy;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final ConcurrentHashMap<MacAddress, FetchRecord> newest = new ConcurrentHashMap<>();
    private static final int MAX_NEWEST = 100_000;
    private static final String INSERT_FETCH = "INSERT INTO endpoint_fetches (id, mac, at, source_ip, user_agent, "
            + "file_name, content_hash, firmware, transport) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Last copy written per (MAC, file): its hash and time; bounded like {@link #newest}. */
    private final ConcurrentHashMap<CopyKey, FetchedCopy> kept = new ConcurrentHashMap<>();
    private static final int MAX_KEPT = 100_000;
    /** How long an unchanged copy is trusted before it is written again. */
    static final Duration COPY_REFRESH = Duration.ofSeconds(60);
    private final AtomicLong copiesSkipped = new AtomicLong();

    /**
     * Creates the store and starts its flusher.
     *
     * @param kind the database, for its upsert
     * @param interval longest time a record waits
     * @param batchSize records that trigger a flush at once
     */
    public BatchingFetchStore(Jdbi jdbi, Database.DbKind kind, Duration interval, int batchSize) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
        String insert = "INSERT INTO endpoint_fetched_copies (mac, file_name, content_hash, masked_body, at) "
                + "VALUES (:mac, :file, :hash, :body, :at)";
        this.upsertCopy = switch (Objects.requireNonNull(kind, "kind is null")) {
            // VALUES() rather than the row alias: MariaDB has no row alias
            case MYSQL -> insert + " ON DUPLICATE KEY UPDATE content_hash = VALUES(content_hash), "
                    + "masked_body = VALUES(masked_body), at = VALUES(at)";
            case SQLITE, POSTGRESQL -> insert + " ON CONFLICT (mac, file_name) DO UPDATE SET content_hash = "
                    + "excluded.content_hash, masked_body = excluded.masked_body, at = excluded.at";
        };
        this.delegate = new JdbiFetchStore(jdbi);
        this.batchSize = batchSize;
        this.maxQueued = batchSize * 8;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "em-fetch-flusher");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void record(FetchRecord fetch) {
        Objects.requireNonNull(fetch, "fetch is null");
        int queued;
        synchronized (lock) {
            records.add(fetch);
            queued = records.size();
        }
        remember(fetch);
        afterAdd(queued);
    }

    @Override
    public void keepCopy(FetchedCopy copy) {
        Objects.requireNonNull(copy, "copy is null");
        CopyKey key = new CopyKey(copy.mac(), copy.fileName());
        int queued;
        synchronized (lock) {
            // a queued or in-flight copy of this file would overwrite the kept one: never skip then
            if (!copies.containsKey(key) && !flushingCopies.containsKey(key) && unchanged(kept.get(key), copy)) {
                copiesSkipped.incrementAndGet(); // the database already holds this body
                return;
            }
            copies.put(key, copy); // only the newest copy matters
            queued = copies.size();
        }
        afterAdd(queued);
    }

    private static boolean unchanged(FetchedCopy last, FetchedCopy copy) {
        return last != null && last.contentHash().equals(copy.contentHash()) && !copy.at().isBefore(last.at())
                && copy.at().isBefore(last.at().plus(COPY_REFRESH));
    }

    private void afterAdd(int queued) {
        if (queued >= maxQueued) {
            flush(); // back-pressure: this request pays for the write
        } else if (queued >= batchSize) {
            flusher.execute(this::flushQuietly);
        }
    }

    @Override
    public Optional<FetchRecord> latest(MacAddress mac) {
        return history(mac, 1).stream().findFirst();
    }

    @Override
    public Optional<FetchRecord> latestSeen(MacAddress mac) {
        Objects.requireNonNull(mac, "mac is null");
        FetchRecord known = newest.get(mac);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<FetchRecord> stored = latest(mac);
        stored.ifPresent(this::remember);
        return stored;
    }

    private void remember(FetchRecord fetch) {
        if (newest.size() >= MAX_NEWEST && !newest.containsKey(fetch.mac())) {
            newest.clear(); // crude but bounded; the phones that ask refill it in one pass
        }
        newest.merge(fetch.mac(), fetch, (old, now) -> now.at().isBefore(old.at()) ? old : now);
    }

    @Override
    public List<FetchRecord> history(MacAddress mac, int limit) {
        Objects.requireNonNull(mac, "mac is null");
        List<FetchRecord> pending = new ArrayList<>();
        synchronized (lock) {
            for (FetchRecord f : flushingRecords) {
                if (f.mac().equals(mac)) {
                    pending.add(f);
                }
            }
            for (FetchRecord f : records) {
                if (f.mac().equals(mac)) {
                    pending.add(f);
                }
            }
        }
        // queue first, database second: a batch written in between is then seen twice, never missed
        List<FetchRecord> stored = delegate.history(mac, limit);
        Set<String> ids = new LinkedHashSet<>();
        List<FetchRecord> all = new ArrayList<>();
        for (FetchRecord f : pending) {
            if (ids.add(f.id())) {
                all.add(f);
            }
        }
        for (FetchRecord f : stored) {
            if (ids.add(f.id())) {
                all.add(f);
            }
        }
        all.sort(Comparator.comparing(FetchRecord::at).reversed());
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : List.copyOf(all);
    }

    @Override
    public Optional<FetchedCopy> copy(MacAddress mac, String fileName) {
        CopyKey key = new CopyKey(mac, fileName);
        FetchedCopy queued;
        synchronized (lock) {
            queued = copies.get(key);
            if (queued == null) {
                queued = flushingCopies.get(key);
            }
        }
        Optional<FetchedCopy> stored = delegate.copy(mac, fileName);
        if (queued == null) {
            return stored;
        }
        FetchedCopy mine = queued;
        return stored.filter(s -> s.at().isAfter(mine.at())).or(() -> Optional.of(mine));
    }

    /** Writes everything queued now. */
    @Override
    public void flush() {
        synchronized (flushLock) {
            List<FetchRecord> r;
            Map<CopyKey, FetchedCopy> c;
            synchronized (lock) {
                if (records.isEmpty() && copies.isEmpty()) {
                    return;
                }
                r = records;
                c = copies;
                records = new ArrayList<>();
                copies = new LinkedHashMap<>();
                flushingRecords = r;
                flushingCopies = c;
            }
            try {
                write(r, c.values());
                for (var e : c.entrySet()) {
                    if (kept.size() >= MAX_KEPT && !kept.containsKey(e.getKey())) {
                        kept.clear(); // bounded; a cleared entry only costs one more write
                    }
                    kept.put(e.getKey(), e.getValue()); // only once it is in the database
                }
                written.addAndGet(r.size());
                batches.incrementAndGet();
            } finally {
                synchronized (lock) {
                    flushingRecords = List.of();
                    flushingCopies = Map.of();
                }
            }
        }
    }

    /** Attempts at a batch whose transaction the database chose as a deadlock victim. */
    private static final int WRITE_ATTEMPTS = 4;

    private void write(List<FetchRecord> r, java.util.Collection<FetchedCopy> unordered) {
        // every node deletes and inserts copies in the same (mac, file) order, so two nodes writing
        // the same phone's copy wait for each other instead of deadlocking
        List<FetchedCopy> c = new ArrayList<>(unordered);
        c.sort(Comparator.comparing((FetchedCopy x) -> x.mac().hex()).thenComparing(FetchedCopy::fileName));
        for (int attempt = 1; ; attempt++) {
            try {
                writeOnce(r, c);
                return;
            } catch (RuntimeException e) {
                if (attempt >= WRITE_ATTEMPTS || !transientFailure(e)) {
                    throw e;
                }
                LOG.warn("fetch records: batch of {} rolled back by the database ({}), attempt {} of {}", r.size(),
                        rootMessage(e), attempt, WRITE_ATTEMPTS);
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Deadlock victims and serialization failures (SQLState class 40, MySQL 1213/1205, SQLite busy). */
    static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ((state != null && state.startsWith("40")) || sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205
                        || sql.getErrorCode() == 5 /* SQLITE_BUSY */) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private void writeOnce(List<FetchRecord> r, List<FetchedCopy> c) {
        try {
            jdbi.useTransaction(h -> {
                if (!r.isEmpty()) {
                    // plain JDBC: nine binds per fetch through Jdbi's argument lookup cost more than the insert
                    try (PreparedStatement batch = h.getConnection().prepareStatement(INSERT_FETCH)) {
                        for (FetchRecord f : r) {
                            batch.setString(1, f.id());
                            batch.setString(2, f.mac().hex());
                            batch.setLong(3, Sql.millis(f.at()));
                            batch.setString(4, f.sourceIp());
                            setOptional(batch, 5, f.userAgent());
                            batch.setString(6, f.fileName());
                            batch.setString(7, f.contentHash());
                            setOptional(batch, 8, f.firmware());
                            batch.setString(9, f.transport());
                            batch.addBatch();
                        }
                        batch.executeBatch();
                    }
                }
                if (!c.isEmpty()) {
                    // one upsert per copy: a DELETE then INSERT takes gap locks on MySQL, and two nodes
                    // writing the same phone's copy at once then deadlock
                    var upsert = h.prepareBatch(upsertCopy);
                    for (FetchedCopy copy : c) {
                        upsert.bind("mac", copy.mac().hex()).bind("file", copy.fileName()).bind("hash", copy.contentHash())
                                .bind("body", copy.maskedBody()).bind("at", Sql.millis(copy.at())).add();
                    }
                    upsert.execute();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write fetch records: " + e.getMessage(), e);
        }
    }

    private static void setOptional(PreparedStatement st, int i, Optional<String> v) throws SQLException {
        if (v.isPresent()) {
            st.setString(i, v.get());
        } else {
            st.setNull(i, Types.VARCHAR);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // the batch is lost to the database but was logged line by line when served
            LOG.error("writing fetch records failed: {}", e.toString());
        }
    }

    /** Records written since start. */
    public long written() {
        return written.get();
    }

    /** Batches written since start. */
    public long batches() {
        return batches.get();
    }

    /** Masked copies skipped because the database already held the same body. */
    public long copiesSkipped() {
        return copiesSkipped.get();
    }

    private record CopyKey(MacAddress mac, String fileName) {
    }

    /** Stops the flusher and writes what is queued. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }
}
