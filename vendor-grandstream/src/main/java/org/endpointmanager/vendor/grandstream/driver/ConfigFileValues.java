package org.endpointmanager.vendor.grandstream.driver;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.endpointmanager.api.driver.DriverException;
import org.endpointmanager.api.driver.DriverFailure;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The P-values of a rendered {@code <gs_provision>} file, in file order: what the phone would
 * fetch (template, device settings and raw parameters such as {@code raw_pconfig} already merged,
 * the raw ones last), so pushing over HTTP and pulling by provisioning give the same result.
 * Config v2 {@code <item name="alias">} entries are not pushed (the console's templates render v1).
 */
final class ConfigFileValues {

    private static final int MAX_VALUES = 20_000;

    private ConfigFileValues() {
    }

    static Map<String, String> of(String xml) {
        Document doc = parse(xml);
        Element root = doc.getDocumentElement();
        if (!"gs_provision".equals(root.getTagName())) {
            throw new DriverException(DriverFailure.PROTOCOL, "the rendered file is not a <gs_provision> document");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Element config : children(root, "config")) {
            NodeList nodes = config.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element e && e.getTagName().matches("P[0-9]{1,6}")) {
                    if (values.size() >= MAX_VALUES) {
                        throw new DriverException(DriverFailure.PROTOCOL, "the rendered file has too many P-values");
                    }
                    values.put(e.getTagName(), e.getTextContent());
                }
            }
        }
        return values;
    }

    private static Iterable<Element> children(Element parent, String name) {
        java.util.List<Element> out = new java.util.ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new DriverException(DriverFailure.PROTOCOL, "the rendered file is not readable XML");
        }
    }
}
