package org.endpointmanager.core.pnp;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.core.discovery.DiscoveryService;
import org.endpointmanager.core.settings.Settings;
import org.endpointmanager.core.vendor.VendorRegistry;

/**
 * Run by {@link PnpMulticastNamespaceTest} in a child JVM inside a fresh network namespace: joins
 * 224.0.1.75:5060 on {@code lo}, multicasts a Yealink SUBSCRIBE to the group, and prints what came
 * back. Never run it on a real machine's interfaces.
 */
public final class PnpMulticastProbe {

    private PnpMulticastProbe() {
    }

    /** Prints {@code PNP-RESULT ok <url>} and exits 0 when the 200 OK and the NOTIFY arrived. */
    public static void main(String[] args) throws Exception {
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(OuiVendorPlugin.yealink());
        Settings settings = new Settings("http://192.0.2.1/provision", "192.0.2.1", 5060, List.of(), List.of(), "",
                "*123*", false, true, true, false, true);
        InetAddress group = InetAddress.getByName("224.0.1.75");
        try (UdpSender sender = new UdpSender(InetAddress.getByName("0.0.0.0"));
                PnpListener listener = new PnpListener(new PnpService(vendors, () -> settings, List.of(),
                        mac -> Optional.empty(), s -> DiscoveryService.Outcome.RECORDED, sender), group, 5060, List.of("lo"));
                DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            listener.start();
            phone.setSoTimeout(15_000);
            String self = "127.0.0.1:" + phone.getLocalPort();
            byte[] out = FakePhone.subscribe("MAC001565f4f9e1", "Yealink", "T46S", "66.86.0.15", "mc", self, self)
                    .getBytes(StandardCharsets.US_ASCII);
            phone.send(new DatagramPacket(out, out.length, group, 5060));
            byte[] buf = new byte[8192];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            phone.receive(p);
            SipMessage ok = SipParser.parse(buf, p.getLength());
            phone.receive(p);
            SipMessage notify = SipParser.parse(buf, p.getLength());
            boolean good = ok.startLine().equals("SIP/2.0 200 OK") && notify.method().orElse("").equals("NOTIFY");
            System.out.println("PNP-RESULT " + (good ? "ok " : "bad ") + new String(notify.body(), StandardCharsets.US_ASCII));
            System.exit(good ? 0 : 1);
        }
    }
}
