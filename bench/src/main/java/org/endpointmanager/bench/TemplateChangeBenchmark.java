package org.endpointmanager.bench;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.provisioning.ProvisioningService;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.LineRecord;
import org.endpointmanager.core.store.SiteRecord;
import org.endpointmanager.core.store.TemplateRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;

/**
 * The time of one template change, with 100 and with 10,000 devices on the template, each of which
 * has fetched its file once (so the render cache is full). A change is what the console does on
 * save: check the template by rendering it for a sample device, store it. The next fetch of one
 * phone then renders afresh (lazily); the other phones cost nothing until they ask.
 *
 * <p>Prints one line per fleet size: median and p90 over 30 changes of the change itself, and of
 * the first fetch after it; then the ratio of the medians. Plain Java (no JMH): each change is a
 * database write, measured as a wall-clock time per operation.
 */
public final class TemplateChangeBenchmark {

    private static final String[][] VENDORS = {
        {"yealink", "805ec0", "T46S"}, {"fanvil", "0c383e", "X4"}, {"grandstream", "000b82", "GXP2135"},
        {"snom", "000413", "D785"}, {"htek", "001fc1", "UC924"},
    };
    private static final int CHANGES = 30;

    private TemplateChangeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {100, 10_000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        double[] medians = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            medians[i] = run(sizes[i]);
        }
        if (sizes.length >= 2) {
            System.out.printf("RESULT ratio=%.2f (median change time with %d devices / with %d devices)%n",
                    medians[sizes.length - 1] / medians[0], sizes[sizes.length - 1], sizes[0]);
        }
    }

    private static double run(int devices) throws Exception {
        Path root = Files.createTempDirectory("em-template-bench-");
        TestingHostContext host = new TestingHostContext(root);
        String toml = """
                provision_url_base = "http://203.0.113.10:8080/provision"
                [http]
                enabled = false
                """;
        VendorRegistry vendors = VendorRegistry.load(TemplateChangeBenchmark.class.getClassLoader());
        try (EndpointManager engine = EndpointManager.create(ConfigLoader.parse(toml, "bench.toml"), host, vendors,
                Clock.systemUTC())) {
            var db = engine.database();
            Instant now = Instant.now();
            TemplateRecord template = db.templates().insert(new TemplateRecord(UUID.randomUUID().toString(), "Bench",
                    Optional.empty(), Optional.empty(), "{\"codecs\":[\"PCMA\",\"PCMU\"]}", "", Optional.empty(), now, now));
            List<String[]> fleet = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                String[] v = VENDORS[i % VENDORS.length];
                MacAddress mac = MacAddress.parse(v[1] + String.format("%06x", 0x200000 + i));
                db.devices().insert(new DeviceRecord(UUID.randomUUID().toString(), mac, v[0], v[2], "bench " + i,
                        SiteRecord.DEFAULT_ID, Optional.of(template.id()), Optional.empty(), "{}", "",
                        List.of(new LineRecord(1, Optional.empty(), Optional.of("u" + i), Optional.of(Secret.of("p" + i)),
                                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())), now, now));
                fleet.add(new String[] {mac.hex(), v[0]});
            }
            ProvisioningService provisioning = engine.provisioning();
            InetAddress source = InetAddress.getByName("127.0.0.1");
            for (String[] d : fleet) {
                serve(provisioning, d[0], source);
            }
            long[] change = new long[CHANGES];
            long[] next = new long[CHANGES];
            for (int c = 0; c < CHANGES; c++) {
                TemplateRecord current = db.templates().find(template.id()).orElseThrow();
                TemplateRecord changed = new TemplateRecord(current.id(), current.name(), current.vendor(), current.siteId(),
                        "{\"codecs\":[\"PCMA\",\"PCMU\"],\"ntp_servers\":[\"ntp" + c + ".example.org\"]}", "",
                        Optional.empty(), current.createdAt(), current.updatedAt());
                long t0 = System.nanoTime();
                provisioning.check(changed);
                db.templates().update(changed);
                long t1 = System.nanoTime();
                serve(provisioning, fleet.get((c * 7919) % fleet.size())[0], source);
                long t2 = System.nanoTime();
                change[c] = t1 - t0;
                next[c] = t2 - t1;
            }
            Arrays.sort(change);
            Arrays.sort(next);
            double median = change[CHANGES / 2] / 1e6;
            System.out.printf("RESULT devices=%d change_median_ms=%.2f change_p90_ms=%.2f next_fetch_median_ms=%.2f "
                            + "next_fetch_p90_ms=%.2f%n", devices, median, change[CHANGES * 9 / 10] / 1e6,
                    next[CHANGES / 2] / 1e6, next[CHANGES * 9 / 10] / 1e6);
            return median;
        }
    }

    private static void serve(ProvisioningService provisioning, String mac, InetAddress source) {
        ProvisioningService.Response r = provisioning.serve(new ProvisioningService.Request(mac, Optional.empty(), source,
                "http"));
        if (r.status() != 200) {
            throw new IllegalStateException("fetch of " + mac + " answered " + r.status());
        }
    }
}
