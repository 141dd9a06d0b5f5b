package org.endpointmanager.vendor.grandstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.RawParameters;
import org.endpointmanager.api.vendor.RenderContext;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.testkit.TestRendering;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Test helpers: reading a rendered file back, rendering by file name, golden files. */
final class GrandstreamFiles {

    static final GrandstreamVendorPlugin PLUGIN = new GrandstreamVendorPlugin();

    private GrandstreamFiles() {
    }

    /** The P-codes of a gs_provision file; fails on a repeated code. */
    static Map<String, String> read(RenderedFile file) {
        Document doc = parse(file.body());
        Element root = doc.getDocumentElement();
        assertEquals("gs_provision", root.getTagName());
        Map<String, String> out = new LinkedHashMap<>();
        NodeList configs = root.getElementsByTagName("config");
        assertEquals(1, configs.getLength(), "one <config>");
        for (Node n = configs.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                assertNull(out.put(e.getTagName(), e.getTextContent()), "repeated " + e.getTagName());
            }
        }
        return out;
    }

    static Document parse(String body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    static FileRequest request(String name, Optional<String> userAgent) {
        return PLUGIN.recognize(new RequestInfo(name, userAgent, "http"))
                .orElseThrow(() -> new AssertionError("not recognised: " + name));
    }

    static RenderContext context(String name, Profile profile, String model, RawParameters raw,
            Optional<String> customTemplate) {
        return TestRendering.context(PLUGIN, request(name, Optional.empty()), profile,
                PLUGIN.catalog().model(model), raw, customTemplate);
    }

    static RenderedFile render(String name, Profile profile, String model) {
        RenderedFile file = PLUGIN.render(context(name, profile, model, RawParameters.none(), Optional.empty()));
        assertFalse(file.body().isEmpty());
        return file;
    }

    /**
     * Compares with a golden file under src/test/resources. With {@code -Dgolden.update=true} the
     * golden file is (re)written from the output instead, for review in the diff.
     */
    static void assertGolden(String resource, String actual) {
        if (Boolean.getBoolean("golden.update")) {
            Path path = Path.of("src/test/resources/org/endpointmanager/vendor/grandstream", resource);
            try {
                Files.writeString(path, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try (InputStream in = GrandstreamFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("golden file missing: " + resource + " (run with -Dgolden.update=true)");
            }
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, "golden " + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
