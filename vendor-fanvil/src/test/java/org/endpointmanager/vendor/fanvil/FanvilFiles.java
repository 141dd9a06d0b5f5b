package org.endpointmanager.vendor.fanvil;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assertions;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** Test helpers: reading both Fanvil dialects, golden files. */
final class FanvilFiles {

    private FanvilFiles() {
    }

    /** {@code Name :value} lines of the text dialect; headers and the end marker are skipped. */
    static Map<String, String> readText(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int colon = line.indexOf(':');
            if (line.startsWith("<") || colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            if (out.put(name, line.substring(colon + 1)) != null) {
                throw new AssertionError("name written twice: " + name);
            }
        }
        return out;
    }

    /** {@code <sysConf>} leaves by path, {@code sip/line[1]/EnableReg}; DOCTYPE refused. */
    static Map<String, String> readSysConf(String body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(body))).getDocumentElement();
            Assertions.assertEquals("sysConf", root.getTagName());
            Map<String, String> out = new LinkedHashMap<>();
            walk(root, "", out);
            return out;
        } catch (Exception e) {
            throw new AssertionError("not well-formed: " + e.getMessage(), e);
        }
    }

    private static void walk(Element e, String path, Map<String, String> out) {
        boolean hasChild = false;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                hasChild = true;
                String seg = c.getTagName() + (c.hasAttribute("index") ? "[" + c.getAttribute("index") + "]" : "");
                walk(c, path.isEmpty() ? seg : path + "/" + seg, out);
            }
        }
        if (!hasChild && !path.isEmpty()) {
            if (out.put(path, e.getTextContent()) != null) {
                throw new AssertionError("element written twice: " + path);
            }
        }
    }

    /** Compares with a golden file; on a difference the actual text goes to target/golden-actual/. */
    static void assertGolden(String name, String actual) {
        String expected = null;
        try (InputStream in = FanvilFiles.class.getResourceAsStream(name)) {
            if (in != null) {
                expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!actual.equals(expected)) {
            try {
                Path out = Path.of("target", "golden-actual", name);
                Files.createDirectories(out.getParent());
                Files.writeString(out, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Assertions.assertEquals(expected, actual, "golden file " + name + " differs; actual in target/golden-actual/");
        }
    }
}
