package dev.th.json;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keeps what a reader produced, for assertions. */
final class CollectingSink implements EventSink {
    record Rejection(long offset, long records, String reason) {
    }

    final List<RawEvent> events = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();

    @Override
    public void accept(RawEvent event) {
        events.add(event);
    }

    @Override
    public void reject(long offset, long records, String reason) {
        rejections.add(new Rejection(offset, records, reason));
    }

    /** Counts per {@code Channel|EventID}, the key reference-counts.json uses. */
    Map<String, Integer> byChannelEventId() {
        Map<String, Integer> counts = new TreeMap<>();
        for (RawEvent e : events) {
            counts.merge(e.channel() + "|" + e.eventId(), 1, Integer::sum);
        }
        return counts;
    }
}
