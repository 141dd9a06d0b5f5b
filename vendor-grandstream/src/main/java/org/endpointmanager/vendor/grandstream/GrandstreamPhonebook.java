package org.endpointmanager.vendor.grandstream;

import java.util.List;
import org.endpointmanager.api.render.Escaping;
import org.endpointmanager.api.vendor.PhonebookEntry;

/**
 * Writes Grandstream's {@code <AddressBook>} phonebook. {@code renderPhonebook} gets no template
 * engine, so the document is written here, every value through {@link Escaping#XML}.
 */
final class GrandstreamPhonebook {

    /** Phone types in the order an entry's numbers take them; further numbers are dropped. */
    private static final List<String> PHONE_TYPES = List.of("Work", "Cell", "Home");

    private GrandstreamPhonebook() {
    }

    static String render(List<PhonebookEntry> entries) {
        StringBuilder b = new StringBuilder(128 + entries.size() * 200);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AddressBook>\n");
        for (PhonebookEntry e : entries) {
            String name = Values.flat(e.name()).strip();
            int space = name.indexOf(' ');
            String first = space > 0 ? name.substring(0, space) : name;
            String last = space > 0 ? name.substring(space + 1).strip() : "";
            b.append("  <Contact>\n");
            b.append("    <FirstName>").append(xml(first)).append("</FirstName>\n");
            b.append("    <LastName>").append(xml(last)).append("</LastName>\n");
            for (int i = 0; i < e.numbers().size() && i < PHONE_TYPES.size(); i++) {
                b.append("    <Phone type=\"").append(PHONE_TYPES.get(i)).append("\">\n");
                b.append("      <phonenumber>").append(xml(Values.flat(e.numbers().get(i)).strip()))
                        .append("</phonenumber>\n");
                b.append("      <accountindex>1</accountindex>\n");
                b.append("    </Phone>\n");
            }
            b.append("  </Contact>\n");
        }
        b.append("</AddressBook>\n");
        return b.toString();
    }

    private static String xml(String value) {
        return Escaping.XML.escape(value);
    }
}
