package org.endpointmanager.vendor.snom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.RawParameter;
import org.endpointmanager.api.vendor.RawParameters;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.testkit.Profiles;
import org.endpointmanager.testkit.TestRendering;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** A D785 booting: snomD785.htm, then snomD785-000413A11FA7.htm, then the 000413A11FA7.xml it lists. */
class SnomBootSequenceTest {

    private static final String UA = "Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 2010.12-00001-gd311851f1 "
            + "(Feb 25 2019 - 14:19:43) 000413A11FA7 SXM:0 UXM:0 UXMC:0)";
    private static final MacAddress MAC = MacAddress.parse("000413A11FA7");
    private final SnomVendorPlugin plugin = SnomTestSupport.PLUGIN;

    private FileRequest fetch(String name) {
        return plugin.recognize(new RequestInfo(name, Optional.of(UA), "http"))
                .orElseThrow(() -> new AssertionError("not recognised: " + name));
    }

    @Test
    void modelFileIsCommonSettingsWithoutSecretsOrIdentities() {
        FileRequest req = fetch("snomD785.htm");
        assertEquals(FileKind.COMMON, req.kind());
        assertEquals(Optional.of("D785"), req.model());
        assertEquals(Optional.of(MAC), req.identity().flatMap(i -> i.mac()));
        // even a profile with lines and a password: a shared file must not carry them
        RenderedFile file = TestRendering.render(plugin, req, Profiles.full(), plugin.catalog().model("D785"));
        Map<String, String> s = SnomFiles.settings(file.body());
        assertFalse(file.body().contains(Profiles.LINE1_PASSWORD));
        assertFalse(file.body().contains(Profiles.ADMIN_PASSWORD));
        assertTrue(s.keySet().stream().noneMatch(k -> k.startsWith("user_")), () -> s.toString());
        assertFalse(s.containsKey("challenge_checksync"));
        assertEquals("GER+1", s.get("timezone"));
        assertEquals(TestRendering.BASE_URL, s.get("setting_server"));
    }

    @Test
    void commonFileIgnoresRawParametersSoNoAdminSecretLeaks() {
        FileRequest req = fetch("snomD785.htm");
        RawParameters raw = new RawParameters(Map.of("snom-phone-settings",
                List.of(new RawParameter("http_pass", "raw-secret"))));
        RenderedFile file = TestRendering.render(plugin, TestRendering.context(plugin, req,
                Profiles.withoutSecrets(Profiles.full()), plugin.catalog().model("D785"), raw, Optional.empty()));
        assertFalse(file.body().contains("raw-secret"), file.body());
    }

    @Test
    void macHtmListsTheDeviceFileWithUpperCaseMac() {
        FileRequest req = fetch("snomD785-000413A11FA7.htm");
        assertEquals(FileKind.BOOT, req.kind());
        assertEquals(Optional.of(MAC), req.mac());
        RenderedFile file = TestRendering.render(plugin, req, Profiles.withoutSecrets(Profiles.full()),
                plugin.catalog().model("D785"));
        Element root = SnomFiles.parse(file.body()).getDocumentElement();
        assertEquals("setting-files", root.getTagName());
        List<Element> files = SnomFiles.children(root);
        assertEquals(1, files.size());
        assertEquals(TestRendering.BASE_URL + "000413A11FA7.xml", files.get(0).getAttribute("url"));
    }

    @Test
    void deviceFileIsFoundByTheNameTheListGivesAndInLowerCase() {
        for (String name : List.of("000413A11FA7.xml", "000413a11fa7.xml")) {
            FileRequest req = fetch(name);
            assertEquals(FileKind.DEVICE, req.kind());
            assertEquals(Optional.of(MAC), req.mac());
            assertEquals(Optional.of("D785"), req.model(), "model taken from the User-Agent");
        }
        assertEquals("000413A11FA7.xml", plugin.deviceConfigFileName(MAC, "D785"));
        RenderedFile file = TestRendering.render(plugin, fetch("000413A11FA7.xml"), Profiles.full(),
                plugin.catalog().model("D785"));
        Map<String, String> s = SnomFiles.settings(file.body());
        assertEquals("1001", s.get("user_name[1]"));
        assertEquals("on", s.get("challenge_checksync"));
    }

    @Test
    void modelXmlIsCommonAndOtherNamesAreNotSnoms() {
        assertEquals(FileKind.COMMON, fetch("snomD785.xml").kind());
        assertEquals(FileKind.PHONEBOOK, fetch(plugin.phonebookFileName()).kind());
        for (String name : List.of("general.xml", "snom.htm", "snomD785-000413A11FA.htm", "snomD785-000413A11FA7.xml",
                "000413A11FA7.htm", "000413A11FA7.xml.bak", "snom" + "D".repeat(80) + ".htm",
                "snomD7 85.htm", "snomD785.htm\n", "snom<x>.htm")) {
            assertTrue(plugin.recognize(new RequestInfo(name, Optional.of(UA), "http")).isEmpty(), name);
        }
    }

    @Test
    void tftpRequestsWithoutUserAgentCarryNoModelForTheDeviceFile() {
        FileRequest req = plugin.recognize(new RequestInfo("000413A11FA7.xml", Optional.empty(), "tftp")).orElseThrow();
        assertEquals(Optional.empty(), req.model());
        assertEquals(Optional.empty(), req.identity());
    }
}
