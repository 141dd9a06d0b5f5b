package org.endpointmanager.vendor.yealink;

import java.util.List;
import org.endpointmanager.api.render.Escaping;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.endpointmanager.api.vendor.RenderedFile;

/**
 * The remote phonebook as {@code <YealinkIPPhoneDirectory>}, one {@code <DirectoryEntry>} per
 * contact with a {@code <Telephone>} per number. The SPI hands no template engine to phonebook
 * rendering, so the fixed shape is written here with the same XML escaping templates use. The
 * format has no title element, so the title is not written.
 */
final class YealinkPhonebook {

    private YealinkPhonebook() {
    }

    static RenderedFile render(String title, List<PhonebookEntry> entries) {
        StringBuilder b = new StringBuilder(128 + entries.size() * 96);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<YealinkIPPhoneDirectory>\n");
        for (PhonebookEntry e : entries) {
            b.append("  <DirectoryEntry>\n    <Name>").append(Escaping.XML.escape(e.name())).append("</Name>\n");
            for (String n : e.numbers()) {
                b.append("    <Telephone>").append(Escaping.XML.escape(n)).append("</Telephone>\n");
            }
            b.append("  </DirectoryEntry>\n");
        }
        b.append("</YealinkIPPhoneDirectory>\n");
        return RenderedFile.xml(b.toString());
    }
}
