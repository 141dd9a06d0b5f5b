package org.endpointmanager.core.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.core.store.ChangeLog;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Per-device provisioning credentials in {@code endpoint_device_access}: the path token and the
 * optional HTTP user name and password.
 *
 * <p>Storage choice: the current token is sealed with the {@link SecretBox} (the phone's own
 * config must carry its base URL, so rendering needs the clear token) and also stored as its
 * SHA-256, which is what requests are looked up and compared by. The previous token, which only
 * has to be recognised, is kept as a hash alone. A copy of the database without the key file thus
 * holds no usable token.
 *
 * <p>Every provisioning request reads a device's row (by MAC, and by token hash when it presents a
 * token), so with a {@link ChangeLog} the rows are cached by MAC, absent rows included (bounded;
 * when full the cache starts over). A write through this store drops the row at once, after its
 * transaction has committed, and tells the other nodes through the change log; they drop theirs
 * within one poll ({@code ClusterNode.POLL}, 250 ms). A device written, deleted or renamed (a
 * {@code DEVICE} change) drops its row too. Token lookups remember only which MAC a hash belonged
 * to and then check the hash against that MAC's (cached, invalidated) row, so a rotated or revoked
 * token is refused as soon as the row is dropped. Tokens no device holds are never cached.
 */
public final class DeviceAccessStore {

    /** Characters of a token: URL-safe base64 of 32 random bytes (256 bits). */
    public static final int TOKEN_BYTES = 32;

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Optional<ChangeLog> changes;
    private final int maxCached;
    private final ConcurrentHashMap<MacAddress, Optional<Access>> byMac = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, MacAddress> macByTokenHash = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * One device's row.
     *
     * @param deviceId device id
     * @param mac device MAC
     * @param tokenHash SHA-256 hex of the current token
     * @param token the current token (decrypted)
     * @param previousTokenHash SHA-256 hex of the token the phone may still hold
     * @param httpUsername HTTP user name
     * @param httpPassword HTTP password (decrypted)
     */
    public record Access(String deviceId, MacAddress mac, Optional<String> tokenHash, Optional<Secret> token,
            Optional<String> previousTokenHash, Optional<String> httpUsername, Optional<Secret> httpPassword) {
        /** Rejects nulls. */
        public Access {
            Objects.requireNonNull(deviceId, "deviceId is null");
            Objects.requireNonNull(mac, "mac is null");
            Objects.requireNonNull(tokenHash, "tokenHash is null");
            Objects.requireNonNull(token, "token is null");
            Objects.requireNonNull(previousTokenHash, "previousTokenHash is null");
            Objects.requireNonNull(httpUsername, "httpUsername is null");
            Objects.requireNonNull(httpPassword, "httpPassword is null");
        }

        /** Whether HTTP credentials are set. */
        public boolean hasCredentials() {
            return httpUsername.isPresent() && httpPassword.isPresent();
        }
    }

    /** Creates the store without a cache: every read asks the database. */
    public DeviceAccessStore(Jdbi jdbi, SecretBox box, Clock clock) {
        this(jdbi, box, clock, Optional.empty(), 0);
    }

    /**
     * Creates the store with rows cached by MAC, kept in step with other nodes through the change log.
     *
     * @param maxCached rows (present or absent) kept at most
     */
    public DeviceAccessStore(Jdbi jdbi, SecretBox box, Clock clock, ChangeLog changes, int maxCached) {
        this(jdbi, box, clock, Optional.of(changes), maxCached);
        changes.addListener(this::changed);
    }

    private DeviceAccessStore(Jdbi jdbi, SecretBox box, Clock clock, Optional<ChangeLog> changes, int maxCached) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
        this.box = Objects.requireNonNull(box, "box is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.changes = Objects.requireNonNull(changes, "changes is null");
        this.maxCached = maxCached;
    }

    /** The row of a device, when it has one. */
    public Optional<Access> find(MacAddress mac) {
        Objects.requireNonNull(mac, "mac is null");
        if (changes.isEmpty()) {
            return query("d.mac = :v", mac.hex());
        }
        Optional<Access> cached = byMac.get(mac);
        if (cached != null) {
            hits.incrementAndGet();
            return cached;
        }
        misses.incrementAndGet();
        long g = generation.get();
        Optional<Access> loaded = query("d.mac = :v", mac.hex());
        remember(mac, loaded, g);
        return loaded;
    }

    /** The device whose current or previous token has this hash. */
    public Optional<Access> findByTokenHash(String hash) {
        Objects.requireNonNull(hash, "hash is null");
        if (changes.isEmpty()) {
            return query("(a.token_hash = :v OR a.previous_token_hash = :v)", hash);
        }
        MacAddress known = macByTokenHash.get(hash);
        if (known != null) {
            // the row decides: it is dropped on every change, the hash-to-MAC hint is not
            Optional<Access> row = find(known).filter(a -> holds(a, hash));
            if (row.isPresent()) {
                return row;
            }
            macByTokenHash.remove(hash, known);
        }
        long g = generation.get();
        Optional<Access> loaded = query("(a.token_hash = :v OR a.previous_token_hash = :v)", hash);
        loaded.ifPresent(a -> {
            remember(a.mac(), loaded, g);
            if (generation.get() == g) {
                if (macByTokenHash.size() >= maxCached) {
                    macByTokenHash.clear();
                }
                macByTokenHash.put(hash, a.mac());
            }
        });
        return loaded;
    }

    private static boolean holds(Access a, String hash) {
        return a.tokenHash().filter(hash::equals).isPresent() || a.previousTokenHash().filter(hash::equals).isPresent();
    }

    /** Keeps a row read while no invalidation happened since {@code g}: a read overlapping a write is not kept. */
    private void remember(MacAddress mac, Optional<Access> row, long g) {
        if (generation.get() != g) {
            return;
        }
        if (byMac.size() >= maxCached) {
            byMac.clear(); // crude but bounded; the phones that ask refill it in one pass
        }
        byMac.put(mac, row);
        if (generation.get() != g) {
            byMac.remove(mac);
        }
    }

    /** A change from the log (this node's or another's): drops what it may have made stale. */
    private void changed(ChangeLog.Change c) {
        if (c.entity() != ChangeLog.Entity.DEVICE && c.entity() != ChangeLog.Entity.DEVICE_ACCESS) {
            return;
        }
        if ("*".equals(c.key())) {
            invalidateAll();
            return;
        }
        MacAddress.tryParse(c.key()).ifPresentOrElse(this::invalidate, this::invalidateAll);
    }

    private void invalidate(MacAddress mac) {
        generation.incrementAndGet();
        byMac.remove(mac);
    }

    private void invalidateAll() {
        generation.incrementAndGet();
        byMac.clear();
        macByTokenHash.clear();
    }

    /** Drops the cached row after a committed write and tells the other nodes (the append joins no transaction). */
    private void written(MacAddress mac) {
        invalidate(mac);
        changes.ifPresent(c -> c.append(ChangeLog.Entity.DEVICE_ACCESS, mac.hex()));
    }

    /** Row lookups answered from memory. */
    public long hits() {
        return hits.get();
    }

    /** Row lookups that went to the database. */
    public long misses() {
        return misses.get();
    }

    /** The device with this HTTP user name. */
    public Optional<Access> findByUsername(String username) {
        Objects.requireNonNull(username, "username is null");
        return query("a.http_username = :v", username);
    }

    private Optional<Access> query(String where, String value) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.device_id, d.mac, a.token_hash, a.token_enc, "
                        + "a.previous_token_hash, a.http_username, a.http_password_enc FROM endpoint_device_access a "
                        + "JOIN endpoint_devices d ON d.id = a.device_id WHERE " + where)
                .bind("v", value)
                .map((rs, ctx) -> new Access(rs.getString(1), MacAddress.parse(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)).map(box::decrypt),
                        Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                        Optional.ofNullable(rs.getString(7)).map(box::decrypt)))
                .findFirst());
    }

    /**
     * Gives a device a new token. The token the phone last fetched with stays accepted: when the
     * phone never fetched with the current one, that older token is kept as the previous one.
     *
     * @return the new token
     * @throws IllegalArgumentException when no device has this MAC
     */
    public Secret rotateToken(MacAddress mac) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        Secret token = Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        jdbi.useTransaction(h -> {
            String deviceId = deviceId(h, mac);
            Optional<Tokens> current = tokens(h, deviceId);
            Optional<String> previous = current.flatMap(Tokens::previous).or(() -> current.flatMap(Tokens::current));
            ensureRow(h, deviceId);
            h.createUpdate("UPDATE endpoint_device_access SET token_hash = :hash, token_enc = :enc, "
                            + "previous_token_hash = :prev, updated_at = :at WHERE device_id = :id")
                    .bind("hash", hash(token.reveal())).bind("enc", box.encrypt(token))
                    .bind("prev", previous.orElse(null)).bind("at", clock.millis()).bind("id", deviceId).execute();
        });
        written(mac);
        return token;
    }

    /** The phone fetched with its current token: the previous one is no longer accepted. */
    public void confirmCurrent(String deviceId) {
        Optional<String> mac = jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE endpoint_device_access SET previous_token_hash = NULL, "
                    + "updated_at = :at WHERE device_id = :id AND previous_token_hash IS NOT NULL")
                    .bind("at", clock.millis()).bind("id", deviceId).execute();
            return n == 0 ? Optional.<String>empty()
                    : h.createQuery("SELECT mac FROM endpoint_devices WHERE id = :id").bind("id", deviceId)
                            .mapTo(String.class).findFirst();
        });
        mac.flatMap(MacAddress::tryParse).ifPresent(this::written);
    }

    /**
     * Sets or clears a device's HTTP credentials.
     *
     * @throws IllegalArgumentException when no device has this MAC
     * @throws IllegalStateException when another device has this user name
     */
    public void setCredentials(MacAddress mac, Optional<String> username, Optional<Secret> password) {
        jdbi.useTransaction(h -> {
            String deviceId = deviceId(h, mac);
            if (username.isPresent()) {
                Optional<String> other = h.createQuery("SELECT device_id FROM endpoint_device_access "
                        + "WHERE http_username = :u AND device_id <> :id")
                        .bind("u", username.get()).bind("id", deviceId).mapTo(String.class).findFirst();
                if (other.isPresent()) {
                    throw new IllegalStateException("another device has this user name");
                }
            }
            ensureRow(h, deviceId);
            h.createUpdate("UPDATE endpoint_device_access SET http_username = :u, http_password_enc = :p, "
                            + "updated_at = :at WHERE device_id = :id")
                    .bind("u", username.orElse(null)).bind("p", password.map(box::encrypt).orElse(null))
                    .bind("at", clock.millis()).bind("id", deviceId).execute();
        });
        written(mac);
    }

    private record Tokens(Optional<String> current, Optional<String> previous) {
    }

    private static Optional<Tokens> tokens(Handle h, String deviceId) {
        return h.createQuery("SELECT token_hash, previous_token_hash FROM endpoint_device_access WHERE device_id = :id")
                .bind("id", deviceId)
                .map((rs, ctx) -> new Tokens(Optional.ofNullable(rs.getString(1)), Optional.ofNullable(rs.getString(2))))
                .findFirst();
    }

    private void ensureRow(Handle h, String deviceId) {
        int exists = h.createQuery("SELECT COUNT(*) FROM endpoint_device_access WHERE device_id = :id")
                .bind("id", deviceId).mapTo(Integer.class).one();
        if (exists == 0) {
            h.createUpdate("INSERT INTO endpoint_device_access (device_id, updated_at) VALUES (:id, :at)")
                    .bind("id", deviceId).bind("at", clock.millis()).execute();
        }
    }

    private static String deviceId(Handle h, MacAddress mac) {
        return h.createQuery("SELECT id FROM endpoint_devices WHERE mac = :mac").bind("mac", mac.hex())
                .mapTo(String.class).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no device with MAC " + mac.colons()));
    }

    /** SHA-256 hex of a token, the form it is stored and compared in. */
    public static String hash(String token) {
        return Sha256.hex(token);
    }
}
