package dev.th.normalize;

import dev.th.model.Column;

/** How a field's text becomes a column value (the last column of {@code fields.tsv}). */
enum Conversion {
    TEXT("text", Column.Type.TEXT),
    UPPER("upper", Column.Type.TEXT),
    FILENAME("filename", Column.Type.TEXT),
    PID("pid", Column.Type.BIGINT),
    PORT("port", Column.Type.INT),
    GUID("guid", Column.Type.TEXT),
    MD5("md5", Column.Type.TEXT),
    INTEGRITY("integrity", Column.Type.TEXT),
    THREAT_PATH("threat-path", Column.Type.TEXT),
    THREAT_FILENAME("threat-filename", Column.Type.TEXT),
    REGISTRY_KEY("registry-key", Column.Type.TEXT),
    PROTOCOL("protocol", Column.Type.TEXT),
    SERVICE_TYPE("service-type", Column.Type.TEXT),
    SERVICE_START("service-start", Column.Type.TEXT),
    /** An address as stored: an IPv4-mapped IPv6 address by its IPv4 part; a word ("LOCAL") is no address. */
    IP("ip", Column.Type.TEXT),
    /** An NTSTATUS failure code with its meaning ({@code statuses.tsv}). */
    LOGON_STATUS("logon-status", Column.Type.TEXT),
    /** A Kerberos result code with its meaning ({@code statuses.tsv}). */
    KERBEROS_STATUS("kerberos-status", Column.Type.TEXT);

    final String label;
    /** The column type this conversion produces. */
    final Column.Type type;

    Conversion(String label, Column.Type type) {
        this.label = label;
        this.type = type;
    }

    static Conversion byLabel(String label) {
        for (Conversion c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        return null;
    }

    /** The column value for field text {@code v} (never "" or "-"); null when it does not parse. */
    Object convert(String v) {
        switch (this) {
            case TEXT:
                return v;
            case UPPER:
                return upper(v);
            case FILENAME:
                return Values.filename(v);
            case PID:
                return Values.pid(v);
            case PORT:
                return Values.port(v);
            case GUID:
                return Values.guid(v);
            case MD5:
                return Values.md5(v);
            case INTEGRITY:
                return Values.integrity(v);
            case THREAT_PATH:
                return Values.threatPath(v);
            case THREAT_FILENAME:
                return Values.filename(Values.threatPath(v));
            case REGISTRY_KEY:
                return Vocabulary.standard().hive(v);
            case PROTOCOL:
                return Values.protocol(v);
            case SERVICE_TYPE:
                return ServiceValues.type(v);
            case SERVICE_START:
                return ServiceValues.startType(v);
            case IP:
                return Values.address(v);
            case LOGON_STATUS:
                return Vocabulary.standard().status("ntstatus", v);
            case KERBEROS_STATUS:
                return Vocabulary.standard().status("kerberos", v);
            default:
                throw new AssertionError(this);
        }
    }

    private static String upper(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 'a' && c <= 'z' || c > 0x7f) {
                return v.toUpperCase(java.util.Locale.ROOT);
            }
        }
        return v;
    }
}
