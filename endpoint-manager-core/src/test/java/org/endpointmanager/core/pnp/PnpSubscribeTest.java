package org.endpointmanager.core.pnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.junit.jupiter.api.Test;

/** The strict reading of PnP SUBSCRIBEs, in the forms real phones send and in broken ones. */
class PnpSubscribeTest {

    private static Optional<PnpSubscribe> read(String text) throws MalformedSipException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return PnpSubscribe.from(SipParser.parse(b, b.length));
    }

    private static String subscribe(String macUser) {
        return FakePhone.subscribe(macUser, "Yealink", "T46S", "66.86.0.15", "a1", "192.0.2.5:5060", "192.0.2.5:5060");
    }

    @Test
    void readsTheMacInEverySpellingPhonesSend() throws Exception {
        assertEquals(MacAddress.parse("001565f4f9e1"), read(subscribe("MAC001565f4f9e1")).orElseThrow().mac());
        assertEquals(MacAddress.parse("c074ad112233"), read(subscribe("MAC%3AC074AD112233")).orElseThrow().mac());
        assertEquals(MacAddress.parse("000413a11fa7"), read(subscribe("MAC%3a000413A11FA7")).orElseThrow().mac());
        String onlyInFrom = subscribe("MAC%3a000413A11FA7").replace("SUBSCRIBE sip:MAC%3a000413A11FA7@", "SUBSCRIBE sip:pnp@")
                .replace("To: <sip:MAC%3a000413A11FA7@", "To: <sip:pnp@");
        assertEquals(MacAddress.parse("000413a11fa7"), read(onlyInFrom).orElseThrow().mac());
        PnpSubscribe s = read(subscribe("MAC001565f4f9e1")).orElseThrow();
        assertEquals(Optional.of("Yealink"), s.eventVendor());
        assertEquals(Optional.of("T46S"), s.model());
        assertEquals(Optional.of("66.86.0.15"), s.version());
        assertEquals("192.0.2.5", s.viaHost());
        assertEquals("sip:192.0.2.5:5060", s.contact().text());
    }

    @Test
    void acceptsCompactHeadersAndBareLineFeeds() throws Exception {
        String compact = subscribe("MAC001565f4f9e1").replace("Via:", "v:").replace("From:", "f:").replace("To:", "t:")
                .replace("Call-ID:", "i:").replace("Contact:", "m:").replace("Event:", "o:").replace("\r\n", "\n");
        assertEquals(MacAddress.parse("001565f4f9e1"), read(compact).orElseThrow().mac());
    }

    @Test
    void otherRequestsAreNotPnp() throws Exception {
        assertTrue(read(subscribe("MAC001565f4f9e1").replace("Event: ua-profile", "Event: presence")).isEmpty());
        assertTrue(read(subscribe("MAC001565f4f9e1").replace("SUBSCRIBE sip:", "OPTIONS sip:")
                .replace("1 SUBSCRIBE", "1 OPTIONS")).isEmpty());
    }

    @Test
    void refusesBrokenOrContradictoryRequests() {
        String good = subscribe("MAC001565f4f9e1");
        for (String bad : new String[] {
            good.replace("To: <sip:MAC001565f4f9e1", "To: <sip:MAC001565f4f9e2"),
            good.replace("MAC001565f4f9e1", "alice"),
            good.replace("MAC001565f4f9e1", "MAC%ZZ1565f4f9e1"),
            good.replace("profile-type=\"device\"", "profile-type=\"user\""),
            good.replace("Call-ID: a1@phone\r\n", ""),
            good.replace("SIP/2.0/UDP", "SIP/2.0/TCP"),
            good.replace("CSeq: 1 SUBSCRIBE", "CSeq: x SUBSCRIBE"),
            good.replace("Content-Length: 0", "Content-Length: 99"),
            good.replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\n 71\r\n"),
            good.replace("vendor=\"Yealink\"", "vendor=\"Yea\"link\""),
            good.replace("T46S", "T46\u00e9"),
            good.replace(";tag=a1tag", ""),
            good.replace("\r\n\r\n", "\r\n"),
            "SIP/2.0 200\r\n\r\n",
        }) {
            assertThrows(MalformedSipException.class, () -> read(bad), bad);
        }
        assertThrows(MalformedSipException.class, () -> SipParser.parse(new byte[SipParser.MAX_BYTES + 1], SipParser.MAX_BYTES + 1));
    }

    @Test
    void urlFormsPerVendor() {
        assertEquals("http://pbx/provision/", PnpUrlForms.url("yealink", "http://pbx/provision"));
        assertEquals("http://pbx/provision/", PnpUrlForms.url("grandstream", "http://pbx/provision/"));
        assertEquals("http://pbx/provision/", PnpUrlForms.url("fanvil", "http://pbx/provision"));
        assertEquals("http://pbx/provision/", PnpUrlForms.url("htek", "http://pbx/provision"));
        assertEquals("http://pbx/provision/{mac}.xml", PnpUrlForms.url("snom", "http://pbx/provision"));
    }
}
