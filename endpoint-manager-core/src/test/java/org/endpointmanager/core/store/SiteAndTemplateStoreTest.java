package org.endpointmanager.core.store;

import static org.endpointmanager.core.store.Fixtures.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

class SiteAndTemplateStoreTest {

    @DatabaseTest
    void defaultSiteExistsAndCannotBeDeleted(Database db) {
        SiteRecord site = db.sites().find(SiteRecord.DEFAULT_ID).orElseThrow();
        assertEquals("Default", site.name());
        assertEquals(List.of(), site.subnets());

        StoreException e = assertThrows(StoreException.class, () -> db.sites().delete(SiteRecord.DEFAULT_ID));
        assertEquals(StoreException.Kind.IN_USE, e.kind());
        assertTrue(db.sites().find(SiteRecord.DEFAULT_ID).isPresent());
    }

    @DatabaseTest
    void siteInsertUpdateAndDuplicateName(Database db) {
        SiteRecord branch = db.sites().insert(Fixtures.site("Branch", List.of("10.1.0.0/16", "2001:db8::/32")));
        assertEquals(Optional.of(branch), db.sites().find(branch.id()));
        assertEquals(List.of("10.1.0.0/16", "2001:db8::/32"), branch.subnets());
        assertEquals(List.of("Branch", "Default"), db.sites().list().stream().map(SiteRecord::name).toList());

        StoreException dup = assertThrows(StoreException.class,
                () -> db.sites().insert(Fixtures.site("Branch", List.of())));
        assertEquals(StoreException.Kind.DUPLICATE, dup.kind());

        TemplateRecord t = db.templates().insert(Fixtures.template("Branch phones"));
        SiteRecord renamed = db.sites().update(new SiteRecord(branch.id(), "Branch office", List.of("10.2.0.0/16"),
                Optional.of(t.id()), branch.createdAt(), branch.updatedAt()));
        assertEquals("Branch office", renamed.name());
        assertEquals(List.of("10.2.0.0/16"), renamed.subnets());
        assertEquals(Optional.of(t.id()), renamed.defaultTemplateId());

        StoreException taken = assertThrows(StoreException.class, () -> db.sites().update(new SiteRecord(
                branch.id(), "Default", List.of(), Optional.empty(), branch.createdAt(), branch.updatedAt())));
        assertEquals(StoreException.Kind.DUPLICATE, taken.kind());
        StoreException missing = assertThrows(StoreException.class,
                () -> db.sites().update(Fixtures.site("Nowhere", List.of())));
        assertEquals(StoreException.Kind.NOT_FOUND, missing.kind());
    }

    @DatabaseTest
    void siteWithDevicesIsInUse(Database db) {
        SiteRecord branch = db.sites().insert(Fixtures.site("Branch", List.of()));
        DeviceRecord d = db.devices().insert(device("805ec0aaaaaa", "yealink", "T46S", "x", branch.id(), List.of()));

        StoreException e = assertThrows(StoreException.class, () -> db.sites().delete(branch.id()));
        assertEquals(StoreException.Kind.IN_USE, e.kind());

        assertTrue(db.devices().delete(d.mac()));
        assertTrue(db.sites().delete(branch.id()));
        assertEquals(Optional.empty(), db.sites().find(branch.id()));
        assertFalse(db.sites().delete(branch.id()));
    }

    @DatabaseTest
    void templateInUseCannotBeDeleted(Database db) {
        TemplateRecord used = db.templates().insert(Fixtures.template("Yealink office"));
        TemplateRecord siteDefault = db.templates().insert(Fixtures.template("Site default"));
        TemplateRecord unused = db.templates().insert(Fixtures.template("Unused"));
        db.devices().insert(Fixtures.withTemplate(device("805ec0bbbbbb", "x"), Optional.of(used.id())));
        db.sites().insert(new SiteRecord(Fixtures.id(), "Branch", List.of(), Optional.of(siteDefault.id()),
                Fixtures.T0, Fixtures.T0));

        assertEquals(StoreException.Kind.IN_USE,
                assertThrows(StoreException.class, () -> db.templates().delete(used.id())).kind());
        assertEquals(StoreException.Kind.IN_USE,
                assertThrows(StoreException.class, () -> db.templates().delete(siteDefault.id())).kind());
        assertTrue(db.templates().delete(unused.id()));
        assertFalse(db.templates().delete(unused.id()));
        assertEquals(List.of("Site default", "Yealink office"),
                db.templates().list().stream().map(TemplateRecord::name).toList());
    }

    @DatabaseTest
    void templateRoundTripsAndDuplicateNameIsRefused(Database db) {
        TemplateRecord t = db.templates().insert(new TemplateRecord(Fixtures.id(), "Any vendor", Optional.empty(),
                Optional.of(SiteRecord.DEFAULT_ID), "{}", "a=1\nb=2\n", Optional.empty(), Fixtures.T0, Fixtures.T0));
        assertEquals(Optional.of(t), db.templates().find(t.id()));
        assertEquals(Optional.empty(), t.vendor());
        assertEquals(Optional.of(SiteRecord.DEFAULT_ID), t.siteId());
        assertEquals("a=1\nb=2\n", t.rawParameters());

        assertEquals(StoreException.Kind.DUPLICATE, assertThrows(StoreException.class,
                () -> db.templates().insert(Fixtures.template("Any vendor"))).kind());
        TemplateRecord changed = db.templates().update(new TemplateRecord(t.id(), "Renamed", Optional.of("snom"),
                Optional.empty(), "{\"x\":1}", "", Optional.of("custom"), t.createdAt(), t.updatedAt()));
        assertEquals(Optional.of("custom"), changed.customTemplate());
        assertEquals(Optional.of("snom"), changed.vendor());
        assertEquals(StoreException.Kind.NOT_FOUND, assertThrows(StoreException.class,
                () -> db.templates().update(Fixtures.template("ghost"))).kind());
    }
}
