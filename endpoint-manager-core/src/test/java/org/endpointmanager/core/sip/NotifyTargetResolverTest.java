package org.endpointmanager.core.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.host.Registration;
import org.endpointmanager.core.store.DeviceQuery;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.DeviceStore;
import org.endpointmanager.core.store.FetchRecord;
import org.endpointmanager.core.store.FetchStore;
import org.endpointmanager.core.store.LineRecord;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Target choice without a network: hand-written stores and the testing host's registrations. */
class NotifyTargetResolverTest {

    @TempDir
    Path root;

    private final List<FetchRecord> fetches = new ArrayList<>();
    private final List<DeviceRecord> devices = new ArrayList<>();

    private final FetchStore fetchStore = new FetchStore() {
        @Override
        public void record(FetchRecord fetch) {
            fetches.add(fetch);
        }

        @Override
        public Optional<FetchRecord> latest(MacAddress mac) {
            return history(mac, 1).stream().findFirst();
        }

        @Override
        public List<FetchRecord> history(MacAddress mac, int limit) {
            return fetches.stream().filter(f -> f.mac().equals(mac)).sorted(Comparator.comparing(FetchRecord::at).reversed())
                    .limit(limit).toList();
        }

        @Override
        public void keepCopy(org.endpointmanager.core.store.FetchedCopy copy) {
        }

        @Override
        public Optional<org.endpointmanager.core.store.FetchedCopy> copy(MacAddress mac, String fileName) {
            return Optional.empty();
        }
    };

    private final DeviceStore deviceStore = new DeviceStore() {
        @Override
        public List<DeviceRecord> list(DeviceQuery query) {
            return devices.stream().skip(query.offset()).limit(query.limit()).toList();
        }

        @Override
        public long count(DeviceQuery query) {
            return devices.size();
        }

        @Override
        public Optional<DeviceRecord> findByMac(MacAddress mac) {
            return devices.stream().filter(d -> d.mac().equals(mac)).findFirst();
        }

        @Override
        public Optional<DeviceRecord> findById(String id) {
            return devices.stream().filter(d -> d.id().equals(id)).findFirst();
        }

        @Override
        public DeviceRecord insert(DeviceRecord device) {
            devices.add(device);
            return device;
        }

        @Override
        public DeviceRecord update(DeviceRecord device) {
            throw new UnsupportedOperationException("the resolver only reads devices");
        }

        @Override
        public boolean delete(MacAddress mac) {
            throw new UnsupportedOperationException("the resolver only reads devices");
        }

        @Override
        public long countBySite(String siteId) {
            return 0;
        }
    };

    private DeviceRecord device(String mac, Optional<String> ip, Optional<String> extension) {
        List<LineRecord> lines = extension.map(e -> List.of(new LineRecord(1, Optional.of(e), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))).orElse(List.of());
        return deviceStore.insert(new DeviceRecord(UUID.randomUUID().toString(), MacAddress.parse(mac), "example", "", "",
                "default", Optional.empty(), ip, "{}", "", lines, Instant.now(), Instant.now()));
    }

    private NotifyTarget resolve(TestingHostContext host, DeviceRecord d) {
        return new NotifyTargetResolver(host.registrationFeed(), host.userDirectory(), fetchStore, Clock.systemUTC())
                .resolve(d, AccountUsage.scan(deviceStore, host.userDirectory()));
    }

    private static Registration reg(String ext, String contact, String source) {
        return new Registration(ext, contact, source, 5060, "udp", Optional.empty(), Instant.now(),
                Instant.now().plusSeconds(600));
    }

    @Test
    void withoutRegistrationTheLastFetchAddressWinsOverTheConfiguredOne() {
        TestingHostContext host = new TestingHostContext(root);
        DeviceRecord d = device("80:5e:c0:00:00:01", Optional.of("10.0.0.9"), Optional.of("1001"));
        assertEquals("sip:anonymous@10.0.0.9:5060", ((NotifyTarget.Phone) resolve(host, d)).requestUri());
        fetchStore.record(new FetchRecord("f", d.mac(), Instant.now(), "10.0.0.20", Optional.empty(), "x.cfg", "0", Optional.empty(),
                "http"));
        NotifyTarget.Phone p = (NotifyTarget.Phone) resolve(host, d);
        assertEquals("sip:anonymous@10.0.0.20:5060", p.requestUri());
        assertEquals("last seen address", p.source());
        assertEquals(Optional.of("1001"), p.account().flatMap(LineAccount::authUser));
    }

    @Test
    void ipv6LastSeenAddressIsBracketed() {
        DeviceRecord d = device("80:5e:c0:00:00:02", Optional.of("2001:db8::5"), Optional.empty());
        assertEquals("sip:anonymous@[2001:db8::5]:5060", ((NotifyTarget.Phone) resolve(new TestingHostContext(root), d)).requestUri());
    }

    @Test
    void severalContactsAreNarrowedByTheDevicesAddress() {
        TestingHostContext host = new TestingHostContext(root);
        DeviceRecord d = device("80:5e:c0:00:00:03", Optional.of("10.0.0.31"), Optional.of("1002"));
        host.register(reg("1002", "sip:1002@10.0.0.30:5060", "10.0.0.30"));
        host.register(reg("1002", "<sip:1002@10.0.0.31:5062;transport=udp>", "10.0.0.31"));
        NotifyTarget.Phone p = (NotifyTarget.Phone) resolve(host, d);
        assertEquals("sip:1002@10.0.0.31:5062;transport=udp", p.requestUri());
        assertEquals("registration", p.source());
    }

    @Test
    void expiredRegistrationsAndHostileContactsAreNotUsed() {
        TestingHostContext host = new TestingHostContext(root);
        DeviceRecord d = device("80:5e:c0:00:00:04", Optional.empty(), Optional.of("1003"));
        host.register(new Registration("1003", "sip:1003@10.0.0.40", "10.0.0.40", 5060, "udp", Optional.empty(),
                Instant.now().minusSeconds(900), Instant.now().minusSeconds(300)));
        assertInstanceOf(NotifyTarget.NoAddress.class, resolve(host, d));
        host.register(reg("1003", "sip:1003@phones.example.com", "10.0.0.40"));
        assertInstanceOf(NotifyTarget.Refused.class, resolve(host, d));
        host.unregister("1003", "sip:1003@phones.example.com");
        host.register(reg("1003", "sip:1003@224.0.1.75", "10.0.0.40"));
        assertInstanceOf(NotifyTarget.Refused.class, resolve(host, d));
    }

    @Test
    void userAgentMacMatchesInCommonSpellings() {
        MacAddress mac = MacAddress.parse("80:5e:c0:ab:cd:ef");
        assertTrue(NotifyTargetResolver.carriesMac(new Registration("1", "sip:1@1.2.3.4", "1.2.3.4", 5060, "udp",
                Optional.of("Yealink SIP-T46U 108.86.0.20 80:5E:C0:AB:CD:EF"), Instant.now(), Instant.now()), mac));
        assertTrue(NotifyTargetResolver.carriesMac(new Registration("1", "sip:1@1.2.3.4", "1.2.3.4", 5060, "udp",
                Optional.of("Grandstream GXP2170 1.0.11.6 805ec0abcdef"), Instant.now(), Instant.now()), mac));
        assertFalse(NotifyTargetResolver.carriesMac(new Registration("1", "sip:1@1.2.3.4", "1.2.3.4", 5060, "udp",
                Optional.of("Grandstream GXP2170 1.0.11.6 805ec0abcd00"), Instant.now(), Instant.now()), mac));
    }
}
