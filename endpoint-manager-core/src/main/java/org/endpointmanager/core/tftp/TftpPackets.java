package org.endpointmanager.core.tftp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** TFTP packet layouts (RFC 1350, options RFC 2347): parsing requests, building replies. */
final class TftpPackets {

    static final int RRQ = 1;
    static final int WRQ = 2;
    static final int DATA = 3;
    static final int ACK = 4;
    static final int ERROR = 5;
    static final int OACK = 6;

    static final int ERR_UNDEFINED = 0;
    static final int ERR_NOT_FOUND = 1;
    static final int ERR_ACCESS = 2;
    static final int ERR_ILLEGAL = 4;
    static final int ERR_UNKNOWN_TID = 5;
    static final int ERR_OPTION = 8;

    private TftpPackets() {
    }

    /**
     * A read or write request.
     *
     * @param opcode RRQ or WRQ
     * @param fileName as sent (hostile)
     * @param mode lower-case transfer mode
     * @param options option names lower-cased, in order
     */
    record Request(int opcode, String fileName, String mode, Map<String, String> options) {
    }

    static int opcode(byte[] p, int len) {
        return len < 2 ? -1 : ((p[0] & 0xff) << 8) | (p[1] & 0xff);
    }

    static int block(byte[] p, int len) {
        return len < 4 ? -1 : ((p[2] & 0xff) << 8) | (p[3] & 0xff);
    }

    /** Parses RRQ/WRQ: zero-terminated strings; empty when malformed. */
    static Optional<Request> request(byte[] p, int len) {
        int op = opcode(p, len);
        if (op != RRQ && op != WRQ) {
            return Optional.empty();
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        int start = 2;
        for (int i = 2; i < len; i++) {
            if (p[i] == 0) {
                parts.add(new String(p, start, i - start, StandardCharsets.ISO_8859_1));
                start = i + 1;
                if (parts.size() > 20) {
                    return Optional.empty();
                }
            }
        }
        if (start != len || parts.size() < 2) {
            return Optional.empty();
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 2; i + 1 < parts.size(); i += 2) {
            options.putIfAbsent(parts.get(i).toLowerCase(Locale.ROOT), parts.get(i + 1));
        }
        return Optional.of(new Request(op, parts.get(0), parts.get(1).toLowerCase(Locale.ROOT), options));
    }

    static byte[] error(int code, String message) {
        byte[] msg = message.getBytes(StandardCharsets.US_ASCII);
        byte[] p = new byte[5 + msg.length];
        p[1] = ERROR;
        p[3] = (byte) code;
        System.arraycopy(msg, 0, p, 4, msg.length);
        return p;
    }

    static byte[] oack(Map<String, String> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(OACK);
        options.forEach((k, v) -> {
            out.writeBytes(k.getBytes(StandardCharsets.US_ASCII));
            out.write(0);
            out.writeBytes(v.getBytes(StandardCharsets.US_ASCII));
            out.write(0);
        });
        return out.toByteArray();
    }

    static byte[] ack(int block) {
        return new byte[] {0, ACK, (byte) (block >> 8), (byte) block};
    }

    /** A DATA packet header followed by room for {@code size} bytes. */
    static byte[] dataHeader(int block, int size) {
        byte[] p = new byte[4 + size];
        p[1] = DATA;
        p[2] = (byte) (block >> 8);
        p[3] = (byte) block;
        return p;
    }
}
