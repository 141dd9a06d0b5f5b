package org.endpointmanager.core.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.endpointmanager.api.Secret;
import org.endpointmanager.testkit.TestingHostContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from a certificate made at test time, over real sockets. */
class HttpsTest {

    @TempDir
    Path root;
    private Path p12;
    private X509Certificate cert;

    @BeforeEach
    void makeCertificate() throws Exception {
        Files.createDirectories(root.resolve("config"));
        p12 = root.resolve("config/server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "em", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=em-test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "changeit-123",
                "-keypass", "changeit-123").redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "changeit-123".toCharArray());
        }
        cert = (X509Certificate) ks.getCertificate("em");
        // the same key and certificate as one PEM file (chain first, then PKCS#8 key)
        var key = ks.getKey("em", "changeit-123".toCharArray());
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(root.resolve("config/server.pem"), "-----BEGIN CERTIFICATE-----\n"
                + b64.encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\n"
                + b64.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    }

    private SecuredEngine engine(String keystore, String extra) {
        TestingHostContext host = new TestingHostContext(root);
        return new SecuredEngine(host, "[tls]\nkeystore = \"" + keystore + "\"\nhttps_port = 0\n" + extra);
    }

    @Test
    void servesTls12And13WithTheConfiguredCertificateAndRefusesTls11() throws Exception {
        try (SecuredEngine f = engine("server.p12", "keystore_password = \"changeit-123\"\nhttp_enabled = false\n")) {
            int port = f.engine.httpsPort().orElseThrow();
            for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
                try (SSLSocket s = socket(port, protocol)) {
                    s.startHandshake();
                    assertEquals(protocol, s.getSession().getProtocol());
                    Certificate[] chain = s.getSession().getPeerCertificates();
                    assertArrayEquals(cert.getEncoded(), chain[0].getEncoded(), "the configured certificate");
                    OutputStream out = s.getOutputStream();
                    out.write("GET /console/endpoint-manager/devices HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertTrue(response.startsWith("HTTP/1.1 401"), response);
                    assertTrue(response.contains("Strict-Transport-Security: max-age="), "HSTS over HTTPS");
                }
            }
            assertThrows(SSLException.class, () -> {
                try (SSLSocket s = socket(port, "TLSv1.1")) {
                    s.startHandshake();
                }
            });
            assertEquals(List.of("https"), f.host.reportedListeners().get(f.host.reportedListeners().size() - 1).stream()
                    .map(l -> l.name()).filter(n -> n.startsWith("http")).toList(), "http_enabled = false: HTTPS only");
        }
    }

    @Test
    void aPemFileWithChainAndKeyWorksAndPlainHttpStaysWhenEnabled() throws Exception {
        try (SecuredEngine f = engine("server.pem", "")) {
            int port = f.engine.httpsPort().orElseThrow();
            try (SSLSocket s = socket(port, "TLSv1.2")) {
                s.startHandshake();
                assertArrayEquals(cert.getEncoded(), s.getSession().getPeerCertificates()[0].getEncoded());
            }
            assertEquals(200, f.fetch("/healthz").statusCode(), "plain HTTP on [http] port");
        }
    }

    @Test
    void onlyTls12AndNewerAreOffered() {
        var ssl = TlsKeyStores.sslContext(p12, Optional.of(Secret.of("changeit-123")));
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(ssl.getIncludeProtocols()));
        assertThrows(IllegalStateException.class, () -> TlsKeyStores.load(p12, Optional.of(Secret.of("wrong"))));
    }

    private static SSLSocket socket(int port, String protocol) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // the test compares the certificate itself after the handshake
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        s.setEnabledProtocols(new String[] {protocol});
        return s;
    }
}
