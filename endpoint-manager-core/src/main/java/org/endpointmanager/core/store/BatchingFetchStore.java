package org.endpointmanager.core.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
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
 * <p>A fetch that repeats the phone's previous fetch of that file ({@link FetchRecord#repeatedBy}:
 * same bytes, address, User-Agent and transport, within a minute) is counted on that record
 * instead of becoming a row of its own: a row costs an entry in the {@code (mac, at)} index, a
 * random page of it, and a phone asking again and again (a boot loop, a storm) would otherwise
 * write a page per request. The run's count and last time reach the database by an update of its
 * row at most once every {@link #REPEAT_WRITE_INTERVAL}, and at once on {@link #flush()}; reads on
 * this node see them immediately.
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
    private List<Run> records = new ArrayList<>();
    private Map<CopyKey, FetchedCopy> copies = new LinkedHashMap<>();
    private List<Run> flushingRecords = List.of();
    /** The open run of each (MAC, file): what a repeat extends. Guarded by {@link #lock}; bounded. */
    private final Map<MacAddress, Map<String, Run>> runs = new java.util.HashMap<>();
    private int openRuns;
    private static final int MAX_RUNS = 100_000;
    /** Written runs whose count grew since; written by update. Guarded by {@link #lock}. */
    private final Set<Run> dirty = new LinkedHashSet<>();
    /** Longest time a run's count and last time wait before the database gets them. */
    static final Duration REPEAT_WRITE_INTERVAL = Duration.ofSeconds(5);
    private long repeatsWrittenAt = System.nanoTime();
    private long prunedAt = System.nanoTime();
    /** The newest fetch time recorded: runs whose last fetch is a gap older can no longer grow. */
    private Instant newestAt = Instant.EPOCH;
    static final Duration PRUNE_INTERVAL = Duration.ofSeconds(60);
    private final AtomicLong repeats = new AtomicLong();
    private Map<CopyKey, FetchedCopy> flushingCopies = Map.of();
    private final Object flushLock = new Object();
    private final ScheduledExecutorService flusher;
    private final String upsertCopy;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final ConcurrentHashMap<MacAddress, FetchRecord> newest = new ConcurrentHashMap<>();
    private static final int MAX_NEWEST = 100_000;
    private static final String INSERT_FETCH = "INSERT INTO endpoint_fetches (id, mac, at, source_ip, user_agent, "
            + "file_name, content_hash, firmware, transport, repeats, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_REPEATS = "UPDATE endpoint_fetches SET repeats = ?, last_at = ? WHERE id = ?";

    /**
     * A record and what the database holds of it. Guarded by {@link #lock}.
     */
    private static final class Run {
        FetchRecord current;
        /** The state last written, null until the row is inserted. */
        FetchRecord persisted;

        Run(FetchRecord first) {
            this.current = first;
        }
    }
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
            if (fetch.at().isAfter(newestAt)) {
                newestAt = fetch.at();
            }
            Map<String, Run> files = runs.get(fetch.mac());
            Run open = files == null ? null : files.get(fetch.fileName());
            if (open != null && open.current.repeatedBy(fetch)) {
                open.current = open.current.repeatedAt(fetch.at());
                if (open.persisted != null) {
                    dirty.add(open);
                }
                repeats.incrementAndGet();
                queued = -1;
            } else {
                Run run = new Run(fetch);
                if (files == null) {
                    if (openRuns >= MAX_RUNS) {
                        forgetWrittenRuns(Instant.MAX); // the bound: a repeat of a dropped run starts a new row
                    }
                    files = new java.util.HashMap<>(4);
                    runs.put(fetch.mac(), files);
                }
                if (files.put(fetch.fileName(), run) == null) {
                    openRuns++;
                }
                records.add(run);
                queued = records.size();
            }
        }
        remember(fetch);
        if (queued > 0) {
            afterAdd(queued);
        }
    }

    /** Drops the open runs whose state is all in the database and whose last fetch is before {@code before}. */
    private void forgetWrittenRuns(Instant before) {
        for (var files = runs.values().iterator(); files.hasNext(); ) {
            Map<String, Run> m = files.next();
            m.values().removeIf(r -> {
                boolean written = r.persisted == r.current && r.current.at().isBefore(before);
                if (written) {
                    openRuns--;
                }
                return written;
            });
            if (m.isEmpty()) {
                files.remove();
            }
        }
    }

    /** Forgets one run (its row could not be written: a repeat must not count on it). */
    private void forget(Run run) {
        Map<String, Run> files = runs.get(run.current.mac());
        if (files != null && files.remove(run.current.fileName(), run)) {
            openRuns--;
            if (files.isEmpty()) {
                runs.remove(run.current.mac());
            }
        }
        dirty.remove(run);
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
            flush(false); // back-pressure: this request pays for the write
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
            // this node's open runs of the phone: queued, being written, or written with a count
            // that may have grown since; each is newer than its row in the database
            Map<String, Run> files = runs.get(mac);
            if (files != null) {
                files.values().forEach(r -> pending.add(r.current));
            }
            for (Run r : flushingRecords) {
                if (r.current.mac().equals(mac)) {
                    pending.add(r.current);
                }
            }
            for (Run r : records) {
                if (r.current.mac().equals(mac)) {
                    pending.add(r.current);
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

    /** Writes everything queued now, the repeats counted on written records included. */
    @Override
    public void flush() {
        flush(true);
    }

    private void flush(boolean allRepeats) {
        synchronized (flushLock) {
            List<Run> r;
            List<FetchRecord> inserts = new ArrayList<>();
            List<Run> updated = new ArrayList<>();
            List<FetchRecord> updates = new ArrayList<>();
            Map<CopyKey, FetchedCopy> c;
            synchronized (lock) {
                boolean repeatsDue = !dirty.isEmpty() && (allRepeats
                        || System.nanoTime() - repeatsWrittenAt >= REPEAT_WRITE_INTERVAL.toNanos());
                if (records.isEmpty() && copies.isEmpty() && !repeatsDue) {
                    return;
                }
                r = records;
                c = copies;
                records = new ArrayList<>();
                copies = new LinkedHashMap<>();
                flushingRecords = r;
                flushingCopies = c;
                r.forEach(run -> inserts.add(run.current));
                if (System.nanoTime() - prunedAt >= PRUNE_INTERVAL.toNanos()) {
                    // runs a repeat can no longer extend, once written: memory follows the phones asking now
                    forgetWrittenRuns(newestAt.minus(FetchRecord.REPEAT_GAP));
                    prunedAt = System.nanoTime();
                }
                if (repeatsDue) {
                    updated.addAll(dirty);
                    dirty.clear();
                    updated.forEach(run -> updates.add(run.current));
                    repeatsWrittenAt = System.nanoTime();
                }
            }
            boolean ok = false;
            try {
                write(inserts, updates, c.values());
                ok = true;
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
                    persisted(r, inserts, ok);
                    persisted(updated, updates, ok);
                    flushingRecords = List.of();
                    flushingCopies = Map.of();
                }
            }
        }
    }

    /** After a write: what the database now holds of each run; repeats since then wait for the next. */
    private void persisted(List<Run> written, List<FetchRecord> states, boolean ok) {
        for (int i = 0; i < written.size(); i++) {
            Run run = written.get(i);
            if (!ok) {
                forget(run); // its row may not exist: the next fetch starts a new one
                continue;
            }
            run.persisted = states.get(i);
            if (run.current != run.persisted) {
                dirty.add(run);
            }
        }
    }

    /** Attempts at a batch whose transaction the database chose as a deadlock victim. */
    private static final int WRITE_ATTEMPTS = 4;

    private void write(List<FetchRecord> r, List<FetchRecord> updates, java.util.Collection<FetchedCopy> unordered) {
        // every node deletes and inserts copies in the same (mac, file) order, so two nodes writing
        // the same phone's copy wait for each other instead of deadlocking
        List<FetchedCopy> c = new ArrayList<>(unordered);
        c.sort(Comparator.comparing((FetchedCopy x) -> x.mac().hex()).thenComparing(FetchedCopy::fileName));
        for (int attempt = 1; ; attempt++) {
            try {
                writeOnce(r, updates, c);
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

    private void writeOnce(List<FetchRecord> r, List<FetchRecord> updates, List<FetchedCopy> c) {
        try {
            jdbi.useTransaction(h -> {
                if (!r.isEmpty()) {
                    // plain JDBC: nine binds per fetch through Jdbi's argument lookup cost more than the insert
                    try (PreparedStatement batch = h.getConnection().prepareStatement(INSERT_FETCH)) {
                        for (FetchRecord f : r) {
                            batch.setString(1, f.id());
                            batch.setString(2, f.mac().hex());
                            batch.setLong(3, Sql.millis(f.firstAt()));
                            batch.setString(4, f.sourceIp());
                            setOptional(batch, 5, f.userAgent());
                            batch.setString(6, f.fileName());
                            batch.setString(7, f.contentHash());
                            setOptional(batch, 8, f.firmware());
                            batch.setString(9, f.transport());
                            batch.setInt(10, f.repeats());
                            setLastAt(batch, 11, f);
                            batch.addBatch();
                        }
                        batch.executeBatch();
                    }
                }
                if (!updates.isEmpty()) {
                    // in id order, so two nodes never update the same rows in opposite orders
                    List<FetchRecord> sorted = new ArrayList<>(updates);
                    sorted.sort(Comparator.comparing(FetchRecord::id));
                    try (PreparedStatement batch = h.getConnection().prepareStatement(UPDATE_REPEATS)) {
                        for (FetchRecord f : sorted) {
                            batch.setInt(1, f.repeats());
                            setLastAt(batch, 2, f);
                            batch.setString(3, f.id());
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

    private static void setLastAt(PreparedStatement st, int i, FetchRecord f) throws SQLException {
        Long lastAt = JdbiFetchStore.lastAtColumn(f);
        if (lastAt != null) {
            st.setLong(i, lastAt);
        } else {
            st.setNull(i, Types.BIGINT);
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
            flush(false);
        } catch (RuntimeException e) {
            // the batch is lost to the database but was logged line by line when served
            LOG.error("writing fetch records failed: {}", e.toString());
        }
    }

    /** Fetches counted on an earlier record since start. */
    public long repeats() {
        return repeats.get();
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
