package dev.th.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads flows written with Elastic Common Schema names, one JSON object per line (dotted keys or
 * nested objects, bare or as Elasticsearch hits): {@code source.ip/port/bytes/packets},
 * {@code destination.ip/port/bytes/packets}, {@code network.transport} (or
 * {@code network.iana_number}), {@code network.protocol} (the service), {@code event.start} or
 * {@code @timestamp}, {@code event.duration} (nanoseconds) or {@code event.end}. The source is the
 * originator; its {@code bytes} are taken as bytes on the wire (ECS does not tell payload from
 * headers). The flow's id is {@code event.id}, else {@code flow.id}, else one made from its time
 * and 5-tuple. A line without a time, both addresses or a transport is rejected with its line number.
 */
public final class EcsFlowReader implements FlowReader {

    @Override
    public void read(InputStream in, String path, FlowSink sink) throws IOException {
        JsonFlowLines.read(in, sink, (node, line) -> {
            try {
                sink.flow(flow(node, line));
            } catch (IllegalArgumentException e) {
                sink.reject(line, "line " + line + ": " + e.getMessage());
            }
        });
    }

    static Flow flow(JsonNode node, long line) {
        ZeekRecords.Fields f = name -> JsonFlowLines.text(node, name);
        String startText = first(f, "event.start", "@timestamp", "timestamp");
        if (startText == null) {
            throw new IllegalArgumentException("no event.start or @timestamp");
        }
        Instant start = ZeekRecords.epochOrText(startText, "event.start");
        String origIp = ZeekRecords.required(f, "source.ip");
        String respIp = ZeekRecords.required(f, "destination.ip");
        Integer origPort = ZeekRecords.port(f, "source.port");
        Integer respPort = ZeekRecords.port(f, "destination.port");
        String proto = transport(f);
        Double duration = duration(f, start);
        Long origBytes = ZeekRecords.count(f, "source.bytes");
        Long respBytes = ZeekRecords.count(f, "destination.bytes");
        String id = first(f, "event.id", "flow.id");
        if (id == null) {
            id = start + "|" + origIp + ":" + origPort + ">" + respIp + ":" + respPort + "|" + proto;
        }
        return new Flow(id, start, origIp, origPort, respIp, respPort, proto, ZeekRecords.lower(f.get("network.protocol")),
                duration, origBytes, respBytes, null, null, null, null, ZeekRecords.count(f, "source.packets"),
                origBytes, ZeekRecords.count(f, "destination.packets"), respBytes, line);
    }

    private static String transport(ZeekRecords.Fields f) {
        String t = f.get("network.transport");
        if (t != null && !t.isEmpty()) {
            return ZeekRecords.lower(t);
        }
        String iana = f.get("network.iana_number");
        if (iana == null) {
            throw new IllegalArgumentException("no network.transport");
        }
        return switch (iana.strip()) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            case "58" -> "ipv6-icmp";
            default -> "ip-" + iana.strip();
        };
    }

    private static Double duration(ZeekRecords.Fields f, Instant start) {
        Long nanos = ZeekRecords.count(f, "event.duration");
        if (nanos != null) {
            return nanos / 1e9;
        }
        String end = f.get("event.end");
        if (end == null) {
            return null;
        }
        Duration d = Duration.between(start, ZeekRecords.epochOrText(end, "event.end"));
        if (d.isNegative()) {
            throw new IllegalArgumentException("event.end " + end + " is before the start");
        }
        return d.toNanos() / 1e9;
    }

    private static String first(ZeekRecords.Fields f, String... names) {
        for (String n : names) {
            String v = f.get(n);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }
}
