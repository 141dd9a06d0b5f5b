package org.endpointmanager.vendor.fanvil;

import java.util.List;
import org.endpointmanager.api.render.Escaping;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.endpointmanager.api.vendor.RenderedFile;

/**
 * The remote phonebook as {@code <FanvilIPPhoneDirectory>} with a {@code <DirectoryEntry>} per
 * contact and a {@code <Telephone>} per number (whether phones read more than the first is
 * unconfirmed). The format has no title element. The SPI gives phonebook rendering no template
 * engine, so the fixed shape is written here with XML escaping.
 */
final class FanvilPhonebook {

    private FanvilPhonebook() {
    }

    static RenderedFile render(String title, List<PhonebookEntry> entries) {
        StringBuilder b = new StringBuilder(128 + entries.size() * 96);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FanvilIPPhoneDirectory>\n");
        for (PhonebookEntry e : entries) {
            b.append("  <DirectoryEntry>\n    <Name>").append(Escaping.XML.escape(e.name())).append("</Name>\n");
            for (String n : e.numbers()) {
                b.append("    <Telephone>").append(Escaping.XML.escape(n)).append("</Telephone>\n");
            }
            b.append("  </DirectoryEntry>\n");
        }
        b.append("</FanvilIPPhoneDirectory>\n");
        return RenderedFile.xml(b.toString());
    }
}
