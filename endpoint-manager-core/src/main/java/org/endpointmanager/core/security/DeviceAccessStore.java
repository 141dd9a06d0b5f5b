package org.endpointmanager.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
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
 */
public final class DeviceAccessStore {

    /** Characters of a token: URL-safe base64 of 32 random bytes (256 bits). */
    public static final int TOKEN_BYTES = 32;

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

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

    /** Creates the store. */
    public DeviceAccessStore(Jdbi jdbi, SecretBox box, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi is null");
        this.box = Objects.requireNonNull(box, "box is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** The row of a device, when it has one. */
    public Optional<Access> find(MacAddress mac) {
        Objects.requireNonNull(mac, "mac is null");
        return query("d.mac = :v", mac.hex());
    }

    /** The device whose current or previous token has this hash. */
    public Optional<Access> findByTokenHash(String hash) {
        Objects.requireNonNull(hash, "hash is null");
        return query("(a.token_hash = :v OR a.previous_token_hash = :v)", hash);
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
        return token;
    }

    /** The phone fetched with its current token: the previous one is no longer accepted. */
    public void confirmCurrent(String deviceId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE endpoint_device_access SET previous_token_hash = NULL, "
                + "updated_at = :at WHERE device_id = :id AND previous_token_hash IS NOT NULL")
                .bind("at", clock.millis()).bind("id", deviceId).execute());
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
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
