package org.endpointmanager.vendor.yealink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.endpointmanager.api.vendor.RawParameter;
import org.endpointmanager.api.vendor.RawParameters;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.testkit.Profiles;
import org.endpointmanager.testkit.TestRendering;
import org.junit.jupiter.api.Test;

/** Yealink output for the seed documents' examples, the full profile, time zones and raw merges. */
class YealinkRenderingTest {

    private static final MacAddress SEED_MAC = MacAddress.parse("80:5E:C0:12:34:56");
    private final YealinkVendorPlugin plugin = new YealinkVendorPlugin();

    /** Seed 001's example device: T46S, label, user 1001, server 203.0.113.10:5060. */
    static Profile seedDevice(String label) {
        Line line = new Line(1, true, label, "1001", "1001", "1001", Secret.of("Pa55word-1001"),
                "203.0.113.10", 5060, org.endpointmanager.api.profile.Transport.UDP,
                Optional.empty(), Optional.empty(), Optional.empty());
        return Profile.builder().lines(List.of(line)).build();
    }

    private RenderedFile device(Profile profile, String model) {
        return device(profile, model, RawParameters.none(), Optional.empty());
    }

    private RenderedFile device(Profile profile, String model, RawParameters raw, Optional<String> custom) {
        FileRequest req = FileRequest.deviceConfig(SEED_MAC);
        return TestRendering.render(plugin, TestRendering.context(plugin, req, profile,
                plugin.catalog().model(model), raw, custom));
    }

    @Test
    void seed001ExampleMatchesItsGoldenFile() {
        assertGolden("seed001-t46s.cfg", device(seedDevice("John's extension 1001"), "T46S").body());
    }

    @Test
    void seed001ExampleStartsWithTheSeedsKeysInTheSeedsOrder() {
        String body = device(seedDevice("1001"), "T46S").body();
        String seed = String.join("\n",
                "#!version:1.0.0.1",
                "account.1.enable = 1",
                "account.1.label = 1001",
                "account.1.display_name = 1001",
                "account.1.auth_name = 1001",
                "account.1.user_name = 1001",
                "account.1.password = Pa55word-1001",
                "account.1.sip_server_host = 203.0.113.10",
                "account.1.sip_server_port = 5060",
                // seed 002's reference defaults follow for the same inputs
                "account.1.transport = 0",
                "account.1.codec.1.enable = 1",
                "account.1.codec.1.payload_type = PCMU",
                "account.1.codec.1.priority = 1",
                "account.1.codec.1.rtpmap = 0",
                "account.1.cid_source = 4") + "\n";
        assertTrue(body.startsWith(seed), body);
        Map<String, String> s = YealinkFiles.read(body);
        assertEquals("0", s.get("phone_setting.lcd_logo.mode"));
        assertEquals("0", s.get("auto_provision.dhcp_option.enable"));
        assertEquals("1", s.get("features.intercom.allow"));
        assertEquals("0", s.get("features.intercom.mute"));
        assertEquals("1", s.get("features.intercom.tone"));
        assertEquals("1", s.get("features.intercom.barge"));
        assertEquals("##", s.get("features.dtmf.transfer"));
        assertEquals("1", s.get("features.dtmf.replace_tran"));
        assertEquals("1", s.get("features.headset_prior"));
    }

    @Test
    void fullProfileMatchesGoldenFilesOnT46sAndT54w() {
        assertGolden("full-t46s.cfg", device(Profiles.full(), "T46S").body());
        assertGolden("full-t54w.cfg", device(Profiles.full(), "T54W").body());
    }

    // docs:start hostile-label
    @Test
    void aLabelWithALineBreakCannotSetThePassword() {
        RenderedFile file = device(seedDevice("Bob\naccount.1.password = x"), "T46S");
        Map<String, String> s = YealinkFiles.read(file.body());
        assertEquals("Pa55word-1001", s.get("account.1.password"));
        assertEquals("Bob account.1.password = x", s.get("account.1.label"));
        assertEquals(1, file.body().lines().filter(l -> l.startsWith("account.1.password")).count());
    }
    // docs:end hostile-label

    @Test
    void berlinIsUtcPlusOneWithEuropeanSummerTime() {
        Map<String, String> s = zone("Europe/Berlin");
        assertEquals("+1", s.get("local_time.time_zone"));
        assertEquals("1", s.get("local_time.summer_time"));
        assertEquals("1", s.get("local_time.dst_time_type"));
        assertEquals("3/5/7/2", s.get("local_time.start_time"));
        assertEquals("10/5/7/3", s.get("local_time.end_time"));
        assertEquals("60", s.get("local_time.offset_time"));
    }

    @Test
    void newYorkIsUtcMinusFiveWithUsSummerTime() {
        Map<String, String> s = zone("America/New_York");
        assertEquals("-5", s.get("local_time.time_zone"));
        assertEquals("1", s.get("local_time.summer_time"));
        assertEquals("3/2/7/2", s.get("local_time.start_time"));
        assertEquals("11/1/7/2", s.get("local_time.end_time"));
        assertEquals("60", s.get("local_time.offset_time"));
    }

    @Test
    void aZoneWithoutSummerTimeSwitchesItOff() {
        Map<String, String> s = zone("Asia/Kolkata");
        assertEquals("+5:30", s.get("local_time.time_zone"));
        assertEquals("0", s.get("local_time.summer_time"));
        assertFalse(s.containsKey("local_time.start_time"));
    }

    private Map<String, String> zone(String zone) {
        return YealinkFiles.read(device(Profile.builder().timeZone(ZoneId.of(zone)).build(), "T46S").body());
    }

    // docs:start raw-merge
    @Test
    void rawParametersReplaceInPlaceAndAppendNewKeys() {
        RawParameters raw = new RawParameters(Map.of("yealink", List.of(
                new RawParameter("features.headset_prior", "0"),
                new RawParameter("features.intercom.allow", "%NULL%"),
                new RawParameter("custom.new_key", "v"),
                new RawParameter("bad key\nx", "v"))));
        String body = device(seedDevice("1001"), "T46S", raw, Optional.empty()).body();
        Map<String, String> s = YealinkFiles.read(body);
        assertEquals("0", s.get("features.headset_prior"));
        assertEquals("%NULL%", s.get("features.intercom.allow"));
        assertEquals("v", s.get("custom.new_key"));
        assertTrue(body.endsWith("custom.new_key = v\n"), "new keys are appended");
        assertTrue(body.indexOf("features.headset_prior") < body.indexOf("custom.new_key"));
        assertFalse(body.contains("bad key"));
    }
    // docs:end raw-merge

    @Test
    void aCustomTemplateGetsTheSameScope() {
        String custom = "#!version:1.0.0.1\n# custom\n{{#settings}}{{key}} = {{value}}\n{{/settings}}";
        String body = device(seedDevice("1001"), "T46S", RawParameters.none(), Optional.of(custom)).body();
        assertTrue(body.startsWith("#!version:1.0.0.1\n# custom\naccount.1.enable = 1\n"), body);
    }

    @Test
    void accountsBeyondTheModelsCountAreLeftOut() {
        Map<String, String> s = YealinkFiles.read(device(Profiles.full(), "T31G").body());
        assertTrue(s.containsKey("account.2.user_name"));
        Map<String, String> one = YealinkFiles.read(device(Profiles.full().toBuilder()
                .lines(List.of(Profiles.full().lines().get(0), lineN(3))).build(), "T31G").body());
        assertFalse(one.containsKey("account.3.user_name"), "T31G has two accounts");
    }

    private static Line lineN(int n) {
        return Line.of(n, "L" + n, "L" + n, "100" + n, Secret.of("p"), "pbx.example.com", 5060);
    }

    @Test
    void macBootFileIncludesTheCommonThenTheMacFile() {
        FileRequest req = plugin.recognize(new RequestInfo("805ec0123456.boot",
                Optional.of("Yealink SIP-T46S 66.86.0.15 80:5e:c0:12:34:56"), "http")).orElseThrow();
        assertEquals(FileKind.BOOT, req.kind());
        RenderedFile boot = TestRendering.render(plugin, req, Profiles.withoutSecrets(Profiles.full()),
                plugin.catalog().model("T46S"));
        assertEquals("#!version:1.0.0.1\n"
                + "include:config \"y000000000066.cfg\"\n"
                + "include:config \"805ec0123456.cfg\"\n"
                + "overwrite_mode = 1\n", boot.body());
    }

    @Test
    void commonBootFileWithoutAKnownModelIncludesNothingSecret() {
        FileRequest req = plugin.recognize(new RequestInfo("y000000000000.boot", Optional.empty(), "tftp")).orElseThrow();
        RenderedFile boot = TestRendering.render(plugin, req, Profiles.withoutSecrets(Profiles.full()), Optional.empty());
        assertEquals("#!version:1.0.0.1\noverwrite_mode = 1\n", boot.body());
    }

    // docs:start common-no-secrets
    @Test
    void commonFileCarriesSharedSettingsButNoAccountEvenIfGivenOne() {
        FileRequest req = plugin.recognize(new RequestInfo("y000000000066.cfg", Optional.empty(), "http")).orElseThrow();
        assertEquals(Optional.of("T46S"), req.model());
        RenderedFile common = TestRendering.render(plugin, req, Profiles.full(), plugin.catalog().model("T46S"));
        Map<String, String> s = YealinkFiles.read(common.body());
        assertEquals("pool.ntp.org", s.get("local_time.ntp_server1"));
        assertFalse(s.keySet().stream().anyMatch(k -> k.startsWith("account.")));
        assertFalse(common.body().contains(Profiles.ADMIN_PASSWORD));
    }
    // docs:end common-no-secrets

    @Test
    void sharedModelIdsPreferTheModelTheUserAgentNames() {
        assertEquals(Optional.of("W56P"), plugin.recognize(new RequestInfo("y000000000025.cfg",
                Optional.of("Yealink W56P 25.81.0.10 80:5e:c0:00:00:01"), "http")).orElseThrow().model());
        assertEquals(Optional.empty(), plugin.recognize(new RequestInfo("y000000000999.cfg",
                Optional.empty(), "http")).orElseThrow().model());
    }

    // docs:start shared-names
    @Test
    void uppercaseNamesAndForeignUserAgentsAreNotYealinks() {
        assertTrue(plugin.recognize(new RequestInfo("805EC0123456.cfg", Optional.empty(), "http")).isEmpty());
        assertTrue(plugin.recognize(new RequestInfo("805ec0123456.cfg",
                Optional.of("Fanvil X4 2.10.2.6887 0c383e07e16c"), "http")).isEmpty());
    }
    // docs:end shared-names

    @Test
    void phonebookIsAYealinkDirectoryWithEscapedValues() {
        RenderedFile book = plugin.renderPhonebook("Company", List.of(
                new PhonebookEntry("Alice & <Bob>", List.of("1001", "+49 30 1234"), ""),
                new PhonebookEntry("Carol", List.of("1003"), "sales"))).orElseThrow();
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<YealinkIPPhoneDirectory>\n"
                + "  <DirectoryEntry>\n    <Name>Alice &amp; &lt;Bob&gt;</Name>\n"
                + "    <Telephone>1001</Telephone>\n    <Telephone>+49 30 1234</Telephone>\n  </DirectoryEntry>\n"
                + "  <DirectoryEntry>\n    <Name>Carol</Name>\n    <Telephone>1003</Telephone>\n  </DirectoryEntry>\n"
                + "</YealinkIPPhoneDirectory>\n", book.body());
        assertEquals(FileKind.PHONEBOOK, plugin.recognize(new RequestInfo(plugin.phonebookFileName(),
                Optional.empty(), "http")).orElseThrow().kind());
    }

    @Test
    void notifyEventsAndFirmwareExtensions() {
        assertEquals("check-sync", plugin.notifyEvents().resync());
        assertEquals("check-sync;reboot=true", plugin.notifyEvents().reboot());
        assertEquals(java.util.Set.of(".rom", ".bin"), plugin.firmwareExtensions());
        assertEquals("805ec0123456.cfg", plugin.deviceConfigFileName(SEED_MAC, "T46S"));
    }

    /**
     * Compares with a golden file in src/test/resources. When they differ, the actual output is
     * written to target/golden-actual/ for review.
     */
    static void assertGolden(String name, String actual) {
        String expected;
        try {
            expected = YealinkFiles.golden(name);
        } catch (AssertionError missing) {
            expected = null;
        }
        if (!actual.equals(expected)) {
            try {
                Path out = Path.of("target", "golden-actual", name);
                Files.createDirectories(out.getParent());
                Files.writeString(out, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertEquals(expected, actual, "golden file " + name + " differs; actual written to target/golden-actual/");
        }
    }
}
