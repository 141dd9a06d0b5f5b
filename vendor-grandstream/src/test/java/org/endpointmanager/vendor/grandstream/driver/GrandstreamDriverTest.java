package org.endpointmanager.vendor.grandstream.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.driver.DeviceStatus;
import org.endpointmanager.api.driver.DriverException;
import org.endpointmanager.api.driver.DriverFailure;
import org.endpointmanager.api.driver.DriverResult;
import org.endpointmanager.api.driver.DriverTarget;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.core.control.GuardedHttpClient;
import org.endpointmanager.core.control.HttpTimeouts;
import org.endpointmanager.core.security.Cidr;
import org.endpointmanager.core.security.OutboundAddressGuard;
import org.endpointmanager.testkit.grandstream.GrandstreamSimulator;
import org.endpointmanager.testkit.grandstream.SimulatedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The driver against the simulated phone, through the engine's real guarded client. */
class GrandstreamDriverTest {

    private static final String MAC = "000b82123456";
    private static final HttpTimeouts FAST = new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20);

    private GrandstreamSimulator phone;

    @BeforeEach
    void start() throws Exception {
        phone = GrandstreamSimulator.start("127.0.0.2", GrandstreamSimulator.Options.gxp2170(MAC));
    }

    @AfterEach
    void stop() {
        phone.close();
    }

    private static GrandstreamDriver driver(boolean allowLoopback, List<Cidr> siteSubnets) {
        OutboundAddressGuard guard = new OutboundAddressGuard(List.of(Cidr.parse("10.0.0.0/8")), allowLoopback);
        GuardedHttpClient http = new GuardedHttpClient(guard, () -> siteSubnets, FAST);
        return new GrandstreamDriver(() -> http);
    }

    private static GrandstreamDriver driver() {
        return driver(true, List.of());
    }

    private DriverTarget target(String password) {
        return target(phone, MAC, password);
    }

    private static DriverTarget target(GrandstreamSimulator sim, String mac, String password) {
        return new DriverTarget(MacAddress.parse(mac), sim.host(), sim.port(), "admin", Secret.of(password));
    }

    private List<SimulatedRequest> calls(String fn) {
        return phone.requests().stream().filter(r -> r.function().equals(fn)).toList();
    }

    @Test
    void challengeResponseLoginThenStatusOverCookies() {
        DeviceStatus s = driver().pollStatus(target("admin123"));

        assertEquals(Optional.of("GXP2170"), s.model());
        assertEquals(Optional.of("1.0.11.16"), s.firmware());
        assertEquals(Optional.of(MAC), s.mac());
        assertEquals(Optional.of("127.0.0.2"), s.ipAddress());
        assertEquals(Optional.of(true), s.registered());
        assertEquals(Optional.of(Duration.ofHours(1)), s.uptime());
        assertEquals(List.of("access", "dologin", "api-get_phone_status", "api-get_accounts"), phone.functions());
        SimulatedRequest access = calls("access").get(0);
        assertEquals(GrandstreamSimulator.sha256("admin"), access.form().get("access"));
        SimulatedRequest login = calls("dologin").get(0);
        assertEquals("admin", login.form().get("username"));
        assertTrue(login.form().get("password").matches("[0-9a-f]{64}"), "hashed, never the plain password");
        assertFalse(login.body().contains("admin123"));
        String origin = "http://127.0.0.2:" + phone.port() + "/";
        assertEquals(Optional.of(origin), login.header("referer"));
        SimulatedRequest status = calls("api-get_phone_status").get(0);
        assertTrue(status.header("cookie").orElse("").contains("session-identity="));
        assertTrue(status.header("cookie").orElse("").contains("session-role=admin"));
        assertFalse(status.query().containsKey("sid"), "the sid goes only to config_get/config_update");
    }

    @Test
    void pushSkipsValuesThePhoneAlreadyHasUnlessForced() {
        phone.setPvalue("P270", "Alice");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("P270", "Alice");
        values.put("P271", "1");
        values.put("P47", "pbx.example.com:5060");
        GrandstreamDriver d = driver();

        DriverResult r = d.pushConfig(target("admin123"), values, false);

        assertTrue(r.ok());
        assertEquals("wrote 2 of 3 P-values (1 already set)", r.detail());
        SimulatedRequest get = calls("config_get").get(0);
        assertEquals("GET", get.method());
        assertTrue(get.query().containsKey("sid"));
        assertEquals("270,271,47", get.query().get("pvalues"));
        SimulatedRequest put = calls("config_update").get(0);
        assertEquals("PUT", put.method());
        assertTrue(put.query().containsKey("sid"));
        assertEquals("{\"alias\":{},\"pvalue\":{\"271\":\"1\",\"47\":\"pbx.example.com:5060\"}}", put.body());
        assertEquals(Optional.of("pbx.example.com:5060"), phone.pvalue("P47"));

        phone.clearRequests();
        d.pushConfig(target("admin123"), values, true);
        assertEquals(List.of("config_update"), phone.functions(), "forced: no read, one write, session reused");
        assertTrue(calls("config_update").get(0).body().contains("\"270\":\"Alice\""));
    }

    @Test
    void rebootAndFactoryResetUseSysOperation() {
        GrandstreamDriver d = driver();
        assertTrue(d.reboot(target("admin123")).ok());
        assertEquals(1, phone.reboots());
        assertEquals("REBOOT", calls("api-sys_operation").get(0).form().get("request"));
        assertEquals(Optional.of(Duration.ZERO), d.pollStatus(target("admin123")).uptime(), "reboot resets uptime");

        phone.setPvalue("P270", "Alice");
        assertTrue(d.factoryReset(target("admin123")).ok());
        assertEquals(1, phone.resets());
        assertEquals(Optional.empty(), phone.pvalue("P270"));
    }

    @Test
    void wrongPasswordReportsAttemptsLeftAndIsNotRetried() {
        DriverException e = assertThrows(DriverException.class, () -> driver().reboot(target("wrong")));

        assertEquals(DriverFailure.WRONG_CREDENTIALS, e.failure());
        assertEquals(OptionalInt.of(4), e.attemptsLeft());
        assertTrue(e.getMessage().contains("4 attempts left"));
        assertEquals(1, calls("dologin").size(), "exactly one login attempt");
        assertEquals(1, phone.failedLogins());
        assertFalse(phone.locked());
        assertEquals(0, phone.reboots());
    }

    @Test
    void lockedLoginIsReportedAsLocked() throws Exception {
        try (GrandstreamSimulator strict = GrandstreamSimulator.start("127.0.0.3",
                new GrandstreamSimulator.Options(MAC, "GXP2135", "1.0.7.97", "admin", "admin123", 1, false))) {
            GrandstreamDriver d = driver();
            DriverException first = assertThrows(DriverException.class, () -> d.pollStatus(target(strict, MAC, "bad")));
            assertEquals(DriverFailure.LOCKED, first.failure());
            DriverException again = assertThrows(DriverException.class, () -> d.pollStatus(target(strict, MAC, "admin123")));
            assertEquals(DriverFailure.LOCKED, again.failure());
            assertEquals(2, strict.functions().stream().filter("dologin"::equals).count());
        }
    }

    @Test
    void expiredSessionLogsInOnceMore() {
        GrandstreamDriver d = driver();
        d.pollStatus(target("admin123"));
        phone.expireSessions();
        phone.clearRequests();

        assertTrue(d.reboot(target("admin123")).ok());

        assertEquals(List.of("api-get_phone_status", "access", "dologin", "api-get_phone_status", "api-sys_operation"),
                phone.functions());
        assertEquals(1, phone.reboots());
    }

    @Test
    void phoneWithAnotherMacIsNotWritten() {
        DriverException e = assertThrows(DriverException.class,
                () -> driver().pushConfig(target(phone, "000b82999999", "admin123"), Map.of("P271", "1"), true));
        assertEquals(DriverFailure.MAC_MISMATCH, e.failure());
        assertTrue(calls("config_update").isEmpty());
        assertEquals(Optional.empty(), phone.pvalue("P271"));
    }

    @Test
    void olderFirmwareUsesPlainLoginAndApiValues() throws Exception {
        try (GrandstreamSimulator old = GrandstreamSimulator.start("127.0.0.3",
                GrandstreamSimulator.Options.gxp2170(MAC).asLegacy())) {
            old.setPvalue("P30", "pool.ntp.org");
            GrandstreamDriver d = driver();
            DriverResult r = d.pushConfig(target(old, MAC, "admin123"),
                    Map.of("P30", "pool.ntp.org"), false);
            assertEquals("wrote 0 of 1 P-values (1 already set)", r.detail());
            d.pushConfig(target(old, MAC, "admin123"), Map.of("P271", "1"), false);
            assertEquals(Optional.of("1"), old.pvalue("P271"));
            List<String> fns = old.functions();
            assertEquals("access", fns.get(0));
            assertEquals("dologin", fns.get(1));
            SimulatedRequest login = old.requests().get(1);
            assertEquals("admin123", login.form().get("password"), "older firmware takes the plain password");
            assertTrue(fns.contains("api.values.get") && fns.contains("api.values.post"));
            assertFalse(fns.contains("config_update"));
            SimulatedRequest post = old.requests().stream().filter(q -> q.function().equals("api.values.post")).findFirst().orElseThrow();
            assertEquals("1", post.form().get("P271"));
            assertTrue(post.form().containsKey("sid"));
        }
    }

    @Test
    void firmwarePushSetsServerPathAndStartsCheck() {
        phone.offerFirmware("1.0.11.23");
        GrandstreamDriver d = driver();

        assertTrue(d.pushFirmware(target("admin123"), "http://10.0.0.5:8080/provision/firmware/gxp2170fw.bin").ok());

        assertEquals(Optional.of("10.0.0.5:8080/provision/firmware"), phone.pvalue("P192"));
        assertEquals(Optional.of("1"), phone.pvalue("P212"));
        assertEquals("PROV", calls("api-sys_operation").get(0).form().get("request"));
        assertEquals(Optional.of("1.0.11.23"), d.pollStatus(target("admin123")).firmware());
    }

    @Test
    void loopbackRefusedBeforeAnyPacketWhenNotAllowed() {
        DriverException e = assertThrows(DriverException.class, () -> driver(false, List.of()).pollStatus(target("admin123")));
        assertEquals(DriverFailure.ADDRESS_REFUSED, e.failure());
        assertTrue(phone.requests().isEmpty());
    }

    @Test
    void metadataAndOutsideSiteAddressesRefused() {
        DriverTarget metadata = new DriverTarget(MacAddress.parse(MAC), "169.254.169.254", 80, "admin", Secret.of("x"));
        assertEquals(DriverFailure.ADDRESS_REFUSED,
                assertThrows(DriverException.class, () -> driver().reboot(metadata)).failure());
        DriverTarget outside = new DriverTarget(MacAddress.parse(MAC), "10.9.9.9", 80, "admin", Secret.of("x"));
        DriverException e = assertThrows(DriverException.class,
                () -> driver(true, List.of(Cidr.parse("10.1.0.0/16"))).reboot(outside));
        assertEquals(DriverFailure.ADDRESS_REFUSED, e.failure());
        assertTrue(e.getMessage().contains("site"), e.getMessage());
    }

    @Test
    void cookiesAreKeptPerHostForPhonesOnTheSamePortRange() throws Exception {
        try (GrandstreamSimulator second = GrandstreamSimulator.start("127.0.0.3",
                GrandstreamSimulator.Options.gxp2170("000b82abcdef"))) {
            GrandstreamDriver d = driver();
            d.pollStatus(target("admin123"));
            d.pollStatus(target(second, "000b82abcdef", "admin123"));
            phone.clearRequests();
            second.clearRequests();
            d.pollStatus(target("admin123"));
            d.pollStatus(target(second, "000b82abcdef", "admin123"));
            assertEquals(List.of("api-get_phone_status", "api-get_accounts"), phone.functions());
            assertEquals(List.of("api-get_phone_status", "api-get_accounts"), second.functions());
            String c1 = phone.requests().get(0).header("cookie").orElseThrow();
            String c2 = second.requests().get(0).header("cookie").orElseThrow();
            assertNotEquals(c1, c2);
        }
    }

    @Test
    void configValuesComeFromTheRenderedFileAndRefuseDoctype() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><gs_provision version=\"1\"><mac>000b82123456</mac>"
                + "<config version=\"1\"><P271>1</P271><P270>A &amp; B</P270><P271>0</P271></config></gs_provision>";
        Map<String, String> v = driver().configValues(RenderedFile.xml(xml));
        assertEquals(List.of("P271", "P270"), List.copyOf(v.keySet()));
        assertEquals("0", v.get("P271"), "a later value (raw parameters) wins");
        assertEquals("A & B", v.get("P270"));
        String evil = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<gs_provision><config><P1>&e;</P1></config></gs_provision>";
        assertEquals(DriverFailure.PROTOCOL,
                assertThrows(DriverException.class, () -> driver().configValues(RenderedFile.xml(evil))).failure());
    }
}
