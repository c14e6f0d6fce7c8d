package dev.th.ingest;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.normalize.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a reader gave for one piece of an input (an EVTX chunk, a batch of records, what the
 * file header said), kept in reading order: recorded as a sink on any thread, then normalized
 * (and prepared for the tap) on a decoding thread, then replayed on the storing thread, in
 * input order, into the input's tally and the store. So however many threads decode, an input
 * gives the same rows in the same order and the same report.
 */
final class Segment implements EventSink {
    /** One call the reader made, with what the decoding thread made of it. */
    private static final class Item {
        final RawEvent event;
        final long offset;
        final long records;
        final String text;
        /** The normalized row in the store's form (null when it could not be normalized). */
        Object row;
        String failure;
        Object prepared;
        /** Why the tap's test failed on this record (null: it did not): stored, not hunted. */
        String notHunted;
        /** A warning known only once the segments before this one are decoded (null text: none). */
        Supplier<String> later;

        Item(RawEvent event, long offset, long records, String text) {
            this.event = event;
            this.offset = offset;
            this.records = records;
            this.text = text;
        }
    }

    /** Where a replayed segment goes: the rows to store, as the store encoded them. */
    interface Rows {
        void append(Object encoded);
    }

    private final List<Item> items = new ArrayList<>();
    private int events;
    /** Bytes of the input read when this segment was complete (for progress). */
    long position;

    @Override
    public void accept(RawEvent event) {
        items.add(new Item(event, 0, 0, null));
        events++;
    }

    @Override
    public void reject(long offset, long records, String reason) {
        items.add(new Item(null, offset, records, reason));
    }

    @Override
    public void warn(long offset, String message) {
        items.add(new Item(null, offset, -1, message));
    }

    /** A warning at offset 0 whose text is asked for when the segment is replayed (null: none). */
    void warnLater(Supplier<String> message) {
        Item it = new Item(null, 0, -1, null);
        it.later = message;
        items.add(it);
    }

    /** Records accepted so far. */
    int events() {
        return events;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * Normalizes every record, encodes it for the store and runs the tap's thread-safe part on it
     * (any thread).
     */
    Segment prepare(Normalizer normalizer, String clientId, Ingest.Tap tap, Function<CanonicalEvent, Object> encoder) {
        for (Item it : items) {
            if (it.event == null) {
                continue;
            }
            try {
                it.row = encoder.apply(normalizer.normalize(it.event, clientId));
            } catch (RuntimeException e) {
                it.failure = Ingest.describe(e);
                continue;
            }
            if (tap != null) {
                try {
                    it.prepared = tap.prepare(it.event);
                } catch (RuntimeException | StackOverflowError e) {
                    it.notHunted = e.toString(); // costs the record its hunt, not the input
                }
            }
        }
        return this;
    }

    /**
     * Counts every call in the tally, in order, hands each event to be stored to the tap and its
     * row to {@code rows}; returns how many rows it gave.
     */
    int replay(InputTally tally, Ingest.Tap tap, Rows rows) {
        int n = 0;
        for (Item it : items) {
            if (it.event == null) {
                if (it.later != null) {
                    String text = it.later.get();
                    if (text != null) {
                        tally.warning(it.offset, text);
                    }
                } else if (it.records < 0) {
                    tally.warning(it.offset, it.text);
                } else {
                    tally.rejectedByReader(it.offset, it.records, it.text);
                }
                continue;
            }
            if (!tally.decoded(it.event)) {
                continue;
            }
            if (it.row == null) {
                tally.rejectedAfterDecoding(it.event.source() == null ? -1 : it.event.source().offset(),
                        "record " + it.event.recordId() + " cannot be normalized: " + it.failure);
                continue;
            }
            tally.stored();
            if (it.notHunted != null) {
                tally.warning(it.event.source() == null ? -1 : it.event.source().offset(), "record "
                        + it.event.recordId() + " is stored but not hunted: the rules' test failed on it: " + it.notHunted);
            } else if (tap != null) {
                tap.event(it.event, it.prepared);
            }
            rows.append(it.row);
            n++;
        }
        return n;
    }
}
