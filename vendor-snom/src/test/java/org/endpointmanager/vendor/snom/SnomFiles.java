package org.endpointmanager.vendor.snom;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Test helpers: reads Snom settings files back and loads golden files. */
final class SnomFiles {
    private SnomFiles() {
    }

    /** Parses XML with DOCTYPE refused. */
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

    /**
     * Every setting of a settings file as {@code name} or {@code name[idx]} to its text, with
     * function keys as {@code fkey[idx]}; root settings and phone settings share one namespace,
     * as they do on the phone. A name seen twice keeps the first value and adds {@code #2}.
     */
    static Map<String, String> settings(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        Element root = parse(body).getDocumentElement();
        if (!root.getTagName().equals("settings")) {
            throw new AssertionError("root element is " + root.getTagName());
        }
        for (Element child : children(root)) {
            switch (child.getTagName()) {
                case "phone-settings", "functionKeys" -> children(child).forEach(e -> put(out, e));
                default -> put(out, child);
            }
        }
        return out;
    }

    private static void put(Map<String, String> out, Element e) {
        String key = e.hasAttribute("idx") ? e.getTagName() + "[" + e.getAttribute("idx") + "]" : e.getTagName();
        String k = key;
        for (int n = 2; out.containsKey(k); n++) {
            k = key + "#" + n;
        }
        out.put(k, e.getTextContent());
    }

    static java.util.List<Element> children(Element parent) {
        java.util.List<Element> list = new java.util.ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                list.add((Element) nodes.item(i));
            }
        }
        return list;
    }

    /** A test resource as text. */
    static String resource(String name) {
        try (InputStream in = SnomFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
