package org.endpointmanager.core.binding;

import org.endpointmanager.testkit.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.ConsoleAuthenticator;
import org.endpointmanager.api.host.DialHook;
import org.endpointmanager.api.host.DialResult;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.host.HostContext;
import org.endpointmanager.api.host.RegistrationFeed;
import org.endpointmanager.api.host.UserDirectory;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.store.AuditEntry;
import org.endpointmanager.core.store.DeviceRecord;
import org.endpointmanager.core.store.FetchRecord;
import org.endpointmanager.core.store.LineRecord;
import org.endpointmanager.core.store.SiteRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dial hook the engine registers with its host, on a real engine and SQLite. */
class SelfBindingTest {

    private static final Instant T0 = Instant.parse("2026-03-26T08:00:00Z");
    private static final MacAddress MAC = MacAddress.parse("02e3a1000001");
    private static final String UA = "ExamplePhone EP200 1.2.3 02e3a1000001";
    private static final String IP = "192.0.2.40";

    /** The testing host plus binding PINs and a captured dial hook. */
    private static final class PinHost implements HostContext {
        final TestingHostContext base;
        final Map<String, String> pins = Map.of("1001", "4711", "1002", "0000");
        volatile DialHook hook;

        PinHost(Path root) {
            base = new TestingHostContext(root);
        }

        @Override
        public Path configDirectory() {
            return base.configDirectory();
        }

        @Override
        public Path dataDirectory() {
            return base.dataDirectory();
        }

        @Override
        public UserDirectory userDirectory() {
            UserDirectory users = base.userDirectory();
            return new UserDirectory() {
                @Override
                public Optional<Extension> find(String number) {
                    return users.find(number);
                }

                @Override
                public List<Extension> all() {
                    return users.all();
                }

                @Override
                public Optional<Secret> bindingPin(String number) {
                    return Optional.ofNullable(pins.get(number)).map(Secret::of);
                }
            };
        }

        @Override
        public ConsoleAuthenticator consoleAuthenticator() {
            return base.consoleAuthenticator();
        }

        @Override
        public RegistrationFeed registrationFeed() {
            return base.registrationFeed();
        }

        @Override
        public void registerDialHook(DialHook h) {
            hook = h;
        }

        @Override
        public ClassLoader pluginClassLoader() {
            return base.pluginClassLoader();
        }
    }

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(T0);
    private final List<MacAddress> resynced = new CopyOnWriteArrayList<>();
    private PinHost host;
    private EndpointManager engine;

    @BeforeEach
    void start() {
        host = new PinHost(root);
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        engine = EndpointManager.create(ConfigLoader.parse("""
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                enabled = false
                """, "test.toml"), host, vendors, clock);
        engine.selfBinding().onBound(resynced::add);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private Optional<DialResult> dial(String digits, String ip, String ua) {
        assertNotNull(host.hook, "the engine registers its dial hook at start");
        return host.hook.dialled(digits, ip, Optional.ofNullable(ua));
    }

    private Optional<DeviceRecord> device() {
        return engine.database().devices().findByMac(MAC);
    }

    private static Optional<String> line1(DeviceRecord d) {
        return d.lines().stream().filter(l -> l.index() == 1).findFirst().flatMap(LineRecord::extension);
    }

    @Test
    void theRightPinCreatesTheDeviceBoundToTheExtensionAuditsAndResyncs() {
        DialResult r = dial("*123*1001*4711", IP, UA).orElseThrow();

        assertEquals(DialResult.Outcome.ACCEPTED, r.outcome(), r.reason());
        DeviceRecord d = device().orElseThrow();
        assertEquals("example", d.vendor());
        assertEquals("EP200", d.model());
        assertEquals(Optional.of("1001"), line1(d));
        assertEquals(Optional.of(IP), d.ipAddress());
        assertEquals(List.of(MAC), resynced);
        List<AuditEntry> audit = engine.database().audit().list(Optional.of("phone:02:e3:a1:00:00:01"), Optional.empty(),
                Optional.empty(), 0, 10);
        assertEquals(1, audit.size());
        assertEquals("device.bind", audit.get(0).action());
        assertFalse(audit.get(0).detailJson().contains("4711"), "the PIN never reaches the audit log");
    }

    @Test
    void anExistingDeviceHasOnlyLine1Rebound() {
        LineRecord old1 = new LineRecord(1, Optional.empty(), Optional.of("olduser"), Optional.of(Secret.of("oldpw")),
                Optional.of("203.0.113.10"), Optional.of(5060), Optional.of("Old"), Optional.empty());
        LineRecord line2 = new LineRecord(2, Optional.of("1003"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        engine.database().devices().insert(new DeviceRecord(UUID.randomUUID().toString(), MAC, "example", "EP100", "desk",
                SiteRecord.DEFAULT_ID, Optional.empty(), Optional.empty(), "{}", "", List.of(old1, line2), T0, T0));

        assertEquals(DialResult.Outcome.ACCEPTED, dial("*123*1002*0000", IP, UA).orElseThrow().outcome());

        DeviceRecord d = device().orElseThrow();
        assertEquals(Optional.of("1002"), line1(d));
        LineRecord l1 = d.lines().get(0);
        assertEquals(Optional.empty(), l1.username());
        assertEquals(Optional.empty(), l1.password(), "the old explicit credentials are gone");
        assertEquals(Optional.of("203.0.113.10"), l1.server(), "the server the phone registers to stays");
        assertEquals(Optional.of("1003"), d.lines().get(1).extension(), "other lines are untouched");
        assertEquals("desk", d.label());
        assertEquals(List.of(MAC), resynced);
    }

    @Test
    void aWrongPinOrNoPinBindsNothing() {
        int n = 0;
        for (String digits : List.of("*123*1001*4712", "*123*1001*", "*123*1001", "*123*1003*4711", "*123*9999*4711",
                "*123*1001*47x1")) {
            // a fresh address each time, so the throttle does not answer instead
            DialResult r = dial(digits, "192.0.2." + (100 + n++), UA).orElseThrow(() -> new AssertionError(digits + " is ours"));
            assertEquals(DialResult.Outcome.REFUSED, r.outcome(), digits);
            assertEquals("wrong extension or PIN", r.reason(), "one answer for every refusal: " + digits);
        }
        assertTrue(device().isEmpty());
        assertTrue(resynced.isEmpty());
    }

    @Test
    void otherDigitsAreNotOurs() {
        assertTrue(dial("1001", IP, UA).isEmpty());
        assertTrue(dial("*124*1001*4711", IP, UA).isEmpty());
        assertTrue(dial("", IP, UA).isEmpty());
    }

    @Test
    void repeatedWrongPinsLockTheAddressOut() {
        for (int i = 0; i < PinThrottle.MAX_FAILURES; i++) {
            assertEquals(DialResult.Outcome.REFUSED, dial("*123*1001*000" + i, IP, UA).orElseThrow().outcome());
        }
        DialResult locked = dial("*123*1001*4711", IP, UA).orElseThrow();
        assertEquals(DialResult.Outcome.RETRY_LATER, locked.outcome());
        assertTrue(device().isEmpty(), "even the right PIN is refused while locked out");
        assertEquals(DialResult.Outcome.ACCEPTED, dial("*123*1001*4711", "192.0.2.41", UA).orElseThrow().outcome(),
                "another address is not affected");

        clock.advance(PinThrottle.LOCKOUT.plusSeconds(1));
        assertEquals(DialResult.Outcome.ACCEPTED, dial("*123*1002*0000", IP, UA).orElseThrow().outcome());
    }

    private void fetched(MacAddress mac, String ip, Duration ago) {
        engine.database().fetches().record(new FetchRecord(UUID.randomUUID().toString(), mac, clock.instant().minus(ago),
                ip, Optional.empty(), mac.lower() + ".cfg", "0".repeat(64), Optional.empty(), "http"));
    }

    @Test
    void withoutAMacInTheUserAgentTheOnePhoneThatFetchedFromTheAddressIsBound() {
        engine.database().devices().insert(new DeviceRecord(UUID.randomUUID().toString(), MAC, "example", "EP100", "desk",
                SiteRecord.DEFAULT_ID, Optional.empty(), Optional.empty(), "{}", "", List.of(), T0, T0));
        fetched(MAC, IP, Duration.ofMinutes(2));
        fetched(MacAddress.parse("02e3a1000002"), IP, Duration.ofHours(2));

        DialResult r = dial("*123*1001*4711", IP, "Old firmware without MAC").orElseThrow();

        assertEquals(DialResult.Outcome.ACCEPTED, r.outcome(), r.reason());
        assertEquals(Optional.of("1001"), line1(device().orElseThrow()));
        assertEquals(List.of(MAC), resynced);
    }

    @Test
    void anAmbiguousAddressIsRefused() {
        engine.database().devices().insert(new DeviceRecord(UUID.randomUUID().toString(), MAC, "example", "EP100", "desk",
                SiteRecord.DEFAULT_ID, Optional.empty(), Optional.empty(), "{}", "", List.of(), T0, T0));
        fetched(MAC, IP, Duration.ofMinutes(2));
        fetched(MacAddress.parse("02e3a1000002"), IP, Duration.ofMinutes(5));

        DialResult r = dial("*123*1001*4711", IP, null).orElseThrow();

        assertEquals(DialResult.Outcome.RETRY_LATER, r.outcome());
        assertTrue(r.reason().contains("several phones"), r.reason());
        assertEquals(List.of(), device().orElseThrow().lines(), "nothing was bound");
        assertTrue(resynced.isEmpty());
    }

    @Test
    void anUnidentifiablePhoneIsRefused() {
        DialResult r = dial("*123*1001*4711", IP, "Zoiper rv2.10").orElseThrow();
        assertEquals(DialResult.Outcome.REFUSED, r.outcome());
        assertTrue(resynced.isEmpty());
    }

    @Test
    void pinComparisonIsExact() {
        assertTrue(SelfBindingService.sameSecret("4711", "4711"));
        assertFalse(SelfBindingService.sameSecret("4711", "47110"));
        assertFalse(SelfBindingService.sameSecret("", "4711"));
    }
}
