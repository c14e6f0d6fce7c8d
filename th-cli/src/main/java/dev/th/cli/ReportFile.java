package dev.th.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.th.ingest.IngestError;
import dev.th.ingest.IngestReport;
import dev.th.ingest.InputReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of {@code th ingest --report FILE}:
 * {@code {"files":[{"path","read","stored","rejected","duplicates","byEventId":{"<Channel>|<EventID>":N},
 * "recovered","recoveredByEventId":{...},"errors":[{"offset","reason"}]}]}}, with read = stored + rejected +
 * duplicates for every file; recovered records (carved from EVTX slack space) are part of read and byEventId.
 * Warnings (damage that lost no record, e.g. a chunk checksum that does not match) are listed in
 * {@code errors} too, their reason starting with {@code "warning (no record lost): "}; an offset
 * of -1 means the whole input.
 */
final class ReportFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFile() {
    }

    static Map<String, Object> shape(IngestReport report) {
        List<Object> files = new ArrayList<>();
        for (InputReport f : report.files()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", f.path());
            m.put("read", f.read());
            m.put("stored", f.stored());
            m.put("rejected", f.rejected());
            m.put("duplicates", f.duplicates());
            m.put("byEventId", f.byEventId());
            m.put("recovered", f.recovered());
            m.put("recoveredByEventId", f.recoveredByEventId());
            List<Object> errors = new ArrayList<>();
            for (IngestError e : errorsAndWarnings(f)) {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("offset", e.offset());
                em.put("reason", e.reason());
                errors.add(em);
            }
            m.put("errors", errors);
            files.add(m);
        }
        return Map.of("files", files);
    }

    /** The input's errors, then its warnings with their reason marked {@code "warning (no record lost): "}. */
    static List<IngestError> errorsAndWarnings(InputReport f) {
        List<IngestError> all = new ArrayList<>(f.errors());
        f.warnings().forEach(w -> all.add(new IngestError(w.offset(), "warning (no record lost): " + w.reason())));
        return all;
    }

    static void write(IngestReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), shape(report));
    }
}
