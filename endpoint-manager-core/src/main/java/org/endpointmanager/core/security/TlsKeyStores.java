package org.endpointmanager.core.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.endpointmanager.api.Secret;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Loads {@code [tls] keystore} for the HTTPS connector: a PKCS12 file ({@code keystore_password}
 * opens it), or one PEM file holding the certificate chain (leaf first) and an unencrypted PKCS#8
 * private key ({@code -----BEGIN PRIVATE KEY-----}), for example
 * {@code cat fullchain.pem privkey.pem > endpoint-manager.pem}. Only TLS 1.2 and 1.3 are offered.
 */
public final class TlsKeyStores {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final long MAX_FILE = 1024 * 1024;

    private TlsKeyStores() {
    }

    /** The key store in the file (PEM when it is text with PEM blocks, else PKCS12). */
    public static KeyStore load(Path file, Optional<Secret> password) {
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new IllegalStateException("tls.keystore " + file + " is larger than 1 MB");
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN ")) {
                return fromPem(text, file);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                ks.load(in, password.map(p -> p.reveal().toCharArray()).orElse(new char[0]));
            } catch (IOException e) {
                throw new IllegalStateException("tls.keystore " + file
                        + " cannot be opened: wrong tls.keystore_password, or not a PKCS12 or PEM file");
            }
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tls.keystore " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("tls.keystore " + file + " is not a usable PKCS12 or PEM key store: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static KeyStore fromPem(String text, Path file) throws GeneralSecurityException, IOException {
        List<Certificate> chain = new ArrayList<>();
        PrivateKey key = null;
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "CERTIFICATE" -> chain.add(cf.generateCertificate(new ByteArrayInputStream(der)));
                case "PRIVATE KEY" -> key = privateKey(der);
                case "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" -> throw new IllegalStateException(
                        "tls.keystore " + file + ": the key must be unencrypted PKCS#8 (BEGIN PRIVATE KEY); convert it with "
                                + "'openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key'");
                default -> {
                    // other blocks (parameters) are ignored
                }
            }
        }
        if (chain.isEmpty() || key == null) {
            throw new IllegalStateException("tls.keystore " + file
                    + ": a PEM key store needs the certificate chain and the private key in one file");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("endpoint-manager", key, new char[0], chain.toArray(Certificate[]::new));
        return ks;
    }

    private static PrivateKey privateKey(byte[] der) throws GeneralSecurityException {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("private key is not RSA, EC or Ed25519 PKCS#8");
    }

    /** A Jetty SSL context over the key store, TLS 1.2 and 1.3 only. */
    public static SslContextFactory.Server sslContext(Path file, Optional<Secret> password) {
        KeyStore ks = load(file, password);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(ks);
        // a PEM store is rebuilt in memory with an empty password; PKCS12 entries share the store's
        String pass = isPem(file) ? "" : password.map(Secret::reveal).orElse("");
        ssl.setKeyStorePassword(pass);
        ssl.setKeyManagerPassword(pass);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setExcludeProtocols("SSL", "SSLv2", "SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1");
        ssl.setSniRequired(false);
        return ssl;
    }

    private static boolean isPem(Path file) {
        try {
            byte[] head = new byte[(int) Math.min(Files.size(file), 4096)];
            try (InputStream in = Files.newInputStream(file)) {
                int n = in.readNBytes(head, 0, head.length);
                return new String(head, 0, n, StandardCharsets.US_ASCII).contains("-----BEGIN ");
            }
        } catch (IOException e) {
            return false;
        }
    }
}
