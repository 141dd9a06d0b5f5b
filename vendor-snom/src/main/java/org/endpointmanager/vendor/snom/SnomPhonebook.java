package org.endpointmanager.vendor.snom;

import java.util.List;
import org.endpointmanager.api.render.Escaping;
import org.endpointmanager.api.vendor.PhonebookEntry;

/**
 * Writes a {@code <SnomIPPhoneDirectory>}. The SPI hands phonebooks no template engine, so the
 * XML is written here, every value through {@link Escaping#XML}.
 */
final class SnomPhonebook {
    private SnomPhonebook() {
    }

    static String render(String title, List<PhonebookEntry> entries) {
        StringBuilder b = new StringBuilder(128 + entries.size() * 96);
        b.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<SnomIPPhoneDirectory>\n");
        b.append("    <Title>").append(Escaping.XML.escape(title)).append("</Title>\n");
        for (PhonebookEntry e : entries) {
            // a Snom entry holds one Telephone: further numbers become entries of the same name
            for (String number : e.numbers()) {
                b.append("    <DirectoryEntry>\n");
                b.append("        <Name>").append(Escaping.XML.escape(e.name())).append("</Name>\n");
                b.append("        <Telephone>").append(Escaping.XML.escape(number)).append("</Telephone>\n");
                b.append("    </DirectoryEntry>\n");
            }
        }
        return b.append("</SnomIPPhoneDirectory>\n").toString();
    }
}
