package dev.th.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.flow.Flow;
import dev.th.flow.FlowSink;
import dev.th.flow.NetName;

/**
 * A sink for fuzz targets and hostile-input tests that checks the readers' contract on every
 * call (an event has its source and fields, a reject or warning says why in words) and counts
 * what it got, so a test can compare the counts with what it fed in.
 */
public final class CheckedSink implements EventSink, FlowSink {
    public long accepted;
    public long rejected;
    public long rejectedRecords;
    public long warnings;
    public long flows;
    public long names;

    @Override
    public void accept(RawEvent event) {
        assertNotNull(event, "a null event");
        assertNotNull(event.source(), "an event without its source");
        assertNotNull(event.fields(), "an event without fields");
        accepted++;
    }

    @Override
    public void reject(long offset, long records, String reason) {
        assertTrue(offset >= -1, () -> "reject at offset " + offset + ": " + reason);
        assertTrue(records >= 0, () -> "reject of " + records + " records: " + reason);
        said(reason);
        rejected++;
        rejectedRecords += records;
    }

    @Override
    public void reject(long line, String reason) {
        reject(line, 1, reason);
    }

    @Override
    public void warn(long offset, String message) {
        said(message);
        warnings++;
    }

    @Override
    public void flow(Flow flow) {
        assertNotNull(flow, "a null flow");
        flows++;
    }

    @Override
    public void name(NetName name) {
        assertNotNull(name, "a null name");
        names++;
    }

    private static void said(String why) {
        assertNotNull(why, "a reject or warning without a reason");
        assertFalse(why.isBlank(), "a reject or warning with a blank reason");
    }
}
