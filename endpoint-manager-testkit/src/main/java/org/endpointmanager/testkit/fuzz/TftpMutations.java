package org.endpointmanager.testkit.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * TFTP datagrams (RFC 1350, options RFC 2347-2349) built to break a server: unknown opcodes,
 * strings without their NUL, odd modes, option lists far longer than any client sends, option values
 * out of range or not numbers, hostile file names, truncated and random packets.
 */
public final class TftpMutations {

    private static final List<String> MODES = List.of("octet", "netascii", "OCTET", "NetAscii", "mail", "", "octet ",
            " octet", "octet\r\n", "binary", "\u00ff", "octet\u0000x");
    private static final List<String> OPTIONS = List.of("blksize", "tsize", "timeout", "windowsize", "BLKSIZE",
            "multicast", "", "blksize ", "x".repeat(300));
    private static final List<String> VALUES = List.of("0", "7", "8", "512", "1428", "65464", "65465", "99999999",
            "99999999999999999999", "-1", "+1", " 512", "512 ", "1e3", "0x10", "", "abc", "256", "255", "1", "\u00bd");

    private TftpMutations() {
    }

    /** A request packet: opcode, then zero-terminated strings. */
    public static byte[] request(int opcode, String fileName, String mode, List<String> optionsAndValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(opcode >> 8);
        out.write(opcode);
        zstring(out, fileName);
        zstring(out, mode);
        optionsAndValues.forEach(s -> zstring(out, s));
        return out.toByteArray();
    }

    private static void zstring(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
    }

    /** File names a TFTP client could send: plain, traversal, absolute, hostile. */
    public static Gen<String> fileNames(List<String> plain) {
        return Gen.oneOf(Gen.of(plain), HostileStrings.upTo(80),
                r -> Gen.of("../", "/", "..\\", "./", "//", "a/../../", "%2e%2e/", "C:\\").next(r) + Gen.of(plain).next(r),
                r -> HostileStrings.mutate(Gen.of(plain).next(r)).next(r));
    }

    /** Read/write requests with random names, modes and options, sometimes then damaged. */
    public static Gen<byte[]> requests(List<String> plainNames) {
        Gen<String> names = fileNames(plainNames);
        return r -> {
            int opcode = r.nextInt(6) == 0 ? Gen.of(0, 2, 3, 4, 5, 6, 7, 255, 256, 0xffff).next(r) : 1;
            String mode = r.nextBoolean() ? "octet" : MODES.get(r.nextInt(MODES.size()));
            byte[] p = request(opcode, names.next(r), mode, options(r));
            return r.nextInt(4) == 0 ? damage(r, p) : p;
        };
    }

    private static List<String> options(SplittableRandom r) {
        int pairs = switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 3;
            case 3 -> 12;
            default -> r.nextInt(40, 200); // far beyond any client
        };
        String[] out = new String[pairs * 2 + (r.nextInt(4) == 0 ? 1 : 0)]; // sometimes a value is missing
        for (int i = 0; i < out.length; i++) {
            out[i] = i % 2 == 0 ? OPTIONS.get(r.nextInt(OPTIONS.size())) : VALUES.get(r.nextInt(VALUES.size()));
        }
        return Arrays.asList(out);
    }

    /** Byte damage typical of TFTP: the last NUL removed, truncation, a short packet, random bytes. */
    public static byte[] damage(SplittableRandom r, byte[] p) {
        return switch (r.nextInt(5)) {
            case 0 -> p.length == 0 ? p : Arrays.copyOf(p, p.length - 1);
            case 1 -> Arrays.copyOf(p, p.length == 0 ? 0 : r.nextInt(p.length));
            case 2 -> Arrays.copyOf(p, Math.min(p.length, r.nextInt(4)));
            case 3 -> {
                byte[] b = p.clone();
                for (int i = 0; i < b.length; i++) {
                    if (b[i] == 0 && r.nextBoolean()) {
                        b[i] = (byte) r.nextInt(1, 256);
                    }
                }
                yield b;
            }
            default -> SipMutations.mutateBytes(r, p);
        };
    }

    /** Any datagram at all: random bytes, stray ACK/DATA/ERROR/OACK, or a damaged request. */
    public static Gen<byte[]> datagrams(List<String> plainNames) {
        Gen<byte[]> requests = requests(plainNames);
        return r -> switch (r.nextInt(4)) {
            case 0 -> {
                byte[] b = new byte[r.nextInt(1500)];
                r.nextBytes(b);
                yield b;
            }
            case 1 -> {
                byte[] b = new byte[r.nextInt(4, 600)];
                r.nextBytes(b);
                b[0] = 0;
                b[1] = (byte) r.nextInt(3, 7);
                yield b;
            }
            default -> requests.next(r);
        };
    }
}
