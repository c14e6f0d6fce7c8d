package dev.th.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads Zeek's JSON logs (one object per line, Zeek's field names as keys, times as epoch seconds
 * or ISO-8601 text). Which log a line belongs to comes from its {@code _path} key when Zeek wrote
 * one, else from its keys: {@code conn_state} or {@code proto} with byte counts (conn),
 * {@code query} or {@code qtype} (dns), {@code method} or {@code uri} (http), {@code server_name}
 * or {@code cipher} (ssl). A line of another log, or one whose values do not parse, is rejected
 * with its line number.
 */
public final class ZeekJsonReader implements FlowReader {

    @Override
    public void read(InputStream in, String path, FlowSink sink) throws IOException {
        JsonFlowLines.read(in, sink, (node, line) -> {
            String log = log(node);
            if (log == null) {
                sink.reject(line, "line " + line + ": not a record of Zeek's conn, dns, http or ssl log");
                return;
            }
            try {
                ZeekRecords.emit(log, name -> JsonFlowLines.text(node, name), line, sink);
            } catch (IllegalArgumentException e) {
                sink.reject(line, "line " + line + ": " + e.getMessage());
            }
        });
    }

    /** The Zeek log of a JSON record, null when it is none TH reads. */
    static String log(JsonNode node) {
        String p = JsonFlowLines.text(node, "_path");
        if (p != null) {
            return ZeekRecords.LOGS.contains(p) ? p : null;
        }
        if (JsonFlowLines.find(node, "id.orig_h") == null) {
            return null;
        }
        if (node.has("conn_state") || node.has("orig_ip_bytes") || node.has("orig_pkts")) {
            return "conn";
        }
        if (node.has("query") || node.has("qtype") || node.has("rcode")) {
            return "dns";
        }
        if (node.has("method") || node.has("uri") || node.has("status_code")) {
            return "http";
        }
        if (node.has("server_name") || node.has("cipher") || node.has("ssl_history")) {
            return "ssl";
        }
        return node.has("proto") ? "conn" : null;
    }
}
