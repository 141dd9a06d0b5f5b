package org.endpointmanager.core.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.endpointmanager.api.vendor.RequestInfo;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.junit.jupiter.api.Test;

class VendorRegistryTest {

    @Test
    void installedPluginIsFoundByIdAndOui() {
        VendorRegistry r = new VendorRegistry();
        r.install(new ExampleVendorPlugin());
        assertEquals("example", r.require("example").id());
        assertEquals("example", r.byOui("02e3a1").orElseThrow().id());
        assertTrue(r.byOui("000000").isEmpty());
    }

    @Test
    void duplicateIdFailsNamingBothClasses() {
        VendorRegistry r = new VendorRegistry();
        r.install(new ExampleVendorPlugin());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.install(new ExampleVendorPlugin()));
        assertTrue(e.getMessage().contains("duplicate vendor id 'example'"), e.getMessage());
        assertTrue(e.getMessage().contains(ExampleVendorPlugin.class.getName()));
    }

    @Test
    void unknownVendorNamesTheJarToAdd() {
        VendorRegistry r = new VendorRegistry();
        UnknownVendorException e = assertThrows(UnknownVendorException.class, () -> r.require("polycom"));
        assertTrue(e.getMessage().contains("vendor-polycom"), e.getMessage());
    }

    @Test
    void serviceLoaderFindsNothingWithoutVendorJars() {
        // Core's own test classpath has no META-INF/services entry for vendors: discovery is explicit.
        VendorRegistry r = VendorRegistry.load(getClass().getClassLoader());
        assertTrue(r.find("yealink").isEmpty());
    }

    @Test
    void recognitionAsksEveryPlugin() {
        VendorRegistry r = new VendorRegistry();
        r.install(new ExampleVendorPlugin());
        var hits = r.recognise(new RequestInfo("example-02e3a1123456.cfg", Optional.empty(), "http"));
        assertEquals(1, hits.size());
        assertTrue(r.recognise(new RequestInfo("y000000000000.boot", Optional.empty(), "http")).isEmpty());
    }
}
