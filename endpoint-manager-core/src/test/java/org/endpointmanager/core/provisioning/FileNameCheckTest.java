package org.endpointmanager.core.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written file-name check accepts exactly what the rule's regular expression accepts. */
class FileNameCheckTest {

    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    @Test
    void agreesWithTheRuleOnSeededRandomNames() {
        String alphabet = "aZ09._:-/ \\%\u00e9\u0000\n?#";
        Random random = new Random(20261123);
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(140);
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < length; j++) {
                b.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            String name = b.toString();
            assertEquals(RULE.matcher(name).matches(), ProvisioningService.isFileName(name), name);
        }
        assertEquals(false, ProvisioningService.isFileName(""));
        assertEquals(true, ProvisioningService.isFileName("x".repeat(128)));
        assertEquals(false, ProvisioningService.isFileName("x".repeat(129)));
        assertEquals(true, ProvisioningService.isFileName("cfg000b82100002.xml"));
        assertEquals(false, ProvisioningService.isFileName("../etc/passwd"));
    }
}
