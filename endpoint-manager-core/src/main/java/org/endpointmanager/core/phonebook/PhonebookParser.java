package org.endpointmanager.core.phonebook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.endpointmanager.core.render.RenderedFileValidator;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads an external phonebook: the five vendors' XML formats ({@code <YealinkIPPhoneDirectory>},
 * {@code <FanvilIPPhoneDirectory>}/{@code <PhoneBook>}, {@code <SnomIPPhoneDirectory>},
 * {@code <PhoneDirectory>}: {@code DirectoryEntry} with {@code Name} and {@code Telephone}/{@code Mobile};
 * Grandstream's {@code <AddressBook>} with {@code Contact}) or {@code name,number[,group]} CSV.
 * Hostile input: DOCTYPE is refused, sizes and counts are bounded, bad entries are skipped.
 */
public final class PhonebookParser {

    /** Most entries read from one source. */
    public static final int MAX_ENTRIES = 5000;
    private static final int MAX_NAME = 100;
    private static final int MAX_NUMBERS = 5;
    private static final Pattern NUMBER = Pattern.compile("[0-9A-Za-z+*#@._:\\-]{1,64}");
    private static final Set<String> NUMBER_TAGS = Set.of("telephone", "mobile", "office", "other", "number", "phonenumber");

    private PhonebookParser() {
    }

    /**
     * Parses a source's bytes.
     *
     * @param group the group given to entries that name none
     * @throws IllegalArgumentException when the content is not a phonebook in the format
     */
    public static List<PhonebookEntry> parse(byte[] content, PhonebookFormat format, String group) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        PhonebookFormat f = format;
        if (f == PhonebookFormat.AUTO) {
            f = text.stripLeading().startsWith("<") ? PhonebookFormat.XML : PhonebookFormat.CSV;
        }
        return f == PhonebookFormat.XML ? xml(content, group) : csv(text, group);
    }

    private static List<PhonebookEntry> xml(byte[] content, String group) {
        Element root;
        try {
            root = RenderedFileValidator.safeFactory().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(content)).getDocumentElement();
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new IllegalArgumentException("not well-formed XML (DOCTYPE is refused): " + e.getMessage());
        }
        List<PhonebookEntry> out = new ArrayList<>();
        String rootName = root.getTagName();
        if (rootName.equalsIgnoreCase("AddressBook")) {
            for (Element c : descendants(root, "Contact")) {
                String name = (child(c, "FirstName") + " " + child(c, "LastName")).strip();
                List<String> numbers = new ArrayList<>();
                for (Element phone : children(c, "Phone")) {
                    numbers.add(child(phone, "phonenumber"));
                }
                add(out, name, numbers, group);
            }
            return out;
        }
        List<Element> entries = descendants(root, "DirectoryEntry");
        if (entries.isEmpty() && !Set.of("yealinkipphonedirectory", "fanvilipphonedirectory", "phonebook",
                "snomipphonedirectory", "phonedirectory").contains(rootName.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("<" + rootName + "> is not a known phonebook format");
        }
        for (Element e : entries) {
            List<String> numbers = new ArrayList<>();
            for (Element n : children(e, null)) {
                if (NUMBER_TAGS.contains(n.getTagName().toLowerCase(Locale.ROOT))) {
                    numbers.add(n.getTextContent());
                }
            }
            add(out, child(e, "Name"), numbers, group);
        }
        return out;
    }

    private static List<PhonebookEntry> csv(String text, String group) {
        List<PhonebookEntry> out = new ArrayList<>();
        boolean first = true;
        for (String line : text.split("\r\n|\n|\r")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cols = columns(line);
            if (first && cols.size() >= 2 && !NUMBER.matcher(cols.get(1).strip()).matches()
                    || first && cols.size() >= 2 && cols.get(1).strip().equalsIgnoreCase("number")) {
                first = false;
                continue;
            }
            first = false;
            if (cols.size() < 2) {
                continue;
            }
            String g = cols.size() >= 3 && !cols.get(2).isBlank() ? cols.get(2).strip() : group;
            add(out, cols.get(0), List.of(cols.get(1)), g);
        }
        return out;
    }

    /** RFC 4180 style: commas, double quotes with doubled quotes inside. */
    private static List<String> columns(String line) {
        List<String> cols = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length() && cols.size() < 16; i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',' || c == ';') {
                cols.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        cols.add(cur.toString());
        return cols;
    }

    private static void add(List<PhonebookEntry> out, String rawName, List<String> rawNumbers, String group) {
        if (out.size() >= MAX_ENTRIES) {
            return;
        }
        List<String> numbers = new ArrayList<>();
        for (String n : rawNumbers) {
            String t = n == null ? "" : n.strip().replace(" ", "");
            if (NUMBER.matcher(t).matches() && !numbers.contains(t) && numbers.size() < MAX_NUMBERS) {
                numbers.add(t);
            }
        }
        if (numbers.isEmpty()) {
            return;
        }
        String name = clean(rawName);
        out.add(new PhonebookEntry(name.isEmpty() ? numbers.get(0) : name, numbers, clean(group)));
    }

    /** Control characters out, whitespace collapsed, bounded. */
    static String clean(String s) {
        String t = (s == null ? "" : s).replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
        return t.length() > MAX_NAME ? t.substring(0, MAX_NAME) : t;
    }

    private static String child(Element parent, String tag) {
        for (Element e : children(parent, tag)) {
            return e.getTextContent();
        }
        return "";
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (tag == null || e.getTagName().equalsIgnoreCase(tag))) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Element> descendants(Element root, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName("*");
        for (int i = 0; i < all.getLength() && out.size() < MAX_ENTRIES; i++) {
            if (all.item(i) instanceof Element e && e.getTagName().equalsIgnoreCase(tag)) {
                out.add(e);
            }
        }
        return out;
    }
}
