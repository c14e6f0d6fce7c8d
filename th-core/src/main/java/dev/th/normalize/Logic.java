package dev.th.normalize;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;

/**
 * The parts of a mapping that are decisions rather than copies (the last column of
 * {@code events.tsv}). Each runs after the event's field rules have filled the row.
 */
enum Logic {
    NONE("-"),
    /** Sysmon 11: the first operation for PE files, the second for any other file. */
    PE_EXTENSION("pe-extension"),
    /** Sysmon 12-14: create vs delete by EventType, and Key\Value split for value events. */
    REGISTRY_OBJECT("registry-object"),
    /** Sysmon 15: External = ZoneId >= 3 of a Zone.Identifier stream whose content is logged. */
    ZONE_IDENTIFIER("zone-identifier"),
    /** Sysmon 3: Direction from Initiated; local and remote ends by direction; Ipv4Status. */
    DIRECTION("direction"),
    /** Security 5156-5159 (Windows Filtering Platform): see {@link WfpLogic}. */
    WFP("wfp"),
    /** Security 4656, 4663, 4660 and 5145: by ObjectType and AccessMask; see {@link ObjectAccessLogic}. */
    OBJECT_ACCESS("object-access"),
    /** Security 4657: the Operation of its OperationType; see {@link ObjectAccessLogic}. */
    REGISTRY_VALUE("registry-value"),
    /** Security 4698-4702: a task's actions, triggers and run-as account; see {@link TaskXml}. */
    TASK_XML("task-xml"),
    /** WMI-Activity 5861: the permanent consumer's type, name and command; see {@link WmiBinding}. */
    WMI_BINDING("wmi-binding"),
    /** PowerShell 4103 and the classic log: the host, user and state from the details text; see {@link PowerShellDetails}. */
    POWERSHELL_DETAILS("powershell-details");

    private static final String[] PE_EXTENSIONS = {"exe", "dll", "sys", "scr", "cpl", "ocx", "com", "drv", "efi"};

    final String label;

    Logic(String label) {
        this.label = label;
    }

    static Logic byLabel(String label) {
        for (Logic l : values()) {
            if (l.label.equals(label)) {
                return l;
            }
        }
        return null;
    }

    /** The operation chosen among {@code ops} (one or two values), after the field rules ran. */
    void apply(RawEvent event, CanonicalEvent row, String[] ops) {
        switch (this) {
            case NONE:
                return;
            case PE_EXTENSION:
                row.set(Column.Operation, isPe(row.text(Column.ChildPath)) ? ops[0] : ops[ops.length - 1]);
                return;
            case REGISTRY_OBJECT:
                registry(event, row, ops);
                return;
            case ZONE_IDENTIFIER:
                Provenance.zone(event, row);
                return;
            case DIRECTION:
                direction(event, row);
                return;
            case WFP:
                WfpLogic.apply(event, row);
                return;
            case OBJECT_ACCESS:
                ObjectAccessLogic.objectAccess(event, row);
                return;
            case REGISTRY_VALUE:
                ObjectAccessLogic.registryValue(event, row);
                return;
            case TASK_XML:
                TaskXml.apply(event, row);
                return;
            case WMI_BINDING:
                WmiBinding.apply(event, row);
                return;
            case POWERSHELL_DETAILS:
                PowerShellDetails.apply(event, row);
                return;
            default:
                throw new AssertionError(this);
        }
    }

    static boolean isPe(String path) {
        if (path == null) {
            return false;
        }
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('\\') || dot < path.lastIndexOf('/')) {
            return false;
        }
        int n = path.length() - dot - 1;
        for (String ext : PE_EXTENSIONS) {
            if (n == ext.length() && path.regionMatches(true, dot + 1, ext, 0, n)) {
                return true;
            }
        }
        return false;
    }

    private static void registry(RawEvent event, CanonicalEvent row, String[] ops) {
        String type = event.field("EventType");
        if (ops.length == 2) {
            boolean delete = type != null && type.regionMatches(true, 0, "Delete", 0, 6);
            row.set(Column.Operation, delete ? ops[1] : ops[0]);
        }
        boolean valueEvent = type != null && type.length() > 5 && type.regionMatches(true, type.length() - 5, "Value", 0, 5);
        String key = row.text(Column.Key);
        if (valueEvent && key != null) {
            int cut = key.lastIndexOf('\\');
            if (cut > 0) {
                row.set(Column.Key, key.substring(0, cut));
                row.set(Column.Value, key.substring(cut + 1));
            }
        }
    }

    private static void direction(RawEvent event, CanonicalEvent row) {
        String initiated = event.field("Initiated");
        boolean known = !Values.absent(initiated);
        boolean outgoing = known && (initiated.equalsIgnoreCase("true") || initiated.equals("1"));
        if (known) {
            row.set(Column.Direction, outgoing ? "Outgoing" : "Incoming");
        }
        // unknown direction: Sysmon's Source is the local end (what it logs for outgoing)
        boolean localIsSource = outgoing || !known;
        String sourceIp = ipOf(event.field("SourceIp"));
        String destinationIp = ipOf(event.field("DestinationIp"));
        Integer sourcePort = Values.port(event.field("SourcePort"));
        Integer destinationPort = Values.port(event.field("DestinationPort"));
        String remoteIp = localIsSource ? destinationIp : sourceIp;
        row.set(Column.LocalIp, localIsSource ? sourceIp : destinationIp);
        row.set(Column.LocalPort, localIsSource ? sourcePort : destinationPort);
        row.set(Column.RemoteIp, remoteIp);
        row.set(Column.RemotePort, localIsSource ? destinationPort : sourcePort);
        row.set(Column.Ipv4Status, IpClass.classify(remoteIp));
    }

    /** The address as stored: null when absent, an IPv4-mapped IPv6 address by its IPv4 part. */
    static String ipOf(String v) {
        return Values.absent(v) ? null : IpClass.unmapped(v);
    }
}
