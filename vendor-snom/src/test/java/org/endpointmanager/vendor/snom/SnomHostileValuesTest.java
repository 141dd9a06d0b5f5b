package org.endpointmanager.vendor.snom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.endpointmanager.testkit.Profiles;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class SnomHostileValuesTest {

    @Test
    void hostileProfileAddsNoElementAndKeepsValuesAsText() {
        String plain = SnomTestSupport.render("000413A11FA7.xml", Profiles.everyField(), "D785").body();
        String hostile = SnomTestSupport.render("000413A11FA7.xml", Profiles.hostile(), "D785").body();
        Map<String, String> p = SnomFiles.settings(plain);
        Map<String, String> h = SnomFiles.settings(hostile);
        // the hostile language and codec names are not Snom's, so those settings are left out
        assertEquals(p.keySet().stream().filter(k -> !k.contains("language") && !k.startsWith("codec_")).toList(),
                h.keySet().stream().toList(), "same elements, in the same order");
        assertTrue(h.get("user_realname[1]").startsWith("Alice Example\naccount.1.password = pwned"));
        assertTrue(h.get("fkey[0]").contains("</settings>"), "markup stays text");
        Element fkey = SnomFiles.children(SnomFiles.children(SnomFiles.parse(hostile).getDocumentElement()).get(2)).get(0);
        // XML turns a line break inside an attribute into a space when it reads the attribute
        assertTrue(fkey.getAttribute("label").startsWith("Carol account.1.password = pwned"),
                "label attribute holds the hostile text");
        assertEquals(4, fkey.getAttributes().getLength(), "idx, context, label and perm only");
    }

    @Test
    void phonebookEscapesAndSplitsNumbers() {
        String body = SnomTestSupport.PLUGIN.renderPhonebook("Staff & <friends>", List.of(
                new PhonebookEntry("Alice </Name><Telephone>666", List.of("1001", "+49 30 1234"), ""),
                new PhonebookEntry("Bob", List.of("1002"), "site"))).orElseThrow().body();
        Element root = SnomFiles.parse(body).getDocumentElement();
        assertEquals("SnomIPPhoneDirectory", root.getTagName());
        List<Element> children = SnomFiles.children(root);
        assertEquals("Staff & <friends>", children.get(0).getTextContent());
        assertEquals(4, children.size(), "title and three entries");
        Element first = children.get(1);
        assertEquals("Alice </Name><Telephone>666", SnomFiles.children(first).get(0).getTextContent());
        assertEquals("1001", SnomFiles.children(first).get(1).getTextContent());
        assertEquals("+49 30 1234", SnomFiles.children(children.get(2)).get(1).getTextContent());
    }
}
