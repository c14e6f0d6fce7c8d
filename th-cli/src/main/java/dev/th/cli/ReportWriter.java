package dev.th.cli;

import dev.th.geo.GeoIp;
import dev.th.query.EngineProvider;
import dev.th.query.QueryEngine;
import dev.th.views.Page;
import dev.th.views.report.Report;
import dev.th.views.report.ReportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Writes the report of a store to a file (th report, th quickstart), its map placing public
 * addresses with the data directory's GeoIP database when installed; returns what it wrote.
 */
final class ReportWriter {
    /** What was written: the file, its size in bytes, its parts, how long it took (ms). */
    record Written(Path file, long bytes, int sections, long millis, java.util.Map<String, Long> parts) {
        String summary() {
            return file.toAbsolutePath() + " (" + (bytes + 1023) / 1024 + " KB, " + sections + " parts, " + millis + " ms)";
        }
    }

    private ReportWriter() {
    }

    static Written write(Path dataDir, ReportOptions options, Path out) {
        long t0 = System.nanoTime();
        try (QueryEngine engine = engine(dataDir); GeoIp geo = GeoIp.ofDataDir(dataDir)) {
            Report.Built built = Report.make(engine, Clock.systemUTC(), options.withGeo(options.geo().with(geo)));
            Page page = built.page();
            page.save(out);
            long bytes;
            try {
                bytes = Files.size(out);
            } catch (java.io.IOException e) {
                bytes = -1;
            }
            return new Written(out, bytes, page.sections().size(), (System.nanoTime() - t0) / 1_000_000, built.millis());
        }
    }

    private static QueryEngine engine(Path dataDir) {
        EngineProvider best = EngineProvider.best(dataDir);
        if (best == null) {
            throw new IllegalArgumentException("no TH store in " + dataDir + " (run th ingest first)");
        }
        return best.open(dataDir);
    }
}
