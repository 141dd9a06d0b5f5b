package org.endpointmanager.core.urimap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.provisioning.ProvisioningService;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.core.store.DatabaseTest;
import org.endpointmanager.core.store.StoreException;
import org.endpointmanager.core.store.TemplateRecord;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.junit.jupiter.api.Test;

/** The mapping store on the three databases, path checks, and the lookup the provisioning service makes. */
class UriMappingsTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static TemplateRecord template(String id, Optional<String> vendor, Optional<String> custom) {
        return new TemplateRecord(id, "T " + id, vendor, Optional.empty(), "{}", "", custom, NOW, NOW);
    }

    private static UriMapping mapping(String id, String path, String templateId, Optional<String> vendor) {
        return new UriMapping(id, path, templateId, vendor, "", NOW, NOW);
    }

    @DatabaseTest
    void storeLookupAndValidationOnEveryDatabase(Database db) {
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        UriMappings mappings = new UriMappings(new UriMappingStore(db.jdbi()), db.templates(), vendors,
                Clock.fixed(NOW, ZoneOffset.UTC));
        try {
            db.templates().insert(template("t-custom", Optional.of("example"), Optional.of("user = {SIP_NUM}\n")));
            db.templates().insert(template("t-plain", Optional.empty(), Optional.empty()));

            UriMapping a = mapping("m1", "y000000000028.cfg", "t-custom", Optional.empty());
            assertEquals("example", mappings.validate(a));
            mappings.insert(a);
            ProvisioningService.MappedPath found = mappings.find("y000000000028.cfg").orElseThrow();
            assertEquals("example", found.vendor());
            assertEquals("t-custom", found.template().id());
            assertTrue(mappings.find("Y000000000028.cfg").isEmpty(), "names match exactly");

            StoreException dup = assertThrows(StoreException.class,
                    () -> mappings.insert(mapping("m2", "y000000000028.cfg", "t-plain", Optional.of("example"))));
            assertEquals(StoreException.Kind.DUPLICATE, dup.kind());
            assertTrue(mappings.pathTaken("y000000000028.cfg", "m2"));
            assertFalse(mappings.pathTaken("y000000000028.cfg", "m1"));

            IllegalArgumentException noVendor = assertThrows(IllegalArgumentException.class,
                    () -> mappings.validate(mapping("m3", "legacy.cfg", "t-plain", Optional.empty())));
            assertTrue(noVendor.getMessage().startsWith("vendor:"), noVendor.getMessage());
            IllegalArgumentException otherVendor = assertThrows(IllegalArgumentException.class,
                    () -> mappings.validate(mapping("m3", "legacy.cfg", "t-custom", Optional.of("yealink"))));
            assertTrue(otherVendor.getMessage().startsWith("vendor:"), otherVendor.getMessage());

            UriMapping b = mapping("m3", "legacy.cfg", "t-plain", Optional.of("example"));
            mappings.insert(b);
            assertEquals("example", mappings.find("legacy.cfg").orElseThrow().vendor());
            assertTrue(mappings.update(new UriMapping("m3", "renamed.cfg", "t-plain", Optional.of("example"), "n",
                    NOW, NOW)));
            assertTrue(mappings.find("legacy.cfg").isEmpty());
            assertEquals(List.of("renamed.cfg", "y000000000028.cfg"),
                    mappings.store().list().stream().map(UriMapping::path).toList());
            assertEquals(StoreException.Kind.IN_USE, assertThrows(StoreException.class,
                    () -> db.templates().delete("t-plain")).kind(), "a mapped template stays");
            assertTrue(mappings.delete("m3"));
            assertFalse(mappings.delete("m3"));
            assertTrue(mappings.find("renamed.cfg").isEmpty());
        } finally {
            // the shared clean-up between tests does not know this table
            db.jdbi().useHandle(h -> h.execute("DELETE FROM endpoint_uri_mappings"));
        }
    }

    @Test
    void pathsAreOneSegmentAndNeverABareMac() {
        UriMappings.checkPath("y000000000028.cfg");
        UriMappings.checkPath("cfg.xml");
        for (String bad : List.of("../x", "a/b", "805ec0123456", "80:5e:c0:12:34:56", ".x", "", "a b", "x".repeat(129))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UriMappings.checkPath(bad), bad);
            assertTrue(e.getMessage().startsWith("path:"), e.getMessage());
        }
    }

    @Test
    void aMacInANameIsExactlyOneRunOfTwelveHexDigits() {
        assertEquals(Optional.of(MacAddress.parse("805ec0123456")), UriMappings.macIn("phone-805ec0123456.cfg"));
        assertEquals(Optional.of(MacAddress.parse("805ec0123456")), UriMappings.macIn("cfg805EC0123456.xml"));
        assertEquals(Optional.empty(), UriMappings.macIn("a805ec01234567.cfg"), "13 hex digits are no MAC");
        assertEquals(Optional.empty(), UriMappings.macIn("805ec0123456-805ec0654321.cfg"), "two MACs: neither");
        assertEquals(Optional.empty(), UriMappings.macIn("cfg.xml"));
    }
}
