package dev.th.normalize;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;

/**
 * The Windows Filtering Platform events of the Security log (5156 connection
 * permitted, 5157 connection blocked, 5158 bind permitted, 5159 bind blocked), read as Microsoft
 * documents them: the Source fields are the local end in both directions, {@code Direction} is a
 * message id ({@code %%14592} inbound, {@code %%14593} outbound; exports that render messages
 * write Inbound and Outbound), the protocol a number (converted by {@code fields.tsv}). Binds have
 * no remote end and no direction. The Application's {@code \device\harddiskvolumeN} path is mapped
 * to a drive letter in the store, once learnt from the same process (docs/normalize.md).
 */
final class WfpLogic {
    private WfpLogic() {
    }

    static void apply(RawEvent event, CanonicalEvent row) {
        String direction = direction(event.field("Direction"));
        if (direction != null) {
            row.set(Column.Direction, direction);
        }
        row.set(Column.LocalIp, Logic.ipOf(trim(event.field("SourceAddress"))));
        row.set(Column.LocalPort, Values.port(event.field("SourcePort")));
        String remoteIp = Logic.ipOf(trim(event.field("DestAddress")));
        if (remoteIp != null) {
            row.set(Column.RemoteIp, remoteIp);
            row.set(Column.RemotePort, Values.port(event.field("DestPort")));
            row.set(Column.Ipv4Status, IpClass.classify(remoteIp));
        }
    }

    /** Outgoing, Incoming, or null (binds, or a value neither id nor word). */
    static String direction(String v) {
        if (v == null) {
            return null;
        }
        String t = v.trim();
        if (t.equals("%%14593") || t.equalsIgnoreCase("Outbound")) {
            return "Outgoing";
        }
        if (t.equals("%%14592") || t.equalsIgnoreCase("Inbound")) {
            return "Incoming";
        }
        return null;
    }

    private static String trim(String v) {
        return v == null ? null : v.trim();
    }
}
