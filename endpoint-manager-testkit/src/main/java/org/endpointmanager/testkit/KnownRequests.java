package org.endpointmanager.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * File names and User-Agents of all vendors' phones (from {@code reference/vendors.md}), so each
 * plug-in can be checked to leave the others' requests alone.
 */
public final class KnownRequests {

    /**
     * One request a vendor's phone makes.
     *
     * @param vendor the vendor id whose phone makes it
     * @param fileName the requested file name
     * @param userAgent the phone's User-Agent
     */
    public record Known(String vendor, String fileName, Optional<String> userAgent) {
        /** Rejects nulls. */
        public Known {
            Objects.requireNonNull(vendor, "vendor is null");
            Objects.requireNonNull(fileName, "fileName is null");
            Objects.requireNonNull(userAgent, "userAgent is null");
        }
    }

    /** User-Agents of the vendors' phones, by vendor. */
    public static final List<Known> USER_AGENTS = List.of(
            ua("yealink", "Yealink SIP-T46G 28.83.0.50 00:15:65:4f:9e:10"),
            ua("yealink", "Yealink SIP-T56A 58.80.0.25 001565f429a4"),
            ua("fanvil", "Fanvil X4 2.10.2.6887 0c383e07e16c"),
            ua("fanvil", "Fanvil X6U Pro 0.0.10 0c383e2cd782"),
            ua("grandstream", "Grandstream Model HW GXP2135 SW 1.0.7.97 DevId 000b828aa872"),
            ua("snom", "Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 2010.12-00001-gd311851f1 "
                    + "(Feb 25 2019 - 14:19:43) 00041396D9B4 SXM:0 UXM:0 UXMC:0)"),
            ua("htek", "Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9"),
            ua("example", "ExamplePhone EP200 1.4.2 02e3a1000001"));

    /** Requests the vendors' phones make, each with that phone's User-Agent. */
    public static final List<Known> FILES = List.of(
            file("yealink", "y000000000000.boot", "Yealink SIP-T46G 28.83.0.50 00:15:65:4f:9e:10"),
            file("yealink", "0015654f9e10.boot", "Yealink SIP-T46G 28.83.0.50 00:15:65:4f:9e:10"),
            file("yealink", "y000000000028.cfg", "Yealink SIP-T46G 28.83.0.50 00:15:65:4f:9e:10"),
            file("yealink", "0015654f9e10.cfg", "Yealink SIP-T46G 28.83.0.50 00:15:65:4f:9e:10"),
            file("yealink", "0015654f9e10-local.cfg", "Yealink SIP-T46G 28.83.0.50 00:15:65:4f:9e:10"),
            file("fanvil", "f0X4hw1.100.cfg", "Fanvil X4 2.10.2.6887 0c383e07e16c"),
            file("fanvil", "F0V00X300000.cfg", "Fanvil X4 2.10.2.6887 0c383e07e16c"),
            file("fanvil", "0c383e07e16c.cfg", "Fanvil X4 2.10.2.6887 0c383e07e16c"),
            file("fanvil", "fanvil_x4_hwv1_0.txt", "Fanvil X4 2.10.2.6887 0c383e07e16c"),
            file("grandstream", "cfg000b828aa872", "Grandstream Model HW GXP2135 SW 1.0.7.97 DevId 000b828aa872"),
            file("grandstream", "cfg000b828aa872.xml", "Grandstream Model HW GXP2135 SW 1.0.7.97 DevId 000b828aa872"),
            file("grandstream", "cfggxp2135.xml", "Grandstream Model HW GXP2135 SW 1.0.7.97 DevId 000b828aa872"),
            file("grandstream", "cfg.xml", "Grandstream Model HW GXP2135 SW 1.0.7.97 DevId 000b828aa872"),
            file("snom", "snomD785.htm", USER_AGENTS.get(5).userAgent().orElseThrow()),
            file("snom", "snomD785-00041396D9B4.htm", USER_AGENTS.get(5).userAgent().orElseThrow()),
            file("snom", "00041396D9B4.xml", USER_AGENTS.get(5).userAgent().orElseThrow()),
            file("htek", "cfg0016.xml", "Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9"),
            file("htek", "cfg001fc11c22a9", "Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9"),
            file("htek", "cfg001fc11c22a9.xml", "Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9"),
            file("htek", "001fc11c22a9.cfg", "Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9"),
            file("example", "example-common.cfg", "ExamplePhone EP200 1.4.2 02e3a1000001"),
            file("example", "example-02e3a1000001.cfg", "ExamplePhone EP200 1.4.2 02e3a1000001"));

    /** Names no vendor serves; some try to leave the provisioning directory. */
    public static final List<String> UNRELATED_NAMES = List.of(
            "..", ".", "", "..%2Fetc%2Fpasswd", "....passwd", "passwd", "index.html", "favicon.ico",
            ".env", "WEB-INF", "cfg", ".cfg", ".boot", "y.boot", "y00000000000.cfg",
            "000000000000000000000000.cfg", "zzzzzzzzzzzz.cfg", "805ec012345.cfg",
            "805ec0123456.cfg.bak", "805ec0123456.cfg\u0000.txt", "805ec0123456\n.cfg",
            "x".repeat(5000) + ".cfg");

    private KnownRequests() {
    }

    private static Known ua(String vendor, String userAgent) {
        return new Known(vendor, "", Optional.of(userAgent));
    }

    private static Known file(String vendor, String name, String userAgent) {
        return new Known(vendor, name, Optional.of(userAgent));
    }
}
