package org.endpointmanager.vendor.fanvil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.profile.Transport;
import org.endpointmanager.api.vendor.ConfigSyntax;
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

/** Fanvil output in both dialects for the seed examples, the full profile and hostile values. */
class FanvilRenderingTest {

    private static final MacAddress MAC = MacAddress.parse("0c:38:3e:12:34:56");
    private final FanvilVendorPlugin plugin = new FanvilVendorPlugin();

    static Profile seedDevice(String label, String displayName, String user, String password, String server) {
        Line line = new Line(1, true, label, displayName, user, user, Secret.of(password), server, 5060,
                Transport.UDP, Optional.empty(), Optional.empty(), Optional.empty());
        return Profile.builder().lines(List.of(line)).build();
    }

    private RenderedFile device(Profile profile, String model) {
        return device(profile, model, RawParameters.none());
    }

    private RenderedFile device(Profile profile, String model, RawParameters raw) {
        return TestRendering.render(plugin, TestRendering.context(plugin, FileRequest.deviceConfig(MAC), profile,
                plugin.catalog().model(model), raw, Optional.empty()));
    }

    @Test
    void seed002ReferenceOutputIsReproducedForTheSameInputs() {
        String body = device(seedDevice("Irina Smirnova", "Irina Smirnova", "203",
                "3256157a99f176eb959ef9c1fdd947f0", "172.16.156.223"), "X4").body();
        String reference = String.join("\n",
                "<<VOIP CONFIG FILE>>Version:2.0002",
                "PNP Enable         :0",
                "<SIP CONFIG MODULE>",
                "SIP1 Enable Reg    :1",
                "SIP1 Phone Number  :203",
                "SIP1 Display Name  :Irina Smirnova",
                "SIP1 Register Addr :172.16.156.223",
                "SIP1 Register Port :5060",
                "SIP1 Register User :203",
                "SIP1 Register Pswd :3256157a99f176eb959ef9c1fdd947f0") + "\n";
        assertTrue(body.startsWith(reference), body);
        assertTrue(body.endsWith("<<END OF FILE>>\n"), body);
    }

    @Test
    void seed001ExampleMatchesGoldenFilesInBothDialects() {
        Profile seed = seedDevice("John's extension 1001", "1001", "1001", "Pa55word-1001", "203.0.113.10");
        FanvilFiles.assertGolden("seed001-x4.cfg", device(seed, "X4").body());
        RenderedFile xml = device(seed, "X5U-V2");
        assertEquals(ConfigSyntax.XML, xml.syntax());
        FanvilFiles.assertGolden("seed001-x5u-v2.cfg", xml.body());
    }

    @Test
    void fullProfileMatchesGoldenFilesInBothDialects() {
        FanvilFiles.assertGolden("full-x4.cfg", device(Profiles.full(), "X4").body());
        FanvilFiles.assertGolden("full-x5u-v2.cfg", device(Profiles.full(), "X5U-V2").body());
    }

    @Test
    void hostileDisplayNameCannotSetThePasswordInEitherDialect() {
        Profile p = seedDevice("x", "Bob\nSIP1 Register Pswd :x</DisplayName><RegisterPswd>x</RegisterPswd>",
                "1001", "real", "203.0.113.10");
        Map<String, String> text = FanvilFiles.readText(device(p, "X4").body());
        assertEquals("real", text.get("SIP1 Register Pswd"));
        Map<String, String> xml = FanvilFiles.readSysConf(device(p, "X5U-V2").body());
        assertEquals("real", xml.get("sip/line[1]/RegisterPswd"));
        assertTrue(xml.get("sip/line[1]/DisplayName").startsWith("Bob\nSIP1"));
    }

    @Test
    void timeZonesAreQuarterHourSteps() {
        assertEquals("4", zone("Europe/Berlin").get("Time Zone"));
        assertEquals("1", zone("Europe/Berlin").get("Enable DST"));
        assertEquals("-20", zone("America/New_York").get("Time Zone"));
        assertEquals("22", zone("Asia/Kolkata").get("Time Zone"));
        assertEquals("0", zone("Asia/Kolkata").get("Enable DST"));
    }

    private Map<String, String> zone(String id) {
        return FanvilFiles.readText(device(Profile.builder().timeZone(ZoneId.of(id)).build(), "X4").body());
    }

    @Test
    void rawSectionsGoIntoTheirModules() {
        RawParameters raw = new RawParameters(Map.of(
                "fanvil-sip", List.of(new RawParameter("SIP1 Default DTMF", "AUTO"),
                        new RawParameter("SIP1 Register Port", "5080")),
                "fanvil-tele", List.of(new RawParameter("Dial Peer Table", "x")),
                "fanvil-autoupdate", List.of(new RawParameter("Download Protocol", "2")),
                "fanvil", List.of(new RawParameter("PNP Enable", "1"), new RawParameter("bad\nname", "v"))));
        String body = device(seedDevice("a", "a", "1001", "p", "pbx"), "X4", raw).body();
        assertTrue(body.contains("SIP1 Register Pswd :p\nSIP1 Sip Name      :1001\n"), body);
        assertTrue(body.contains("SIP1 Register Port :5080\n"), body);
        assertTrue(body.contains("SIP1 Default DTMF  :AUTO\n<TELE CONFIG MODULE>\nDial Peer Table    :x\n"
                + "<AUTOUPDATE CONFIG MODULE>\nDownload Protocol  :2\n"), body);
        assertTrue(body.startsWith("<<VOIP CONFIG FILE>>Version:2.0002\nPNP Enable         :1\n"), body);
        assertFalse(body.contains("bad"));
    }

    @Test
    void rawPathsMergeIntoSysConf() {
        RawParameters raw = new RawParameters(Map.of("fanvil", List.of(
                new RawParameter("sip/line[1]/RegisterPort", "5080"),
                new RawParameter("phone.display.LCDTitle", "Reception"),
                new RawParameter("SIP1 Default DTMF", "AUTO"))));
        Map<String, String> s = FanvilFiles.readSysConf(device(seedDevice("a", "a", "1001", "p", "pbx"), "X5U-V2", raw).body());
        assertEquals("5080", s.get("sip/line[1]/RegisterPort"));
        assertEquals("Reception", s.get("phone/display/LCDTitle"));
        assertFalse(s.keySet().stream().anyMatch(k -> k.contains("DTMF")));
    }

    @Test
    void commonFileHasNoAccountsOrAdminPasswordEvenIfGivenThem() {
        FileRequest req = plugin.recognize(new RequestInfo("f0X4hw1.100.cfg", Optional.empty(), "tftp")).orElseThrow();
        assertEquals(Optional.of("X4"), req.model());
        RenderedFile common = TestRendering.render(plugin, req, Profiles.full(), plugin.catalog().model("X4"));
        assertFalse(common.body().contains("SIP1"));
        assertFalse(common.body().contains(Profiles.ADMIN_PASSWORD));
        assertTrue(common.body().contains("SNTP Server        :pool.ntp.org"));
    }

    @Test
    void firmwareDescriptorNamesTheImage() {
        FileRequest req = plugin.recognize(new RequestInfo("fanvil_x4_hwv1_0.txt",
                Optional.of(FanvilTextConformanceTest.X4), "http")).orElseThrow();
        assertEquals(FileKind.FIRMWARE, req.kind());
        Profile p = Profile.builder().firmwareUrl("http://prov.example.com/firmware/x4-2.10.2.6887.z").build();
        RenderedFile fw = TestRendering.render(plugin, req, p, plugin.catalog().model("X4"));
        assertEquals("Version=2.10.2.6887\nFirmware=http://prov.example.com/firmware/x4-2.10.2.6887.z\n"
                + "BuildTime=\nInfo=X4\n", fw.body());
    }

    @Test
    void phonebookIsAFanvilDirectory() {
        RenderedFile book = plugin.renderPhonebook("Company", List.of(
                new PhonebookEntry("A & B", List.of("1001"), ""))).orElseThrow();
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FanvilIPPhoneDirectory>\n"
                + "  <DirectoryEntry>\n    <Name>A &amp; B</Name>\n    <Telephone>1001</Telephone>\n"
                + "  </DirectoryEntry>\n</FanvilIPPhoneDirectory>\n", book.body());
    }

    @Test
    void userAgentsWithSpacesInTheModel() {
        assertEquals(Optional.of("X6U Pro"), plugin.parseUserAgent(FanvilTextConformanceTest.X6U_PRO).flatMap(i -> i.model()));
        assertEquals(Optional.of(MacAddress.parse("0c383e2cd782")),
                plugin.parseUserAgent(FanvilTextConformanceTest.X6U_PRO).flatMap(i -> i.mac()));
        assertTrue(plugin.recognize(new RequestInfo("0c383e07e16c.cfg",
                Optional.of("Yealink SIP-T46S 66.86.0.15 0c383e07e16c"), "http")).isEmpty());
    }

    @Test
    void eventsExtensionsAndSections() {
        assertEquals("check-sync", plugin.notifyEvents().resync());
        assertEquals("check-sync;reboot=true", plugin.notifyEvents().reboot());
        assertEquals(java.util.Set.of(".z", ".bin"), plugin.firmwareExtensions());
        assertEquals(List.of("fanvil", "fanvil-sip", "fanvil-tele", "fanvil-autoupdate"), plugin.rawParameterSections());
    }
}
