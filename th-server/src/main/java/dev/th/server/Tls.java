package dev.th.server;

import java.io.IOException;
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
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's certificate and key for HTTPS ({@code th serve --tls-cert FILE --tls-key FILE}),
 * read from PEM files: the certificate chain ({@code BEGIN CERTIFICATE}, the server's first) and
 * an unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}: RSA, EC or Ed25519).
 */
final class Tls {
    /** The in-memory key store's password (the store never leaves the process). */
    static final char[] PASSWORD = "th-serve".toCharArray();
    private static final Pattern KEY = Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private Tls() {
    }

    /** A key store holding the key of {@code key} and the chain of {@code cert}; a clear error naming the file otherwise. */
    static KeyStore keyStore(Path cert, Path key) {
        try {
            Collection<? extends Certificate> chain;
            try (var in = Files.newInputStream(cert)) {
                chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("--tls-cert " + cert + ": not a PEM certificate (BEGIN CERTIFICATE): " + e.getMessage());
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("--tls-cert " + cert + ": no certificate in it (BEGIN CERTIFICATE)");
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("th-serve", privateKey(key), PASSWORD, chain.toArray(new Certificate[0]));
            return ks;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + e.getMessage() + " (--tls-cert/--tls-key)");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls-cert " + cert + " and --tls-key " + key + " do not make a key store: " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path key) throws IOException {
        String pem = Files.readString(key, StandardCharsets.US_ASCII);
        Matcher m = KEY.matcher(pem);
        if (!m.find()) {
            String hint = pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")
                    ? " (this one is PKCS#1/SEC1: convert it with 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY8')"
                    : pem.contains("ENCRYPTED") ? " (this one is encrypted: give it unencrypted, readable by the server only)" : "";
            throw new IllegalArgumentException("--tls-key " + key + ": not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY)" + hint);
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThis) {
                // the next algorithm
            }
        }
        throw new IllegalArgumentException("--tls-key " + key + ": a PKCS#8 key of none of RSA, EC, Ed25519");
    }
}
