package org.endpointmanager.vendor.snom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.testkit.Profiles;
import org.junit.jupiter.api.Test;

/** Whole rendered files against golden copies in src/test/resources. */
class SnomGoldenFileTest {

    /**
     * Seed 002's reference device: extension 203, Irina Smirnova, on 172.16.32.225 with voicemail
     * {@code *001}, rendered with no template and no additional parameters.
     */
    static Profile seedReferenceProfile() {
        Line line = Line.of(1, "", "Irina Smirnova", "203", Secret.of("3256157a99f176eb959ef9c1fdd947f0"),
                "172.16.32.225", 5060);
        return Profile.builder().lines(List.of(line)).voicemailNumber("*001").build();
    }

    @Test
    void fullProfileOnD785() throws Exception {
        assertGolden("golden/full-D785.xml",
                SnomTestSupport.render("000413A1B2C3.xml", Profiles.everyField(), "D785").body());
    }

    @Test
    void seedReferenceDevice() throws Exception {
        assertGolden("golden/seed-002-reference.xml",
                SnomTestSupport.render("000413A11FA7.xml", seedReferenceProfile(), "D785").body());
    }

    private static void assertGolden(String name, String actual) throws Exception {
        if ("1".equals(System.getenv("SNOM_GOLDEN_WRITE"))) {
            Path p = Path.of("src/test/resources/org/endpointmanager/vendor/snom", name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual);
        }
        assertEquals(SnomFiles.resource(name), actual, name);
    }
}
