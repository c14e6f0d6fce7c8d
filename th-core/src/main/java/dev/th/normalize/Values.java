package dev.th.normalize;

/**
 * Parsing of the value shapes Windows events write: pids in decimal or 0x-hex, GUIDs with or
 * without braces, {@code MD5=...} inside a Hashes list, the last component of a path. No regex,
 * no allocation beyond the result.
 */
final class Values {
    private Values() {
    }

    /** True for the values Windows writes when a field has nothing: null, "" and "-". */
    static boolean absent(String v) {
        return v == null || v.isEmpty() || (v.length() == 1 && v.charAt(0) == '-');
    }

    /** A pid from {@code 1234} or {@code 0x4d2} (any case); null when not a number. */
    static Long pid(String v) {
        long n = number(v);
        return n < 0 ? null : n;
    }

    /** A port (0..65535); null when not a number in range. */
    static Integer port(String v) {
        long n = number(v);
        return n < 0 || n > 65535 ? null : (int) n;
    }

    /** A non-negative number in decimal or 0x-hex, or -1. */
    static long number(String v) {
        if (v == null) {
            return -1;
        }
        int len = v.length();
        int start = 0;
        while (start < len && v.charAt(start) == ' ') {
            start++;
        }
        while (len > start && v.charAt(len - 1) == ' ') {
            len--;
        }
        if (start == len) {
            return -1;
        }
        int radix = 10;
        if (len - start > 2 && v.charAt(start) == '0' && (v.charAt(start + 1) | 0x20) == 'x') {
            radix = 16;
            start += 2;
        }
        if (len - start > (radix == 16 ? 15 : 18)) {
            return -1;
        }
        long n = 0;
        for (int i = start; i < len; i++) {
            int d = Character.digit(v.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            n = n * radix + d;
        }
        return n;
    }

    /** A GUID without braces, lower case: {@code {AB-..}} and {@code ab-..} give the same text. */
    static String guid(String v) {
        if (absent(v)) {
            return null;
        }
        int start = 0;
        int end = v.length();
        if (v.charAt(0) == '{') {
            start = 1;
        }
        if (end > start && v.charAt(end - 1) == '}') {
            end--;
        }
        boolean clean = start == 0 && end == v.length();
        for (int i = start; i < end && clean; i++) {
            char c = v.charAt(i);
            clean = !(c >= 'A' && c <= 'Z');
        }
        if (clean) {
            return v;
        }
        char[] out = new char[end - start];
        for (int i = start; i < end; i++) {
            char c = v.charAt(i);
            out[i - start] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return new String(out);
    }

    /**
     * The MD5 of a Sysmon Hashes list ({@code SHA1=..,MD5=..,SHA256=..}, any order, any case of
     * the names), in lower case; a bare 32-digit hex value counts as an MD5; null when none.
     */
    static String md5(String hashes) {
        if (absent(hashes)) {
            return null;
        }
        int len = hashes.length();
        int i = 0;
        while (i < len) {
            int end = hashes.indexOf(',', i);
            if (end < 0) {
                end = len;
            }
            if (end - i == 36 && hashes.regionMatches(true, i, "MD5=", 0, 4)) {
                return lowerHex(hashes, i + 4, end);
            }
            i = end + 1;
        }
        if (len == 32 && hashes.indexOf('=') < 0) {
            return lowerHex(hashes, 0, len);
        }
        return null;
    }

    private static String lowerHex(String s, int from, int to) {
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'F') {
                c = (char) (c + 32);
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
            out[i - from] = c;
        }
        return new String(out);
    }

    /** The last component of a Windows or POSIX path (after the last \ or /); null when absent. */
    static String filename(String path) {
        if (absent(path)) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        if (cut < 0) {
            return path;
        }
        return cut == path.length() - 1 ? null : path.substring(cut + 1);
    }

    /** Security's MandatoryLabel SID as Sysmon's IntegrityLevel word; other values as given. */
    static String integrity(String sid) {
        if (absent(sid)) {
            return null;
        }
        switch (sid) {
            case "S-1-16-0":
                return "Untrusted";
            case "S-1-16-4096":
                return "Low";
            case "S-1-16-8192":
                return "Medium";
            case "S-1-16-8448":
                return "MediumPlus";
            case "S-1-16-12288":
                return "High";
            case "S-1-16-16384":
                return "System";
            case "S-1-16-20480":
                return "Protected";
            default:
                return sid;
        }
    }

    /**
     * The file of a Defender Path: the first {@code file:_} item of a {@code ;}-separated list
     * (e.g. {@code containerfile:_C:\a.zip; file:_C:\a.zip->x/m.sys}), else the first item with
     * its {@code kind:_} prefix removed.
     */
    static String threatPath(String path) {
        if (absent(path)) {
            return null;
        }
        int at = path.indexOf("file:_");
        while (at > 0 && path.charAt(at - 1) != ' ' && path.charAt(at - 1) != ';') {
            at = path.indexOf("file:_", at + 1);
        }
        int from;
        if (at >= 0) {
            from = at + 6;
        } else {
            int prefix = path.indexOf(":_");
            int semi = path.indexOf(';');
            from = prefix > 0 && (semi < 0 || prefix < semi) ? prefix + 2 : 0;
        }
        int to = path.indexOf(';', from);
        if (to < 0) {
            to = path.length();
        }
        String item = path.substring(from, to).trim();
        return item.isEmpty() ? null : item;
    }

    /**
     * An IP protocol as Sysmon 3 names it, upper case: the number the Windows Filtering Platform
     * logs (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, 2 IGMP, 47 GRE, 50 ESP, 51 AH) or a name as given.
     * Other numbers stay as written.
     */
    static String protocol(String v) {
        if (absent(v)) {
            return null;
        }
        switch (v) {
            case "6":
                return "TCP";
            case "17":
                return "UDP";
            case "1":
                return "ICMP";
            case "58":
                return "ICMPV6";
            case "2":
                return "IGMP";
            case "47":
                return "GRE";
            case "50":
                return "ESP";
            case "51":
                return "AH";
            default:
                return v.toUpperCase(java.util.Locale.ROOT);
        }
    }

    /**
     * An address as stored ({@link IpClass#unmapped}); null for a value with a character no IPv4
     * or IPv6 address has (Remote Desktop writes {@code LOCAL} for the console).
     */
    static String address(String v) {
        if (absent(v)) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':' || c == '%';
            if (!ok) {
                return null;
            }
        }
        return IpClass.unmapped(v);
    }
}
