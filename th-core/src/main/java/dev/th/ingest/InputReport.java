package dev.th.ingest;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of one input (a file, or one entry of a zip): {@code read = stored + rejected +
 * duplicates}, always.
 *
 * @param path the input as named to the user ({@code archive.zip!/entry.json} for a zip entry)
 * @param contentHash SHA-256 of the content, hex lower case (null when the input could not be read)
 * @param size the content's size in bytes
 * @param read records met in the input: decoded, or damaged and rejected
 * @param stored records added to the store
 * @param rejected records that could not be decoded, normalized or stored
 * @param duplicates records already in the store, or repeated inside the input
 * @param byEventId decoded records per {@code Channel|EventID}, the channel spelled as in the event
 *     (kept sorted by key)
 * @param errors what was rejected, where and why
 * @param warnings what looked damaged but lost no record (a checksum mismatch on data that still
 *     decodes), where and why
 * @param recovered of the decoded records, those carved from outside a live region (an EVTX
 *     chunk's slack space): part of {@code read} and {@code byEventId}; stored, or duplicates when
 *     their record id was met before in the input
 * @param recoveredByEventId the recovered records per {@code Channel|EventID}
 */
public record InputReport(
        String path,
        String contentHash,
        long size,
        long read,
        long stored,
        long rejected,
        long duplicates,
        Map<String, Long> byEventId,
        List<IngestError> errors,
        List<IngestError> warnings,
        long recovered,
        Map<String, Long> recoveredByEventId) {

    /** The report of an input without recovered records. */
    public InputReport(String path, String contentHash, long size, long read, long stored, long rejected, long duplicates,
            Map<String, Long> byEventId, List<IngestError> errors, List<IngestError> warnings) {
        this(path, contentHash, size, read, stored, rejected, duplicates, byEventId, errors, warnings, 0, Map.of());
    }

    public InputReport {
        if (read != stored + rejected + duplicates) {
            throw new IllegalStateException("counts of " + path + " do not add up: read " + read + " != stored "
                    + stored + " + rejected " + rejected + " + duplicates " + duplicates);
        }
        if (recovered < 0 || recovered > read) {
            throw new IllegalStateException("recovered records of " + path + " (" + recovered + ") are not part of read " + read);
        }
        byEventId = Collections.unmodifiableMap(new TreeMap<>(byEventId));
        recoveredByEventId = Collections.unmodifiableMap(new TreeMap<>(recoveredByEventId));
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** True when some of the input was not read or not stored (it has errors). */
    public boolean hasRejects() {
        return rejected > 0 || !errors.isEmpty();
    }
}
