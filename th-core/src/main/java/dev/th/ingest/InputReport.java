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
        List<IngestError> warnings) {

    public InputReport {
        if (read != stored + rejected + duplicates) {
            throw new IllegalStateException("counts of " + path + " do not add up: read " + read + " != stored "
                    + stored + " + rejected " + rejected + " + duplicates " + duplicates);
        }
        byEventId = Collections.unmodifiableMap(new TreeMap<>(byEventId));
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** True when some of the input was not read or not stored (it has errors). */
    public boolean hasRejects() {
        return rejected > 0 || !errors.isEmpty();
    }
}
