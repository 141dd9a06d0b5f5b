package org.endpointmanager.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.Registration;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.jobs.JobRunner;
import org.endpointmanager.core.sip.NotifyAction;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.JobRecord;
import org.endpointmanager.core.store.LineRecord;
import org.endpointmanager.core.store.SiteRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;

/**
 * Resyncs N phones registered at a sipp UAS on loopback (one port, one contact per phone) with a
 * bulk NOTIFY job at the given concurrency; prints the total time, the rate and the job's counts.
 * bench/notify-fanout.sh counts what sipp received per phone.
 *
 * <p>args: phones, concurrency, sipp port, engine SIP port
 */
public final class NotifyFanOutBenchmark {

    private static final String[][] VENDORS = {
        {"yealink", "805ec0", "T46S"}, {"fanvil", "0c383e", "X4"}, {"grandstream", "000b82", "GXP2135"},
        {"snom", "000413", "D785"}, {"htek", "001fc1", "UC924"},
    };

    private NotifyFanOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int phones = Integer.parseInt(args[0]);
        int concurrency = Integer.parseInt(args[1]);
        int sippPort = Integer.parseInt(args[2]);
        int sipPort = Integer.parseInt(args[3]);
        Path root = Files.createTempDirectory("em-notify-bench-");
        TestingHostContext host = new TestingHostContext(root);
        String toml = """
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                enabled = false
                [sip]
                bind = "127.0.0.1"
                port = %d
                """.formatted(sipPort);
        VendorRegistry vendors = VendorRegistry.load(NotifyFanOutBenchmark.class.getClassLoader());
        Instant now = Instant.now();
        List<String> macs = new ArrayList<>();
        try (EndpointManager engine = EndpointManager.create(ConfigLoader.parse(toml, "bench.toml"), host, vendors,
                Clock.systemUTC())) {
            for (int i = 0; i < phones; i++) {
                String ext = String.valueOf(20_000 + i);
                host.addExtension(new Extension(ext, ext, Secret.of("pw" + i), "Phone " + i));
                host.register(new Registration(ext, "sip:" + ext + "@127.0.0.1:" + sippPort, "127.0.0.1", sippPort, "udp",
                        Optional.empty(), now, now.plus(Duration.ofHours(1))));
                String[] v = VENDORS[i % VENDORS.length];
                MacAddress mac = MacAddress.parse(v[1] + String.format("%06x", 0x300000 + i));
                engine.database().devices().insert(new DeviceRecord(UUID.randomUUID().toString(), mac, v[0], v[2],
                        "notify " + i, SiteRecord.DEFAULT_ID, Optional.empty(), Optional.empty(), "{}", "",
                        List.of(new LineRecord(1, Optional.of(ext), Optional.empty(), Optional.empty(), Optional.empty(),
                                Optional.empty(), Optional.empty(), Optional.empty())), now, now));
                macs.add(mac.colons());
            }
            long t0 = System.nanoTime();
            JobRecord job = engine.notifications().submit(NotifyAction.RESYNC, macs,
                    new JobRunner.Options(concurrency, Duration.ZERO), "bench", "bulk");
            JobRecord done;
            do {
                Thread.sleep(20);
                done = engine.database().jobs().find(job.id()).orElseThrow();
            } while (done.finishedAt().isEmpty());
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("RESULT phones=%d concurrency=%d seconds=%.2f rate=%.0f ok=%d failed=%d%n", phones, concurrency,
                    seconds, phones / seconds, done.succeeded(), done.failed());
        }
    }
}
