package dev.th.cli;

import dev.th.server.ThServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code th serve}: hold the store and answer the HTTP API until stopped (Ctrl-C stops it gracefully). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Hold the store and serve the HTTP API (JSON, /openapi.json, /health, /metrics), uploads (ingested in the"
                + " background) and the web console (/console/); tokens: th token create.",
        footerHeading = "%nExamples:%n",
        footer = {"  th token create --db th-data --client acme --role triage",
                "  th serve --db th-data --port 8080",
                "  curl -H 'Authorization: Bearer TOKEN' http://127.0.0.1:8080/api/machines"})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    DataDir db;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port (0: any free one). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (another than loopback exposes the store). Default: ${DEFAULT-VALUE}")
    String bind;

    @Option(names = "--read-connections", paramLabel = "N", defaultValue = "8",
            description = "Questions answered at once, each on its own connection to the store (1: one after the other). Default: ${DEFAULT-VALUE}")
    int readConnections;

    @Option(names = "--max-upload-mb", paramLabel = "MB", defaultValue = "2048",
            description = "The largest upload taken (POST /api/uploads). Default: ${DEFAULT-VALUE}")
    long maxUploadMb;

    @Option(names = "--cache-mb", paramLabel = "MB", defaultValue = "256",
            description = "Answers kept for asking again until the store changes (0: none). Default: ${DEFAULT-VALUE}")
    long cacheMb;

    @Option(names = "--query-seconds", paramLabel = "S", defaultValue = "60",
            description = "How long a question may run before it is cancelled (a 503). Default: ${DEFAULT-VALUE}")
    double querySeconds;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve HTTPS (only) with this PEM certificate chain (the server's first); needs --tls-key")
    java.nio.file.Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM key of --tls-cert (unencrypted PKCS#8: BEGIN PRIVATE KEY)")
    java.nio.file.Path tlsKey;

    @Override
    public Integer call() throws InterruptedException {
        if (!db.hasStore() && !db.isLake()) { // a lake: served read-only by the Spark engine
            throw new IllegalArgumentException(db.noStoreIngestFirst());
        }
        if (readConnections < 1 || maxUploadMb < 1 || cacheMb < 0 || !(querySeconds > 0)) {
            throw new IllegalArgumentException("--read-connections and --max-upload-mb must be 1 or more, --cache-mb 0 or more, --query-seconds more than 0");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together (a PEM certificate and its key)");
        }
        ThServer.Settings settings = new ThServer.Settings(readConnections, maxUploadMb << 20,
                ThServer.Settings.defaults().maxBodyBytes(), cacheMb << 20, Math.max(1, Math.round(querySeconds * 1000)), null, null);
        ThServer server = ThServer.start(db.path(), bind, port, tlsCert == null ? settings : settings.tls(tlsCert, tlsKey));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "th-serve-stop"));
        System.err.println("th serve: " + db.path() + " served at " + server.scheme() + "://" + bind + ":" + server.port() + " (Ctrl-C stops)");
        stopped.await();
        return 0;
    }
}
