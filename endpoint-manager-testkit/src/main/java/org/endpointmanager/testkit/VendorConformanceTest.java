package org.endpointmanager.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.vendor.ConfigSyntax;
import org.endpointmanager.api.vendor.FileKind;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.NotifyEvents;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.api.vendor.VendorCatalog;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/**
 * The checks every vendor plug-in must pass. A vendor module's test extends this class and
 * supplies its plug-in, real requests from {@code reference/vendors.md}, the settings the reference
 * documents for {@link Profiles#full()}, and a reader for its own file format.
 */
public abstract class VendorConformanceTest {

    private static final Pattern UA_MAC = Pattern.compile(
            "(?i)(?<![0-9a-f:])([0-9a-f]{2}(?::[0-9a-f]{2}){5}|[0-9a-f]{12})(?![0-9a-f:])");
    private static final Pattern KEY_VALUE_LINE = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]%]+ ?= ?.*");
    private static final Pattern INCLUDE_LINE = Pattern.compile("include:config \"[^\"]*\"");
    private static final Pattern SECTION_LINE = Pattern.compile("\\[[A-Za-z0-9_.\\- ]+\\]|<{1,2}[A-Z0-9 _\\-]+>{1,2}(Version:[0-9.]+)?");
    private static final Pattern NAME_VALUE_LINE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.\\-]* ?:.*");

    /** The plug-in under test. */
    protected abstract VendorPlugin plugin();

    /** Real file names and User-Agents from the reference, with what each must be recognised as. */
    protected abstract List<BootRequest> bootRequests();

    /** A catalog model used to render {@link Profiles#full()}. */
    protected abstract String fullProfileModel();

    /**
     * Settings the DEVICE file rendered from {@link Profiles#full()} must contain, keyed and valued
     * exactly as the reference documents them (copied from the reference, not from the code).
     */
    protected abstract Map<String, String> documentedSettings();

    /** Reads the vendor's own format into key to value (the subclass names repeated elements). */
    protected abstract Map<String, String> readSettings(RenderedFile file);

    /** The MAC the full profile is rendered for: the catalog's first OUI with a fixed tail. */
    protected MacAddress testMac() {
        String oui = new TreeSet<>(plugin().catalog().ouis()).first();
        return MacAddress.parse(oui + "a1b2c3");
    }

    // ---------------------------------------------------------------- recognition

    @Test
    void recognisesEveryRealRequestWithItsKindAndMac() {
        assertFalse(bootRequests().isEmpty(), "bootRequests() must list the vendor's real requests");
        for (BootRequest br : bootRequests()) {
            Optional<FileRequest> got = plugin().recognize(new RequestInfo(br.fileName(), br.userAgent(), "http"));
            assertTrue(got.isPresent(), () -> "not recognised: " + br);
            FileRequest fr = got.get();
            assertEquals(br.expectedKind(), fr.kind(), () -> "kind of " + br.fileName());
            assertEquals(br.expectedMac(), fr.mac(), () -> "MAC of " + br.fileName());
            if (br.userAgent().isPresent()) {
                Optional<PhoneIdentity> parsed = plugin().parseUserAgent(br.userAgent().get());
                assertTrue(parsed.isPresent(), () -> "User-Agent not parsed: " + br.userAgent().get());
                assertEquals(parsed, fr.identity(), () -> "identity of " + br.fileName());
            }
            // Over TFTP there is no User-Agent: the name alone must still be recognised the same way.
            Optional<FileRequest> tftp = plugin().recognize(new RequestInfo(br.fileName(), Optional.empty(), "tftp"));
            assertTrue(tftp.isPresent(), () -> "not recognised without a User-Agent: " + br.fileName());
            assertEquals(br.expectedKind(), tftp.get().kind(), () -> "kind without User-Agent of " + br.fileName());
        }
    }

    @Test
    void parsesTheUserAgentsOfItsPhones() {
        List<String> agents = new ArrayList<>();
        bootRequests().forEach(b -> b.userAgent().ifPresent(agents::add));
        KnownRequests.USER_AGENTS.stream().filter(k -> k.vendor().equals(plugin().id()))
                .forEach(k -> agents.add(k.userAgent().orElseThrow()));
        assertFalse(agents.isEmpty(), "no User-Agent to check");
        for (String ua : agents) {
            PhoneIdentity id = plugin().parseUserAgent(ua)
                    .orElseThrow(() -> new AssertionError("User-Agent not parsed: " + ua));
            assertEquals(plugin().id(), id.vendor(), () -> "vendor of " + ua);
            String model = id.model().orElseThrow(() -> new AssertionError("no model from " + ua));
            assertTrue(ua.toLowerCase(Locale.ROOT).contains(model.toLowerCase(Locale.ROOT)),
                    () -> "model " + model + " is not in " + ua);
            String fw = id.firmware().orElseThrow(() -> new AssertionError("no firmware from " + ua));
            assertTrue(ua.contains(fw), () -> "firmware " + fw + " is not in " + ua);
            Matcher m = UA_MAC.matcher(ua);
            Optional<MacAddress> sent = Optional.empty();
            while (m.find()) {
                sent = MacAddress.tryParse(m.group(1));
            }
            assertEquals(sent, id.mac(), () -> "MAC of " + ua);
        }
    }

    @Test
    void leavesOtherVendorsAndHostileInputAlone() {
        for (KnownRequests.Known k : KnownRequests.USER_AGENTS) {
            if (!k.vendor().equals(plugin().id())) {
                assertEquals(Optional.empty(), plugin().parseUserAgent(k.userAgent().orElseThrow()),
                        () -> "parsed another vendor's User-Agent: " + k);
            }
        }
        for (String ua : List.of("", " ", "Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0",
                plugin().displayName(), plugin().displayName() + " " + "A".repeat(10_000),
                plugin().displayName() + "\n" + plugin().displayName() + " X 1 805ec0123456")) {
            Optional<PhoneIdentity> id = plugin().parseUserAgent(ua);
            id.ifPresent(p -> assertTrue(p.model().map(mo -> mo.length() <= 64).orElse(true),
                    () -> "unbounded model from a hostile User-Agent"));
            id.flatMap(PhoneIdentity::model).ifPresent(mo -> assertFalse(mo.contains("\n"), "model with a line break"));
        }
        for (KnownRequests.Known k : KnownRequests.FILES) {
            if (!k.vendor().equals(plugin().id())) {
                Optional<FileRequest> got = plugin().recognize(new RequestInfo(k.fileName(), k.userAgent(), "http"));
                assertTrue(got.isEmpty() || got.get().kind() == FileKind.NOT_SERVED,
                        () -> "claimed another vendor's request: " + k + " as " + got.get().kind());
            }
        }
        for (String name : KnownRequests.UNRELATED_NAMES) {
            Optional<FileRequest> got = plugin().recognize(new RequestInfo(name, Optional.empty(), "http"));
            assertTrue(got.isEmpty() || got.get().kind() == FileKind.NOT_SERVED,
                    () -> "recognised an unrelated name: " + name.substring(0, Math.min(60, name.length())));
        }
    }

    @Test
    void findsTheDeviceFileNameOfEveryModelAgain() {
        for (ModelInfo model : plugin().catalog().models()) {
            String name = plugin().deviceConfigFileName(testMac(), model.model());
            FileRequest fr = plugin().recognize(new RequestInfo(name, Optional.empty(), "http"))
                    .orElseThrow(() -> new AssertionError("device file name not recognised: " + name));
            assertEquals(FileKind.DEVICE, fr.kind(), () -> "kind of " + name);
            assertEquals(Optional.of(testMac()), fr.mac(), () -> "MAC of " + name);
        }
    }

    // ---------------------------------------------------------------- rendering

    @Test
    void rendersTheDocumentedSettingsOfTheFullProfile() {
        RenderedFile file = renderDevice(Profiles.full(), fullProfileModel());
        assertWellFormed(file, "full profile");
        Map<String, String> settings = readSettings(file);
        assertFalse(documentedSettings().isEmpty(), "documentedSettings() must not be empty");
        List<String> wrong = new ArrayList<>();
        documentedSettings().forEach((k, v) -> {
            if (!v.equals(settings.get(k))) {
                wrong.add(k + ": expected '" + v + "', got '" + settings.get(k) + "'");
            }
        });
        assertTrue(wrong.isEmpty(), () -> "documented settings differ:\n" + String.join("\n", wrong));
    }

    @Test
    void hostileValuesCannotAddSettings() {
        Profile plainProfile = Profiles.everyField();
        RenderedFile plain = renderDevice(plainProfile, fullProfileModel());
        RenderedFile hostile = renderDevice(Profiles.hostile(), fullProfileModel());
        assertWellFormed(plain, "every-field profile");
        assertWellFormed(hostile, "hostile profile");
        Map<String, String> plainSettings = readSettings(plain);
        Map<String, String> hostileSettings = readSettings(hostile);
        Set<String> extra = new TreeSet<>(hostileSettings.keySet());
        extra.removeAll(plainSettings.keySet());
        assertTrue(extra.isEmpty(), () -> "hostile values added settings: " + extra);
        hostileSettings.forEach((k, v) -> {
            assertNotEquals(Profiles.INJECTED, v.strip(), () -> "injected value became setting " + k);
            assertFalse(k.toLowerCase(Locale.ROOT).contains(Profiles.INJECTED), () -> "injected key " + k);
        });
    }

    @Test
    void sharedFilesCarryNoSecrets() {
        Profile shared = Profiles.withoutSecrets(Profiles.full());
        int rendered = 0;
        for (BootRequest br : bootRequests()) {
            if (br.expectedKind() != FileKind.COMMON && br.expectedKind() != FileKind.BOOT) {
                continue;
            }
            FileRequest fr = plugin().recognize(new RequestInfo(br.fileName(), br.userAgent(), "http")).orElseThrow();
            Optional<ModelInfo> model = fr.model().flatMap(m -> plugin().catalog().model(m))
                    .or(() -> fr.identity().flatMap(PhoneIdentity::model).flatMap(m -> plugin().catalog().model(m)));
            RenderedFile file = TestRendering.render(plugin(), fr, shared, model);
            assertWellFormed(file, br.fileName());
            for (String secret : List.of(Profiles.LINE1_PASSWORD, Profiles.LINE2_PASSWORD, Profiles.ADMIN_PASSWORD)) {
                assertFalse(file.body().contains(secret), () -> br.fileName() + " carries a secret");
            }
            rendered++;
        }
        assertTrue(rendered > 0, "bootRequests() must include at least one COMMON or BOOT file");
    }

    @Test
    void catalogIsConsistentAndEveryModelRenders() {
        VendorCatalog catalog = plugin().catalog();
        assertEquals(plugin().id(), catalog.vendor());
        assertFalse(catalog.ouis().isEmpty(), "no OUI");
        assertFalse(catalog.models().isEmpty(), "no model");
        for (String oui : catalog.ouis()) {
            assertTrue(oui.matches("[0-9a-f]{6}"), () -> "OUI is not 6 lowercase hex digits: " + oui);
        }
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (ModelInfo m : catalog.models()) {
            assertEquals(plugin().id(), m.vendor(), () -> "vendor of " + m.model());
            assertTrue(m.lines() >= 1, () -> "lines of " + m.model());
            assertTrue(names.add(m.model()), () -> "duplicate model " + m.model());
            RenderedFile file = renderDevice(Profiles.full(), m.model());
            assertWellFormed(file, m.model());
            assertFalse(readSettings(file).isEmpty(), () -> "nothing rendered for " + m.model());
        }
        assertTrue(catalog.model(fullProfileModel()).isPresent(), "fullProfileModel() is not in the catalog");
    }

    @Test
    void declaresNotifyEventsAndFirmwareExtensions() {
        NotifyEvents events = plugin().notifyEvents();
        assertFalse(events.resync().isBlank(), "resync event is blank");
        assertFalse(events.reboot().isBlank(), "reboot event is blank");
        assertNotEquals(events.resync(), events.reboot(), "resync and reboot must differ");
        assertFalse(plugin().firmwareExtensions().isEmpty(), "no firmware extension");
        for (String ext : plugin().firmwareExtensions()) {
            assertTrue(ext.matches("\\.[a-z0-9]+"), () -> "firmware extension " + ext);
        }
        assertTrue(plugin().id().matches("[a-z][a-z0-9-]*"), "id must be lowercase");
        assertFalse(plugin().rawParameterSections().isEmpty(), "no raw parameter section");
        assertEquals(plugin().id(), plugin().rawParameterSections().get(0), "first raw section is the vendor's own");
    }

    // ---------------------------------------------------------------- helpers for subclasses

    /** Renders the DEVICE file of {@link #testMac()} for a catalog model. */
    protected RenderedFile renderDevice(Profile profile, String modelName) {
        ModelInfo model = plugin().catalog().model(modelName)
                .orElseThrow(() -> new AssertionError("model not in catalog: " + modelName));
        String name = plugin().deviceConfigFileName(testMac(), model.model());
        FileRequest fr = plugin().recognize(new RequestInfo(name, Optional.empty(), "http"))
                .orElseThrow(() -> new AssertionError("device file name not recognised: " + name));
        return TestRendering.render(plugin(), fr, profile, Optional.of(model));
    }

    /**
     * Fails unless the file is well-formed for its syntax: XML parses with DOCTYPE refused; line
     * formats hold only blank lines, comments, section headers and single assignments.
     */
    protected static void assertWellFormed(RenderedFile file, String what) {
        if (file.syntax() == ConfigSyntax.XML) {
            parseXml(file.body(), what);
            return;
        }
        if (file.syntax() != ConfigSyntax.KEY_VALUE && file.syntax() != ConfigSyntax.SECTIONED_TEXT) {
            return;
        }
        Pattern assignment = file.syntax() == ConfigSyntax.KEY_VALUE ? KEY_VALUE_LINE : NAME_VALUE_LINE;
        String[] lines = file.body().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            boolean ok = line.isBlank() || line.startsWith("#") || line.startsWith(";")
                    || SECTION_LINE.matcher(line).matches() || INCLUDE_LINE.matcher(line).matches()
                    || assignment.matcher(line).matches();
            assertTrue(ok, what + " line " + (i + 1) + " is not a comment, section or assignment: "
                    + line.substring(0, Math.min(120, line.length())));
            for (char c : line.toCharArray()) {
                assertTrue(c == '\t' || !Character.isISOControl(c), what + " line " + (i + 1) + " has a control character");
            }
        }
    }

    /** Parses XML with DOCTYPE refused, failing the test when it is not well-formed. */
    protected static org.w3c.dom.Document parseXml(String body, String what) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(body)));
        } catch (Exception e) {
            fail(what + " is not well-formed XML: " + e.getMessage());
            return null;
        }
    }
}
