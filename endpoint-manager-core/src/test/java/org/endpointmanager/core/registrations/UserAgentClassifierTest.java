package org.endpointmanager.core.registrations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserAgentClassifierTest {

    private final UserAgentClassifier classifier = classifier();

    private static UserAgentClassifier classifier() {
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        return new UserAgentClassifier(vendors);
    }

    private DeviceType type(String ua, String transport) {
        return classifier.classify(Optional.of(ua), transport).type();
    }

    @Test
    void seed003PolycomIsHardwareWithManufacturerAndModel() {
        UaClassification c = classifier.classify(Optional.of("PolycomVVX-VVX_450-UA/6.4.5"), "udp");
        assertEquals(DeviceType.HARDWARE, c.type());
        assertEquals(Optional.of("Polycom"), c.manufacturer());
        assertEquals(Optional.of("VVX 450"), c.model());
    }

    @Test
    void seed003JsSipIsWebrtc() {
        assertEquals(DeviceType.WEBRTC, type("JsSIP/3.10.0", "udp"));
    }

    @Test
    void anInstalledVendorRecognisesItsPhoneFirstWithTheMac() {
        UaClassification c = classifier.classify(Optional.of("ExamplePhone EP200 1.2.3 02E3A1000001"), "udp");
        assertEquals(DeviceType.HARDWARE, c.type());
        assertEquals(Optional.of("example"), c.vendorId());
        assertEquals(Optional.of("ExamplePhone"), c.manufacturer());
        assertEquals(Optional.of("EP200"), c.model());
        assertEquals(Optional.of(MacAddress.parse("02e3a1000001")), c.mac());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Zoiper rv2.10.20.3|udp|SOFTPHONE",
        "Z 5.6.1 v2.10.20.3|udp|SOFTPHONE",
        "Bria 6 release 6.5.3 stamp 112345|tcp|SOFTPHONE",
        "MicroSIP/3.21.3|udp|SOFTPHONE",
        "Linphone Desktop/5.0.16 (Ubuntu 22.04) LinphoneCore/5.2.0|udp|SOFTPHONE",
        "Groundwire/5.8.2 (build 1234; iOS 16.1.1)|tls|MOBILE",
        "LinphoneAndroid/5.0.14 (Pixel 6) LinphoneSDK/5.2.0|tls|MOBILE",
        "LinphoneiOS/4.6.2 (iPhone) LinphoneSDK/5.2.0|tls|MOBILE",
        "Bria iOS release 6.5.3|tcp|MOBILE",
        "Grandstream Wave 1.0.3.19 Android|udp|MOBILE",
        "SIP.js/0.21.2|wss|WEBRTC",
        "sipML5-v1.2016.03.04|ws|WEBRTC",
        "My own client 1.0|wss|WEBRTC",
        "Cisco/SPA504G-7.6.2c|udp|HARDWARE",
        "Yealink SIP-T46S 66.86.0.15|udp|HARDWARE",
        "Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16)|udp|HARDWARE",
        "Francisco's phone|udp|SOFTPHONE",
        "unknown thing|udp|SOFTPHONE"
    })
    void classifiesSamples(String ua, String transport, DeviceType expected) {
        assertEquals(expected, type(ua, transport), ua);
    }

    @Test
    void aMissingUserAgentIsASoftphoneUnlessOverWebSocket() {
        assertEquals(DeviceType.SOFTPHONE, classifier.classify(Optional.empty(), "udp").type());
        assertEquals(DeviceType.WEBRTC, classifier.classify(Optional.empty(), "wss").type());
    }

    @Test
    void hostileUserAgentsAreBoundedAndStripped() {
        String huge = "Zoiper " + "A".repeat(100_000);
        assertEquals(DeviceType.SOFTPHONE, type(huge, "udp"));
        assertEquals(UserAgentClassifier.MAX_LENGTH, UserAgentClassifier.bound(huge).length());
        assertEquals("JsSIP/3.10.0x", UserAgentClassifier.bound("JsSIP/3.10.0\r\nx"));
    }
}
