package org.endpointmanager.vendor.snom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.endpointmanager.api.vendor.RawParameter;
import org.endpointmanager.api.vendor.RawParameters;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Seed 002's Snom reference output (kept verbatim in test resources) against what the plug-in
 * renders for the same inputs with no template and no additional parameters.
 */
class SnomSeedReferenceTest {

    @Test
    void everyReferenceElementIsRenderedWithTheSameParentIdxPermAndValueInTheSameOrder() {
        String reference = SnomFiles.resource("seed-002-snom-reference.xml");
        String rendered = SnomTestSupport.render("000413A11FA7.xml", SnomGoldenFileTest.seedReferenceProfile(),
                "D785").body();
        List<String> want = describe(reference);
        List<String> got = describe(rendered);
        int at = 0;
        for (String w : want) {
            int found = got.subList(at, got.size()).indexOf(w);
            assertTrue(found >= 0, () -> "missing or out of order: " + w + "\nrendered:\n" + rendered);
            at += found + 1;
        }
    }

    @Test
    void theSeedsAdditionalParametersExampleSwitchesTo24HourTime() {
        RawParameters raw = new RawParameters(Map.of(
                "snom", List.of(new RawParameter("time_24_format", "on")),
                "snom-phone-settings", List.of(new RawParameter("dialplan_active", "on"))));
        String body = SnomTestSupport.render("000413A11FA7.xml", SnomGoldenFileTest.seedReferenceProfile(),
                "D785", raw, Optional.empty()).body();
        assertTrue(body.contains("    <time_24_format perm=\"R\">on</time_24_format>\n    <phone-settings>"), body);
        assertTrue(body.contains("<dialplan_active perm=\"RW\">on</dialplan_active>\n    </phone-settings>"), body);
        assertEquals(1, body.split("<time_24_format").length - 1, "replaced, not added");
    }

    /** Each element as parent/name[idx]{perm}=value, in document order. */
    private static List<String> describe(String xml) {
        List<String> out = new ArrayList<>();
        Element root = SnomFiles.parse(xml).getDocumentElement();
        for (Element e : SnomFiles.children(root)) {
            if (e.getTagName().equals("phone-settings")) {
                SnomFiles.children(e).forEach(c -> out.add("phone-settings/" + text(c)));
            } else {
                out.add("settings/" + text(e));
            }
        }
        return out;
    }

    private static String text(Element e) {
        if (e.getTagName().equals("phone-settings")) {
            return "phone-settings";
        }
        return e.getTagName() + "[" + e.getAttribute("idx") + "]{" + e.getAttribute("perm") + "}=" + e.getTextContent();
    }
}
