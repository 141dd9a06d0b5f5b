package org.endpointmanager.vendor.htek;

import static org.endpointmanager.vendor.htek.HtekConformanceTest.UC903;
import static org.endpointmanager.vendor.htek.HtekFiles.PLUGIN;
import static org.endpointmanager.vendor.htek.HtekFiles.assertGolden;
import static org.endpointmanager.vendor.htek.HtekFiles.read;
import static org.endpointmanager.vendor.htek.HtekFiles.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.endpointmanager.api.vendor.RawParameter;
import org.endpointmanager.api.vendor.RawParameters;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.testkit.Profiles;
import org.junit.jupiter.api.Test;

class HtekVendorPluginTest {

    private static final String DEVICE = "cfg001fc11c22a9.xml";

    @Test
    void fullProfileOnUc924MatchesGoldenFile() {
        assertGolden("uc924-full.xml", render(DEVICE, Profiles.full(), "UC924").body());
    }

    @Test
    void bootSequenceInTheOrderThePhoneAsks() {
        List<FileRequest> seen = List.of("cfg0016.xml", "cfg001fc11c22a9", "cfg001fc11c22a9.xml", "001fc11c22a9.cfg")
                .stream().map(n -> PLUGIN.recognize(new RequestInfo(n, Optional.of(UC903), "http")).orElseThrow())
                .toList();
        assertEquals(List.of(FileKind.COMMON, FileKind.NOT_SERVED, FileKind.DEVICE, FileKind.DEVICE),
                seen.stream().map(FileRequest::kind).toList());
        assertEquals(Optional.of("UC903"), seen.get(0).model(), "device code 0016 is the UC903");
        assertEquals(Optional.of(MacAddress.parse("001fc11c22a9")), seen.get(3).mac());
        assertEquals(render(DEVICE, Profiles.full(), "UC903").body(),
                render("001fc11c22a9.cfg", Profiles.full(), "UC903").body(), "both device names, same content");
        assertEquals("cfg001fc11c22a9.xml", PLUGIN.deviceConfigFileName(MacAddress.parse("001fc11c22a9"), "UC903"));
    }

    @Test
    void neverServesFactoryImages() {
        for (String name : List.of("factory0001.bin", "factory000a.bin", "Factory0012.bin")) {
            assertTrue(PLUGIN.recognize(new RequestInfo(name, Optional.of(UC903), "http")).isEmpty(), name);
        }
        assertTrue(PLUGIN.recognize(new RequestInfo("0c383e07e16c.cfg", Optional.empty(), "tftp")).isEmpty(),
                "a Fanvil MAC file is not Htek's");
    }

    @Test
    void hostileValuesStayInsideTheirElement() {
        Map<String, String> settings = read(render(DEVICE, Profiles.hostile(), "UC924"));
        assertTrue(settings.get("P3").startsWith("Alice Example "));
        assertFalse(settings.get("P3").contains("\n"));
        settings.keySet().forEach(k -> assertTrue(k.matches("P[0-9]+"), k));
    }

    @Test
    void timeZonesUseTheIndexTableAndDstFlag() {
        Map<String, String> ny = read(render(DEVICE, Profiles.full().toBuilder()
                .timeZone(ZoneId.of("America/New_York")).build(), "UC924"));
        assertEquals("7", ny.get("P64"));
        assertEquals("1", ny.get("P75"));
        Map<String, String> berlin = read(render(DEVICE, Profiles.full(), "UC924"));
        assertEquals("14", berlin.get("P64"));
        assertEquals("1", berlin.get("P75"));
        Map<String, String> tokyo = read(render(DEVICE, Profiles.full().toBuilder()
                .timeZone(ZoneId.of("Asia/Tokyo")).build(), "UC924"));
        assertEquals("27", tokyo.get("P64"));
        assertEquals("0", tokyo.get("P75"));
    }

    @Test
    void rawParametersOverrideKeepingTheParaName() {
        RawParameters raw = new RawParameters(Map.of("htek", List.of(
                new RawParameter("<P3>caller_id</P3>", ""), new RawParameter("P8624", "1"))));
        RenderedFile file = PLUGIN.render(HtekFiles.context(DEVICE, Profiles.full(), "UC924", raw, Optional.empty()));
        assertTrue(file.body().contains("<P3 para=\"Account1.DisplayName\">caller_id</P3>"), file.body());
        assertTrue(file.body().contains("<P8624>1</P8624>"));
        RawParameters bad = new RawParameters(Map.of("htek", List.of(new RawParameter("auto_image_url", "x"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PLUGIN.render(
                HtekFiles.context(DEVICE, Profiles.full(), "UC924", bad, Optional.empty())));
        assertTrue(e.getMessage().contains("auto_image_url"));
    }

    @Test
    void configServerIsAPathNeverAFlag() {
        Map<String, String> values = read(render(DEVICE, Profiles.full(), "UC924"));
        assertEquals("http://prov.example.com/provision", values.get("P237"));
        assertEquals("http://prov.example.com/firmware", values.get("P192"));
    }

    @Test
    void keysFiveAndUpUseTheSecondBlock() {
        Map<String, String> values = read(render(DEVICE, Profiles.everyField(), "UC924"));
        assertEquals("1", values.get("P20200"), "key 5 line");
        assertEquals("2", values.get("P20205"), "key 6 speed dial");
        assertEquals("0049301234567", values.get("P20206"));
        assertEquals("21", values.get("P20225"), "key 10 DND");
        assertFalse(values.containsKey("P20230"), "key 11 transfer has no Htek type");
    }

    @Test
    void phonebookIsAPhoneDirectory() {
        RenderedFile file = PLUGIN.renderPhonebook("x", List.of(
                new PhonebookEntry("Alice <A>", List.of("1001", "1002"), ""))).orElseThrow();
        var doc = HtekFiles.parse(file.body());
        assertEquals("PhoneDirectory", doc.getDocumentElement().getTagName());
        assertEquals("Alice <A>", doc.getElementsByTagName("Name").item(0).getTextContent());
        assertEquals(2, doc.getElementsByTagName("Telephone").getLength());
    }

    @Test
    void notifyEventsAndFirmware() {
        assertEquals("check-sync", PLUGIN.notifyEvents().resync());
        assertEquals("check-sync;reboot=true", PLUGIN.notifyEvents().reboot());
        assertEquals(java.util.Set.of(".rom", ".bin"), PLUGIN.firmwareExtensions());
    }
}
