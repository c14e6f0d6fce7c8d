package dev.th.ingest;

import dev.th.event.RawEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of one input while it is read; becomes an {@link InputReport}. Not thread-safe. */
final class InputTally {
    /** Errors kept per input; the counts stay exact beyond it. */
    static final int MAX_ERRORS = 1000;

    private final String path;
    private final String contentHash;
    private final long size;
    /**
     * Record ids per machine and channel: a forwarded-events log holds the records of many
     * machines and channels, each numbering its records on its own.
     */
    private final Map<String, RecordIdSet> ids = new java.util.HashMap<>();
    private String lastComputer;
    private String lastChannel;
    private RecordIdSet lastIds;
    private final Map<String, Long> byEventId = new TreeMap<>();
    private final Map<String, Long> recoveredByEventId = new TreeMap<>();
    private long recovered;
    private final List<IngestError> errors = new ArrayList<>();
    private final List<IngestError> warnings = new ArrayList<>();
    private long read;
    private long stored;
    private long rejected;
    private long duplicates;
    private long errorsLeftOut;
    private long warningsLeftOut;

    InputTally(String path, String contentHash, long size) {
        this.path = path;
        this.contentHash = contentHash;
        this.size = size;
    }

    /** Counts a decoded event; false when its record id was already met in this input. */
    boolean decoded(RawEvent event) {
        read++;
        String key = event.channel() + "|" + event.eventId();
        byEventId.merge(key, 1L, Long::sum);
        if (event.recovered()) {
            recovered++;
            recoveredByEventId.merge(key, 1L, Long::sum);
        }
        if (!idsOf(event).add(event.recordId())) {
            duplicates++;
            return false;
        }
        return true;
    }

    private RecordIdSet idsOf(RawEvent event) {
        String computer = event.computer();
        String channel = event.channel();
        if (lastIds == null || !java.util.Objects.equals(computer, lastComputer)
                || !java.util.Objects.equals(channel, lastChannel)) {
            lastComputer = computer;
            lastChannel = channel;
            lastIds = ids.computeIfAbsent(computer + '\0' + channel, k -> new RecordIdSet());
        }
        return lastIds;
    }

    void stored() {
        stored++;
    }

    /** A decoded event that could not be normalized. */
    void rejectedAfterDecoding(long offset, String reason) {
        rejected++;
        error(offset, reason);
    }

    /** Records the reader could not decode; a unit of unknown size counts as one record. */
    void rejectedByReader(long offset, long records, String reason) {
        long n = Math.max(1, records);
        read += n;
        rejected += n;
        error(offset, reason);
    }

    void warning(long offset, String message) {
        if (warnings.size() < MAX_ERRORS) {
            warnings.add(new IngestError(offset, message));
        } else {
            warningsLeftOut++;
        }
    }

    long read() {
        return read;
    }

    void error(long offset, String reason) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new IngestError(offset, reason));
        } else {
            errorsLeftOut++;
        }
    }

    /** The report of a committed input. */
    InputReport report() {
        List<IngestError> all = new ArrayList<>(errors);
        if (errorsLeftOut > 0) {
            all.add(new IngestError(-1, errorsLeftOut + " more errors not listed"));
        }
        List<IngestError> allWarnings = new ArrayList<>(warnings);
        if (warningsLeftOut > 0) {
            allWarnings.add(new IngestError(-1, warningsLeftOut + " more warnings not listed"));
        }
        return new InputReport(path, contentHash, size, read, stored, rejected, duplicates, byEventId, all, allWarnings,
                recovered, recoveredByEventId);
    }

    /** The report of an input abandoned midway: nothing of it was stored. */
    InputReport abandoned(long offset, String reason) {
        error(offset, reason);
        InputReport r = report();
        return new InputReport(path, contentHash, size, read, 0, rejected + stored, duplicates, byEventId, r.errors(),
                r.warnings(), recovered, recoveredByEventId);
    }
}
