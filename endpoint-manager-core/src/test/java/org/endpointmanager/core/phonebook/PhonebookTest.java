package org.endpointmanager.core.phonebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.host.Extension;
import org.endpointmanager.api.vendor.PhonebookEntry;
import org.endpointmanager.core.config.EndpointManagerConfig;
import org.endpointmanager.core.security.OutboundAddressGuard;
import org.endpointmanager.core.security.SecretBox;
import org.endpointmanager.core.store.Database;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phonebook sources: every vendor format and CSV parse, fetches pass the guard, the last good copy survives. */
class PhonebookTest {

    @TempDir
    Path root;

    @Test
    void parsesEveryVendorFormatAndCsv() {
        String yealink = "<YealinkIPPhoneDirectory><DirectoryEntry><Name>Ann</Name><Telephone>201</Telephone>"
                + "<Telephone>+4930123</Telephone></DirectoryEntry></YealinkIPPhoneDirectory>";
        String fanvil = "<PhoneBook><DirectoryEntry><Name>Bob</Name><Telephone>202</Telephone><Mobile>0170 1234</Mobile>"
                + "</DirectoryEntry></PhoneBook>";
        String fanvil2 = "<FanvilIPPhoneDirectory><DirectoryEntry><Name>Bo</Name><Telephone>212</Telephone>"
                + "</DirectoryEntry></FanvilIPPhoneDirectory>";
        String snom = "<SnomIPPhoneDirectory><Title>x</Title><DirectoryEntry><Name>Cy</Name><Telephone>203</Telephone>"
                + "</DirectoryEntry></SnomIPPhoneDirectory>";
        String htek = "<PhoneDirectory><DirectoryEntry><Name>Di</Name><Telephone>204</Telephone></DirectoryEntry></PhoneDirectory>";
        String grandstream = "<AddressBook><version>1</version><Contact><FirstName>Eve</FirstName><LastName>Lee</LastName>"
                + "<Phone type=\"Work\"><phonenumber>205</phonenumber><accountindex>1</accountindex></Phone></Contact></AddressBook>";
        assertEquals(List.of(new PhonebookEntry("Ann", List.of("201", "+4930123"), "g")), parse(yealink));
        assertEquals(List.of(new PhonebookEntry("Bob", List.of("202", "01701234"), "g")), parse(fanvil));
        assertEquals("Bo", parse(fanvil2).get(0).name());
        assertEquals(List.of(new PhonebookEntry("Cy", List.of("203"), "g")), parse(snom));
        assertEquals(List.of(new PhonebookEntry("Di", List.of("204"), "g")), parse(htek));
        assertEquals(List.of(new PhonebookEntry("Eve Lee", List.of("205"), "g")), parse(grandstream));
        List<PhonebookEntry> csv = PhonebookParser.parse("name,number,group\n\"Doe, Jane\",301,Sales\nJoe,302\nbad line\n"
                .getBytes(StandardCharsets.UTF_8), PhonebookFormat.AUTO, "g");
        assertEquals(List.of(new PhonebookEntry("Doe, Jane", List.of("301"), "Sales"), new PhonebookEntry("Joe", List.of("302"), "g")), csv);
    }

    @Test
    void refusesDoctype() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<YealinkIPPhoneDirectory><DirectoryEntry><Name>&e;</Name><Telephone>1</Telephone></DirectoryEntry>"
                + "</YealinkIPPhoneDirectory>";
        assertThrows(IllegalArgumentException.class, () -> parse(xxe));
        assertThrows(IllegalArgumentException.class, () -> parse("<html><body/></html>"));
    }

    private static List<PhonebookEntry> parse(String xml) {
        return PhonebookParser.parse(xml.getBytes(StandardCharsets.UTF_8), PhonebookFormat.AUTO, "g");
    }

    @Test
    void fetchesThroughTheGuardAndKeepsTheLastGoodCopy() throws Exception {
        AtomicReference<String> body = new AtomicReference<>("Alice,401\nBob,402\n");
        AtomicReference<Integer> status = new AtomicReference<>(200);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/pb.csv", ex -> {
            byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
            if (status.get() == 302) {
                ex.getResponseHeaders().add("Location", "http://169.254.169.254/");
            }
            ex.sendResponseHeaders(status.get(), status.get() == 200 ? b.length : -1);
            if (status.get() == 200) {
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        server.start();
        TestingHostContext host = new TestingHostContext(root);
        host.addExtension(new Extension("1001", "1001", Secret.of("x"), "Reception"));
        try (Database db = Database.open(new EndpointManagerConfig.Database("jdbc:sqlite:pb.db", Optional.empty(),
                Optional.empty(), 1), root, SecretBox.open(root.resolve("k"), Optional.empty()))) {
            PhonebookSourceStore store = new PhonebookSourceStore(db.jdbi());
            GuardedHttpFetcher fetcher = new GuardedHttpFetcher(new OutboundAddressGuard(List.of(), true),
                    Duration.ofSeconds(2), Duration.ofSeconds(5), 100_000);
            PhonebookService service = new PhonebookService(store, host.userDirectory(), fetcher, Clock.systemUTC());
            Instant now = Instant.now();
            store.insert(new PhonebookSource("s1", "Branch", "http://127.0.0.1:" + server.getAddress().getPort() + "/pb.csv",
                    PhonebookFormat.CSV, true, 60, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), now, now));

            service.refreshDue();
            List<PhonebookEntry> all = service.entries();
            int extensions = host.userDirectory().all().size();
            assertEquals(extensions + 2, all.size());
            assertTrue(all.contains(new PhonebookEntry("Reception", List.of("1001"), "Extensions")), all.toString());
            assertEquals(List.of(new PhonebookEntry("Alice", List.of("401"), "Branch"), new PhonebookEntry("Bob", List.of("402"), "Branch")),
                    all.subList(extensions, extensions + 2));

            status.set(500);
            PhonebookSource failed = service.refresh("s1").orElseThrow();
            assertTrue(failed.lastError().orElseThrow().contains("500"), failed.lastError().toString());
            assertEquals(extensions + 2, service.entries().size(), "the last good copy stays while the source is down");

            status.set(302);
            assertTrue(service.refresh("s1").orElseThrow().lastError().orElseThrow().contains("redirect"));
            server.stop(0);
            assertTrue(service.refresh("s1").orElseThrow().lastError().isPresent());
            assertEquals(extensions + 2, service.entries().size());

            GuardedHttpFetcher strict = new GuardedHttpFetcher(new OutboundAddressGuard(List.of(), false),
                    Duration.ofSeconds(2), Duration.ofSeconds(5), 100_000);
            assertThrows(SecurityException.class, () -> strict.get("http://127.0.0.1:1/pb.csv"));
            assertThrows(SecurityException.class, () -> strict.get("http://169.254.169.254/latest/meta-data"));
        } finally {
            server.stop(0);
        }
    }
}
