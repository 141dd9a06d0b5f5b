package org.endpointmanager.core.provisioning;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;

/**
 * A SHA-256 digest of a tree of values, fed field by field into one reused buffer: records are walked
 * through their components (the same fields their {@code toString()} would print, without building
 * that text), {@link Secret}s contribute their clear value (their {@code toString()} masks, and a
 * changed password must change the key), and values of other types contribute their
 * {@code toString()}. Every value is tagged and every string length-prefixed, so two different trees
 * cannot feed the same bytes.
 *
 * <p>One instance per thread ({@link #get()}); not thread-safe.
 */
final class KeyDigest {

    private static final ThreadLocal<KeyDigest> PER_THREAD = ThreadLocal.withInitial(KeyDigest::new);
    private static final int MAX_DEPTH = 32;
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    /** Accessors of a record class, as (Object)Object handles; null when they cannot be reached. */
    private static final ClassValue<MethodHandle[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            try {
                RecordComponent[] rc = type.getRecordComponents();
                MethodHandle[] out = new MethodHandle[rc.length];
                for (int i = 0; i < rc.length; i++) {
                    var accessor = rc[i].getAccessor();
                    accessor.setAccessible(true);
                    out[i] = MethodHandles.lookup().unreflect(accessor).asType(GETTER);
                }
                return out;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // walked through toString() instead
            }
        }
    };

    private final MessageDigest sha;
    private final byte[] buf = new byte[8192];
    private int pos;
    /**
     * Digests of values shared by many requests (the settings, a template, a model), by identity: they
     * are immutable records replaced, never changed, when their row changes, so one instance always
     * digests the same. Bounded per thread; a new instance after a change is digested afresh.
     */
    private final java.util.IdentityHashMap<Object, byte[]> shared = new java.util.IdentityHashMap<>();
    private static final int MAX_SHARED = 64;
    private KeyDigest inner;

    private KeyDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This thread's digester, reset. */
    static KeyDigest get() {
        KeyDigest d = PER_THREAD.get();
        d.pos = 0;
        d.sha.reset();
        return d;
    }

    /** Adds one value (any tree of records, optionals, collections, maps and plain values). */
    KeyDigest add(Object value) {
        walk(value, 0);
        return this;
    }

    /**
     * Adds an immutable value that many requests share: walked once per instance (per thread), then
     * fed as its own digest. An {@link Optional} is unwrapped so the instance inside is the one
     * remembered. Always use it for the same position of a key, as the bytes differ from {@link #add}.
     */
    KeyDigest addShared(Object value) {
        if (value instanceof Optional<?> o) {
            tag('O');
            return addShared(o.orElse(null));
        }
        if (value == null) {
            tag('N');
            return this;
        }
        byte[] digest = shared.get(value);
        if (digest == null) {
            digest = innerDigest(value);
            if (shared.size() >= MAX_SHARED) {
                shared.clear();
            }
            shared.put(value, digest);
        }
        return addDigest(digest);
    }

    /**
     * Adds the digest of a value that the caller remembered itself ({@link #digestOf}); fed exactly as
     * {@link #addShared} feeds the same value.
     */
    KeyDigest addDigest(Optional<byte[]> digest) {
        tag('O');
        if (digest.isEmpty()) {
            tag('N');
            return this;
        }
        return addDigest(digest.get());
    }

    private KeyDigest addDigest(byte[] digest) {
        tag('H');
        room(digest.length);
        System.arraycopy(digest, 0, buf, pos, digest.length);
        pos += digest.length;
        return this;
    }

    /** The digest of one value on its own, as {@link #addShared} would remember it; any thread. */
    static byte[] digestOf(Object value) {
        return PER_THREAD.get().innerDigest(value);
    }

    /** Walks a value into this thread's second digester, leaving this one's running digest alone. */
    private byte[] innerDigest(Object value) {
        if (inner == null) {
            inner = new KeyDigest();
        }
        inner.pos = 0;
        inner.sha.reset();
        inner.walk(value, 0);
        inner.drain();
        return inner.sha.digest();
    }

    /** The hex digest of everything added. */
    String hex() {
        drain();
        return HexFormat.of().formatHex(sha.digest());
    }

    private void walk(Object v, int depth) {
        MethodHandle[] fields;
        if (depth > MAX_DEPTH) {
            tag('!');
            text(String.valueOf(v));
            return;
        }
        if (v == null) {
            tag('N');
        } else if (v instanceof String s) {
            tag('S');
            text(s);
        } else if (v instanceof Secret s) {
            tag('K');
            text(s.reveal());
        } else if (v instanceof MacAddress m) {
            tag('M');
            text(m.hex());
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            tag('I');
            number(((Number) v).longValue());
        } else if (v instanceof Instant t) {
            tag('t');
            number(t.getEpochSecond());
            number(t.getNano());
        } else if (v instanceof ZoneId z) {
            tag('z');
            text(z.getId());
        } else if (v instanceof Double || v instanceof Float) {
            tag('D');
            number(Double.doubleToLongBits(((Number) v).doubleValue()));
        } else if (v instanceof Character c) {
            tag('c');
            number(c);
        } else if (v instanceof Boolean b) {
            tag(b ? 'T' : 'F');
        } else if (v instanceof Enum<?> e) {
            tag('E');
            text(e.getDeclaringClass().getName());
            text(e.name());
        } else if (v instanceof Optional<?> o) {
            tag('O');
            walk(o.orElse(null), depth + 1);
        } else if (v instanceof Collection<?> c) {
            tag('C');
            number(c.size());
            for (Object x : c) {
                walk(x, depth + 1);
            }
        } else if (v instanceof Map<?, ?> map) {
            tag('P');
            number(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getKey(), depth + 1);
                walk(e.getValue(), depth + 1);
            }
        } else if (v instanceof byte[] bytes) {
            tag('B');
            number(bytes.length);
            drain();
            sha.update(bytes);
        } else if (v.getClass().isRecord() && (fields = COMPONENTS.get(v.getClass())) != null) {
            tag('R');
            text(v.getClass().getName());
            for (MethodHandle h : fields) {
                Object field;
                try {
                    field = h.invokeExact(v);
                } catch (Throwable t) {
                    throw new IllegalStateException("cannot read a record component of " + v.getClass().getName(), t);
                }
                walk(field, depth + 1);
            }
        } else {
            tag('X');
            text(v.getClass().getName());
            text(v.toString());
        }
    }

    private void tag(char c) {
        room(1);
        buf[pos++] = (byte) c;
    }

    private void number(long n) {
        room(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (n >>> (56 - 8 * i));
        }
    }

    /** Length, then each UTF-16 unit as two bytes: exact, no encoding step, no copy of the string. */
    private void text(String s) {
        int n = s.length();
        number(n);
        int i = 0;
        while (i < n) {
            room(2);
            // as many characters as the buffer holds, without a bounds check per character
            int end = Math.min(n, i + (buf.length - pos) / 2);
            int p = pos;
            for (; i < end; i++) {
                char c = s.charAt(i);
                buf[p++] = (byte) (c >>> 8);
                buf[p++] = (byte) c;
            }
            pos = p;
        }
    }

    private void room(int n) {
        if (pos + n > buf.length) {
            drain();
        }
    }

    private void drain() {
        if (pos > 0) {
            sha.update(buf, 0, pos);
            pos = 0;
        }
    }
}
