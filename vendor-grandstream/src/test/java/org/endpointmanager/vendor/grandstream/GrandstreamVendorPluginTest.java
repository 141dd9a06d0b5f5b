package org.endpointmanager.vendor.grandstream;

import static org.endpointmanager.vendor.grandstream.GrandstreamConformanceTest.GXP2000;
import static org.endpointmanager.vendor.grandstream.GrandstreamConformanceTest.GXP2135;
import static org.endpointmanager.vendor.grandstream.GrandstreamConformanceTest.GXV3350;
import static org.endpointmanager.vendor.grandstream.GrandstreamFiles.PLUGIN;
import static org.endpointmanager.vendor.grandstream.GrandstreamFiles.assertGolden;
import static org.endpointmanager.vendor.grandstream.GrandstreamFiles.read;
import static org.endpointmanager.vendor.grandstream.GrandstreamFiles.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.endpointmanager.api.vendor.RawParameter;
import org.endpointmanager.api.vendor.RawParameters;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.testkit.Profiles;
import org.junit.jupiter.api.Test;

class GrandstreamVendorPluginTest {

    private static final String DEVICE = "cfg000b828aa872.xml";

    @Test
    void fullProfileOnGxp2170MatchesGoldenFile() {
        assertGolden("gxp2170-full.xml", render(DEVICE, Profiles.full(), "GXP2170").body());
    }

    @Test
    void oneLineDeviceMatchesGoldenFile() {
        Profile oneLine = Profile.builder()
                .lines(List.of(Line.of(1, "Front desk", "Front Desk", "2001", Secret.of("pw-2001"), "10.0.0.5", 5080)))
                .build();
        assertGolden("gxp1610-one-line.xml", render(DEVICE, oneLine, "GXP1610").body());
    }

    @Test
    void bootSequenceInTheOrderThePhoneAsks() {
        List<FileRequest> seen = List.of("cfg000b828aa872", "cfg000b828aa872.xml", "cfggxp2135.xml", "cfg.xml")
                .stream().map(n -> PLUGIN.recognize(new RequestInfo(n, Optional.of(GXP2135), "http")).orElseThrow())
                .toList();
        assertEquals(List.of(FileKind.NOT_SERVED, FileKind.DEVICE, FileKind.COMMON, FileKind.COMMON),
                seen.stream().map(FileRequest::kind).toList());
        MacAddress mac = MacAddress.parse("000b828aa872");
        assertEquals(Optional.of(mac), seen.get(0).mac());
        assertEquals(Optional.of(mac), seen.get(1).mac());
        assertEquals(Optional.of("GXP2135"), seen.get(2).model());
        assertEquals(Optional.of("GXP2135"), seen.get(1).model(), "model from the User-Agent");
        assertEquals("cfg000b828aa872.xml", PLUGIN.deviceConfigFileName(mac, "GXP2135"));
        assertThrows(IllegalArgumentException.class, () -> PLUGIN.render(
                GrandstreamFiles.context("cfg000b828aa872", Profiles.full(), "GXP2135", RawParameters.none(),
                        Optional.empty())));
    }

    @Test
    void userAgentsOfCurrentAndOldFirmware() {
        PhoneIdentity gxv = PLUGIN.parseUserAgent(GXV3350).orElseThrow();
        assertEquals(Optional.of("GXV3350"), gxv.model());
        assertEquals(Optional.of("V1.3A"), gxv.hardwareRevision());
        assertEquals(Optional.of("1.0.1.8"), gxv.firmware());
        assertEquals(Optional.of(MacAddress.parse("c074ad150b88")), gxv.mac());
        PhoneIdentity old = PLUGIN.parseUserAgent(GXP2000).orElseThrow();
        assertEquals(Optional.of("GXP2000"), old.model());
        assertEquals(Optional.of("1.2.5.3"), old.firmware());
        assertEquals(Optional.of(MacAddress.parse("000b822726c8")), old.mac());
        assertEquals(Optional.empty(), PLUGIN.parseUserAgent("Grandstream Model HW GXP2135 SW 1.0.7.97 DevId 000b828aa87"));
    }

    @Test
    void macFilesOfOtherVendorsAreNotClaimedOverTftp() {
        assertTrue(PLUGIN.recognize(new RequestInfo("cfg001fc11c22a9.xml", Optional.empty(), "tftp")).isEmpty());
        assertTrue(PLUGIN.recognize(new RequestInfo("CFG000B828AA872.XML", Optional.empty(), "tftp")).isPresent());
        assertTrue(PLUGIN.recognize(new RequestInfo("factory0001.bin", Optional.empty(), "tftp")).isEmpty());
    }

    @Test
    void hostileValuesStayInsideTheirElement() {
        RenderedFile file = render(DEVICE, Profiles.hostile(), "GXP2170");
        Map<String, String> settings = read(file);
        assertTrue(settings.get("P3").startsWith("Alice Example "), settings.get("P3"));
        assertFalse(settings.get("P3").contains("\n"), "value flattened to one line");
        assertTrue(settings.get("P3").contains("</config><P2>"), "markup kept as text");
        assertEquals(Profiles.ADMIN_PASSWORD, settings.get("P2").substring(0, Profiles.ADMIN_PASSWORD.length()));
        settings.keySet().forEach(k -> assertTrue(k.matches("P[0-9]+"), k));
    }

    @Test
    void timeZonesBecomePosixStrings() {
        Map<String, String> ny = read(render(DEVICE, Profiles.full().toBuilder()
                .timeZone(ZoneId.of("America/New_York")).build(), "GXP2170"));
        assertEquals("EST5EDT4,M3.2.0/02:00:00,M11.1.0/02:00:00", ny.get("P64"));
        assertEquals(ny.get("P64"), ny.get("P246"));
        Map<String, String> berlin = read(render(DEVICE, Profiles.full(), "GXP2170"));
        assertEquals("CET-1CEST-2,M3.5.0/02:00:00,M10.5.0/03:00:00", berlin.get("P64"));
    }

    @Test
    void rawElementOverridesTheGeneratedValueInPlace() {
        RawParameters raw = new RawParameters(Map.of("grandstream", List.of(
                new RawParameter("<P3>caller_id</P3>", ""),
                new RawParameter("P272", "3"),
                new RawParameter("<P1345>a", "b &amp; c</P1345>"))));
        Map<String, String> values = PLUGIN.pvalues(GrandstreamFiles.context(DEVICE, Profiles.full(), "GXP2170",
                raw, Optional.empty()));
        assertEquals("caller_id", values.get("P3"));
        assertEquals("3", values.get("P272"));
        assertEquals("a=b & c", values.get("P1345"));
        List<String> order = List.copyOf(values.keySet());
        assertTrue(order.indexOf("P3") < order.indexOf("P35"), "replaced in place");
        assertEquals("P1345", order.get(order.size() - 1), "new codes appended");
        RenderedFile file = PLUGIN.render(GrandstreamFiles.context(DEVICE, Profiles.full(), "GXP2170", raw,
                Optional.empty()));
        assertEquals("caller_id", read(file).get("P3"));
    }

    @Test
    void nonNumericRawCodeIsRefusedByName() {
        for (String key : List.of("account.1.name", "P3x", "<P3>x</P4>", "Pabc")) {
            RawParameters raw = new RawParameters(Map.of("grandstream", List.of(new RawParameter(key, "v"))));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PLUGIN.render(
                    GrandstreamFiles.context(DEVICE, Profiles.full(), "GXP2170", raw, Optional.empty())));
            assertTrue(e.getMessage().contains(key.substring(0, 3)), e.getMessage());
        }
    }

    @Test
    void sharedFilesTakeNoSecretFromRawParameters() {
        RawParameters raw = new RawParameters(Map.of("grandstream", List.of(
                new RawParameter("P2", "leak"), new RawParameter("P1362", "de"))));
        Map<String, String> values = PLUGIN.pvalues(GrandstreamFiles.context("cfg.xml",
                Profiles.withoutSecrets(Profiles.full()), "GXP2170", raw, Optional.empty()));
        assertFalse(values.containsKey("P2"));
        assertFalse(values.containsKey("P34"));
        assertEquals("de", values.get("P1362"));
    }

    @Test
    void neverEmitsP237AsAFlag() {
        Map<String, String> values = read(render(DEVICE, Profiles.full(), "GXP2170"));
        assertEquals("prov.example.com/provision", values.get("P237"));
        assertEquals("0", values.get("P238"));
    }

    @Test
    void keysBeyondTheClassicSevenUseTheExtendedBlock() {
        Profile p = Profiles.everyField();
        Map<String, String> values = read(render(DEVICE, p, "GXP2170"));
        assertEquals("0", values.get("P328"), "key 6 speed dial");
        assertEquals("0049301234567", values.get("P318"));
        int base = 23000 + (8 - 1) * 5;
        assertEquals("5", values.get("P" + base), "key 8 DTMF");
        assertEquals("*21#", values.get("P" + (base + 3)));
        assertFalse(values.containsKey("P327"), "LINE key 5 has no MPK mode");
        Map<String, String> small = read(render(DEVICE, p, "GXP2130"));
        assertEquals("5", small.get("P" + base), "GXP2130 has 8 keys: key 8 fits");
        assertFalse(small.containsKey("P" + (23000 + 8 * 5)), "key 9 beyond GXP2130");
    }

    @Test
    void customTemplateGetsTheSameScope() {
        String custom = "<gs_provision version=\"1\"><config version=\"1\"><P47>{{values.P47}}</P47>"
                + "{{#settings}}<!--{{code}}-->{{/settings}}</config></gs_provision>";
        RenderedFile file = PLUGIN.render(GrandstreamFiles.context(DEVICE, Profiles.full(), "GXP2170",
                RawParameters.none(), Optional.of(custom)));
        assertEquals("pbx.example.com:5060", read(file).get("P47"));
        assertTrue(file.body().contains("<!--P26015-->"));
    }

    @Test
    void phonebookIsAnAddressBook() {
        RenderedFile file = PLUGIN.renderPhonebook("Company", List.of(
                new PhonebookEntry("Alice Example", List.of("1001", "+4930123"), "pbx"),
                new PhonebookEntry("Bob <&> \"B\"", List.of("1002"), ""))).orElseThrow();
        var doc = GrandstreamFiles.parse(file.body());
        assertEquals("AddressBook", doc.getDocumentElement().getTagName());
        var contacts = doc.getElementsByTagName("Contact");
        assertEquals(2, contacts.getLength());
        assertEquals("Example", doc.getElementsByTagName("LastName").item(0).getTextContent());
        assertEquals("<&> \"B\"", doc.getElementsByTagName("LastName").item(1).getTextContent());
        assertEquals("Cell", ((org.w3c.dom.Element) doc.getElementsByTagName("Phone").item(1)).getAttribute("type"));
        assertEquals("phonebook.xml", PLUGIN.phonebookFileName());
    }

    @Test
    void notifyEventsAndFirmware() {
        assertEquals("resync", PLUGIN.notifyEvents().resync());
        assertEquals("check-sync;reboot=true", PLUGIN.notifyEvents().reboot());
        assertEquals(java.util.Set.of(".bin"), PLUGIN.firmwareExtensions());
        assertEquals(FileKind.FIRMWARE, PLUGIN.recognize(new RequestInfo("gxp2170fw.bin", Optional.empty(), "http"))
                .orElseThrow().kind());
    }
}
