package org.endpointmanager.host.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.profile.Key;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.vendor.ConfigSyntax;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.PhoneIdentity;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.render.RenderedFileValidator;
import org.endpointmanager.testkit.KnownRequests;
import org.endpointmanager.testkit.Profiles;
import org.endpointmanager.testkit.TestRendering;
import org.endpointmanager.testkit.fuzz.Fuzz;
import org.endpointmanager.testkit.fuzz.Gen;
import org.endpointmanager.testkit.fuzz.HostileStrings;
import org.endpointmanager.testkit.fuzz.Macs;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The five real vendor plug-ins under hostile input, as the host loads them (ServiceLoader):
 * every {@code parseUserAgent} and {@code recognize} with generated and mutated User-Agents and file
 * names (no exception, bounded output, no MAC that is not in the input), and every vendor's DEVICE
 * file rendered through the engine's template engine with hostile line and key values (the output
 * passes {@link RenderedFileValidator} and gains no setting, line or element). Replay a failure with
 * {@code -Dfuzz.seed= -Dfuzz.case=} as the kit's {@link Fuzz} explains.
 */
class VendorHostileInputFuzzTest {

    private static final Set<String> VENDORS = Set.of("yealink", "fanvil", "grandstream", "snom", "htek");

    private static List<VendorPlugin> plugins() {
        List<VendorPlugin> out = new ArrayList<>();
        ServiceLoader.load(VendorPlugin.class).forEach(p -> {
            if (VENDORS.contains(p.id())) {
                out.add(p);
            }
        });
        assertEquals(VENDORS, new TreeSet<>(out.stream().map(VendorPlugin::id).toList()), "all five vendors load");
        return out;
    }

    /** Letters and digits only, lower-cased: a MAC in any spelling shows up as its twelve digits. */
    private static String digits(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-z]", "");
    }

    private static final List<String> REAL_AGENTS = KnownRequests.USER_AGENTS.stream()
            .map(k -> k.userAgent().orElseThrow()).toList();

    private static Gen<String> userAgents() {
        return Gen.oneOf(HostileStrings.upTo(300), r -> HostileStrings.mutate(Gen.of(REAL_AGENTS).next(r)).next(r),
                r -> Gen.of(REAL_AGENTS).next(r) + HostileStrings.upTo(200).next(r),
                r -> Gen.of(REAL_AGENTS).next(r).replaceAll("(?i)[0-9a-f]{2}(:?[0-9a-f]{2}){5}",
                        java.util.regex.Matcher.quoteReplacement(Macs.anything().next(r))),
                r -> Gen.of("Yealink SIP-", "Fanvil ", "Grandstream Model HW ", "Mozilla/4.0 (compatible; snom",
                        "Htek ").next(r) + HostileStrings.upTo(r.nextBoolean() ? 40 : 20_000).next(r));
    }

    private static void identityCheck(VendorPlugin p, String ua, PhoneIdentity id) {
        assertEquals(p.id(), id.vendor(), "vendor");
        for (Optional<String> part : List.of(id.model(), id.firmware(), id.hardwareRevision())) {
            part.ifPresent(v -> {
                assertTrue(v.length() <= 64, "unbounded part: " + v.length() + " chars");
                assertTrue(v.chars().noneMatch(Character::isISOControl), "control character in " + v);
            });
        }
        id.mac().ifPresent(m -> assertTrue(digits(ua).contains(m.hex()), "a MAC that is not in the User-Agent: " + m));
    }

    @Test
    void everyVendorsUserAgentParserStaysBoundedAndInventsNoMac() {
        for (VendorPlugin p : plugins()) {
            Fuzz.Check<String> check = ua -> p.parseUserAgent(ua).ifPresent(id -> identityCheck(p, ua, id));
            Fuzz.property(p.id() + " parseUserAgent", 800, userAgents(), check);
            Fuzz.corpus(p.id() + " parseUserAgent", List.of("", "\0", p.displayName() + " " + "9".repeat(100_000),
                    p.displayName() + " X1 1.0 " + "00:".repeat(5000), "Yealink SIP-T46G 28.83.0.50 00:15:65:4f:9e:1g",
                    "Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9:ff", "Fanvil X4 2.10.2.6887 0c383e07e16c\r\nX: y",
                    "Grandstream Model HW GXP2135 SW 1.0.7.97 DevId " + "0".repeat(13),
                    "Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 " + "(".repeat(5000)), check);
        }
    }

    private static final List<String> REAL_NAMES = KnownRequests.FILES.stream().map(KnownRequests.Known::fileName).toList();

    @Test
    void everyVendorsRecognitionNamesOnlyMacsFromTheRequest() {
        for (VendorPlugin p : plugins()) {
            List<String> own = new ArrayList<>(REAL_NAMES);
            for (ModelInfo m : p.catalog().models()) {
                own.add(p.deviceConfigFileName(MacAddress.parse(p.catalog().ouis().iterator().next() + "a1b2c3"), m.model()));
            }
            Gen<String> names = Gen.oneOf(HostileStrings.upTo(120), r -> HostileStrings.mutate(Gen.of(own).next(r)).next(r),
                    r -> Gen.of(own).next(r).replaceAll("(?i)[0-9a-f]{12}",
                            java.util.regex.Matcher.quoteReplacement(Macs.anything().next(r))),
                    r -> Gen.of("cfg", "y", "f0", "snom", "").next(r) + Macs.anything().next(r)
                            + Gen.of(".cfg", ".xml", ".boot", ".htm", "", ".cfg.bak").next(r));
            Gen<RequestInfo> requests = r -> new RequestInfo(names.next(r).replace('/', '_').replace('\\', '_'),
                    r.nextBoolean() ? Optional.empty() : Optional.of(userAgents().next(r)),
                    Gen.of("http", "https", "tftp").next(r));
            Fuzz.Check<RequestInfo> check = req -> p.recognize(req).ifPresent(fr -> {
                String seen = digits(req.fileName() + " " + req.userAgent().orElse(""));
                fr.mac().ifPresent(m -> assertTrue(seen.contains(m.hex()), "a MAC that is not in the request: " + m));
                fr.model().ifPresent(m -> assertTrue(m.length() <= 64 && m.chars().noneMatch(Character::isISOControl),
                        "model " + m));
                fr.identity().ifPresent(id -> identityCheck(p, req.userAgent().orElse(""), id));
            });
            Fuzz.property(p.id() + " recognize", 800, requests, check);
            Fuzz.corpus(p.id() + " recognize", own.stream().map(n -> new RequestInfo(n, Optional.of(
                    REAL_AGENTS.get(0) + "\r\n"), "http")).toList(), check);
        }
    }

    // ---- rendering with hostile line and key values

    /** Text the validator takes for a template placeholder left over (see {@code RenderedFileValidator}). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{|\\{(SIP_NUM|SIP_USER_NAME|SIP_PASS|PBX_HOST|FIRMWARE_URL)}");

    /**
     * One case: a catalog model and the full profile with a hostile twist on line and key strings.
     *
     * @param placeholders whether some value holds placeholder-like text, which the validator refuses
     */
    private record RenderCase(ModelInfo model, Profile profile, boolean placeholders) {
    }

    private static RenderCase renderCase(SplittableRandom r, List<ModelInfo> models) {
        ModelInfo model = models.get(r.nextInt(models.size()));
        boolean[] placeholders = {false};
        Profile profile = hostileLines(r, s -> {
            placeholders[0] |= PLACEHOLDER.matcher(s).find();
            return s;
        });
        return new RenderCase(model, profile, placeholders[0]);
    }

    private static Profile hostileLines(SplittableRandom r, UnaryOperator<String> seen) {
        Profile p = Profiles.everyField();
        UnaryOperator<String> f = s -> seen.apply(switch (r.nextInt(5)) {
            case 0 -> s;
            case 1 -> s + HostileStrings.upTo(60).next(r);
            case 2 -> HostileStrings.upTo(60).next(r);
            case 3 -> HostileStrings.around(s, 30).next(r);
            default -> s + Profiles.HOSTILE_SUFFIX;
        });
        List<Line> lines = new ArrayList<>();
        for (Line l : p.lines()) {
            lines.add(new Line(l.index(), l.enabled(), f.apply(l.label()), f.apply(l.displayName()), f.apply(l.userName()),
                    f.apply(l.authName()), Secret.of(f.apply(l.password().reveal())), f.apply(l.server()), l.port(),
                    l.transport(), l.outboundProxy().map(f), l.expirySeconds(), l.voicemail().map(f)));
        }
        List<Key> keys = new ArrayList<>();
        for (Key k : p.keys()) {
            keys.add(new Key(k.module(), k.index(), k.type(), f.apply(k.value()), f.apply(k.label()), k.line(),
                    k.pickupCode().map(f)));
        }
        return p.toBuilder().lines(lines).keys(keys).build();
    }

    /**
     * The structure of a rendered file: how often each setting name (key, "Name :" or element name)
     * occurs, and the values that are exactly the injection marker.
     */
    private static Map<String, Integer> structure(RenderedFile file) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        if (file.syntax() == ConfigSyntax.XML) {
            DocumentBuilder b = RenderedFileValidator.safeFactory().newDocumentBuilder();
            b.setErrorHandler(null);
            NodeList all = b.parse(new InputSource(new StringReader(file.body()))).getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                counts.merge(e.getTagName(), 1, Integer::sum);
                if (e.getChildNodes().getLength() == 1 && e.getTextContent().strip().equals(Profiles.INJECTED)) {
                    counts.merge("value=" + Profiles.INJECTED, 1, Integer::sum);
                }
            }
            return counts;
        }
        for (String raw : file.body().split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int sep = file.syntax() == ConfigSyntax.KEY_VALUE ? line.indexOf('=') : line.indexOf(':');
            String name = sep < 0 ? line : line.substring(0, sep).strip();
            counts.merge(name, 1, Integer::sum);
            if (sep >= 0 && line.substring(sep + 1).strip().equals(Profiles.INJECTED)) {
                counts.merge("value=" + Profiles.INJECTED, 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    void everyVendorsDeviceFileStaysValidAndGainsNothingFromHostileLineValues() throws Exception {
        for (VendorPlugin p : plugins()) {
            MacAddress mac = MacAddress.parse(new TreeSet<>(p.catalog().ouis()).first() + "a1b2c3");
            List<ModelInfo> models = p.catalog().models();
            Map<String, Map<String, Integer>> plain = new HashMap<>();
            for (ModelInfo m : models) {
                plain.put(m.model(), structure(renderDevice(p, mac, m, Profiles.everyField())));
            }
            Fuzz.property(p.id() + " device file", 150, r -> renderCase(r, models), c -> {
                        RenderedFile file = renderDevice(p, mac, c.model(), c.profile());
                        // braces in a value are served as text: placeholders are checked in templates when saved
                        RenderedFileValidator.validate(file);
                        Map<String, Integer> expected = plain.get(c.model().model());
                        structure(file).forEach((name, n) -> {
                            assertFalse(name.toLowerCase(Locale.ROOT).contains(Profiles.INJECTED),
                                    "injected setting or value: " + name);
                            assertTrue(n <= expected.getOrDefault(name, 0),
                                    "'" + name + "' occurs " + n + " times, without hostile values "
                                            + expected.getOrDefault(name, 0));
                        });
                    });
        }
    }

    private static RenderedFile renderDevice(VendorPlugin p, MacAddress mac, ModelInfo model, Profile profile) {
        String name = p.deviceConfigFileName(mac, model.model());
        FileRequest fr = p.recognize(new RequestInfo(name, Optional.empty(), "http"))
                .orElseThrow(() -> new AssertionError("device file not recognised: " + name));
        return TestRendering.render(p, fr, profile, Optional.of(model));
    }
}
