package dev.th.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code th serve --tls-cert --tls-key}: a self-signed certificate made by openssl, asked over real HTTPS. */
class ThServer_TlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void servesHttpsOnlyWithAPemCertificateAndKey() throws Exception {
        Path cert = tmp.resolve("cert.pem");
        Path key = tmp.resolve("key.pem");
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("openssl is needed to make the TLS test's certificate", e);
            }
            Assumptions.abort("openssl not found: the TLS test needs it to make a certificate");
            return;
        }
        openssl.getInputStream().readAllBytes();
        assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl made the certificate");

        Path dir = tmp.resolve("store");
        TestStores.ingest(dir, "acme", TestStores.samples().resolve("json/psh_lsass_memory_dump_comsvcs.zip"));
        long machines;
        try (dev.th.store.DuckDbStore store = dev.th.store.DuckDbStore.open(dir); Statement st = store.connection().createStatement()) {
            machines = TestStores.one(st, "SELECT count(DISTINCT Muid) FROM events WHERE ClientId = 'acme'");
        }
        String token = new Tokens(dir).create(List.of("acme"), "read", Tokens.DEFAULT_LIFETIME);
        try (ThServer s = ThServer.start(dir, "127.0.0.1", 0, ThServer.Settings.defaults().tls(cert, key))) {
            assertEquals("https", s.scheme());
            assertTrue(Files.readString(dir.resolve(ThServer.HOLDER_FILE)).startsWith("https://127.0.0.1:" + s.port()));
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(5)).build();
            String base = "https://127.0.0.1:" + s.port();
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            HttpResponse<String> list = https.send(HttpRequest.newBuilder(URI.create(base + "/api/machines"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(machines, JSON.readTree(list.body()).path("total").asLong(), list.body());
            HttpResponse<String> session = https.send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            String cookie = session.headers().firstValue("Set-Cookie").orElse("");
            assertTrue(cookie.contains("Secure") && cookie.contains("HttpOnly"), session.statusCode() + " " + cookie);
            // a client that does not trust the certificate is refused; plain HTTP gets no answer of the API
            HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(javax.net.ssl.SSLException.class, () -> untrusting.send(
                    HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()));
            HttpResponse<String> plain;
            try {
                plain = untrusting.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(plain.statusCode() >= 400, "plain HTTP: " + plain.statusCode());
            } catch (java.io.IOException refused) {
                // Jetty closes a connection that does not speak TLS
            }
        }
    }

    @Test
    void aKeyThatIsNotPkcs8SaysHowToConvertIt() throws Exception {
        Path cert = tmp.resolve("c.pem");
        Path key = tmp.resolve("k.pem");
        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        Files.writeString(cert, "not a certificate");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tls.keyStore(cert, key));
        assertTrue(e.getMessage().contains("--tls-cert " + cert), e.getMessage());
        Path good = Files.writeString(tmp.resolve("c2.pem"), "");
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> Tls.keyStore(good, key));
        assertTrue(e2.getMessage().contains("--tls-cert"), e2.getMessage());
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("th", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
