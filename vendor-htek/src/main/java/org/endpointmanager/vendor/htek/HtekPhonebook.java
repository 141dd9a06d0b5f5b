package org.endpointmanager.vendor.htek;

import java.util.List;
import org.endpointmanager.api.render.Escaping;
import org.endpointmanager.api.vendor.PhonebookEntry;

/**
 * Writes Htek's {@code <PhoneDirectory>} phonebook. {@code renderPhonebook} gets no template
 * engine, so the document is written here, every value through {@link Escaping#XML}.
 */
final class HtekPhonebook {

    private HtekPhonebook() {
    }

    static String render(List<PhonebookEntry> entries) {
        StringBuilder b = new StringBuilder(128 + entries.size() * 120);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PhoneDirectory>\n");
        for (PhonebookEntry e : entries) {
            b.append("  <DirectoryEntry>\n");
            b.append("    <Name>").append(xml(e.name())).append("</Name>\n");
            for (String number : e.numbers()) {
                b.append("    <Telephone>").append(xml(number)).append("</Telephone>\n");
            }
            b.append("  </DirectoryEntry>\n");
        }
        b.append("</PhoneDirectory>\n");
        return b.toString();
    }

    private static String xml(String value) {
        return Escaping.XML.escape(Values.flat(value).strip());
    }
}
