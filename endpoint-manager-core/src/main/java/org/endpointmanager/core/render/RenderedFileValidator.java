package org.endpointmanager.core.render;

import java.io.StringReader;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.endpointmanager.api.vendor.ConfigSyntax;
import org.endpointmanager.api.vendor.RenderedFile;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks a rendered file before any phone sees it: XML is well-formed and has no DOCTYPE; line
 * formats have one assignment per line. Placeholders cannot survive rendering (seed 002's are turned
 * into Mustache tags, which render every value escaped); a template naming an unknown placeholder is
 * refused when it is saved ({@link Placeholders#unknown(String)}), so a value that merely contains
 * braces is served as text.
 */
public final class RenderedFileValidator {

    private static final Pattern KV_LINE = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]%]+\\s*=.*|include:config\\s+\".*\"|#.*");
    private static final Pattern TEXT_LINE = Pattern.compile("<<.*>>.*|<[A-Z0-9 _]+>|[A-Za-z0-9 _.\\-/#]+:.*|#.*");

    private RenderedFileValidator() {
    }

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the line or XML error
     */
    public static void validate(RenderedFile file) {
        String body = file.body();
        switch (file.syntax()) {
            case XML -> xml(body);
            case KEY_VALUE -> lines(body, KV_LINE, "key = value");
            case SECTIONED_TEXT -> lines(body, TEXT_LINE, "Name :value");
            case OPAQUE -> {
            }
            default -> throw new IllegalStateException("unknown syntax " + file.syntax());
        }
    }

    private static void lines(String body, Pattern allowed, String form) {
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (l.isBlank()) {
                continue;
            }
            if (!allowed.matcher(l.strip()).matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not of the form '" + form + "'");
            }
            for (int c = 0; c < l.length(); c++) {
                if (Character.isISOControl(l.charAt(c)) && l.charAt(c) != '\t') {
                    throw new IllegalArgumentException("line " + (i + 1) + " contains a control character");
                }
            }
        }
    }

    /** A DocumentBuilderFactory that refuses DOCTYPE and external entities (no XXE). */
    public static DocumentBuilderFactory safeFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be secured", e);
        }
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    private static void xml(String body) {
        try {
            var builder = safeFactory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            builder.parse(new InputSource(new StringReader(body)));
        } catch (SAXParseException e) {
            throw new IllegalArgumentException("line " + e.getLineNumber() + ": XML is not well-formed: " + e.getMessage());
        } catch (Exception e) {
            throw new IllegalArgumentException("XML is not well-formed: " + e.getMessage());
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
