package dev.th.normalize;

/**
 * The seed's {@code Ipv4Status}: {@code Private} for addresses that do not leave the site
 * (RFC 1918, loopback, link-local, CGNAT 100.64/10, "this network" 0/8, multicast and broadcast;
 * IPv6 loopback, unspecified, link-local fe80::/10, unique-local fc00::/7, multicast ff00::/8,
 * and IPv4-mapped addresses by their IPv4 part), {@code Public} for any other address, null for
 * text that is not an address. Hand-written parsing: no regex, no allocation. Also the
 * address form stored ({@link #unmapped}: an IPv4-mapped IPv6 address is stored as its IPv4 part, so
 * that a dual-stack socket's {@code ::ffff:10.0.0.5} joins the flows and events that say
 * {@code 10.0.0.5}), and the names of well-known ports and IP protocol numbers.
 */
public final class IpClass {
    static final String PRIVATE = "Private";
    static final String PUBLIC = "Public";

    private IpClass() {
    }

    /**
     * The IPv4 part of an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, any case, also
     * written {@code 0:0:0:0:0:ffff:a.b.c.d}); any other text unchanged.
     */
    public static String unmapped(String ip) {
        if (ip == null || ip.length() < 14 || ip.indexOf('.') < 0) {
            return ip;
        }
        int at = -1;
        if (ip.regionMatches(true, 0, "::ffff:", 0, 7)) {
            at = 7;
        } else if (ip.regionMatches(true, 0, "0:0:0:0:0:ffff:", 0, 15)) {
            at = 15;
        }
        if (at < 0 || parseV4(ip, at) == Long.MIN_VALUE) {
            return ip;
        }
        return ip.substring(at);
    }

    /** The service name of a well-known TCP/UDP port (the seed's FTP, SSH, ..., RDP and others), or null. */
    public static String portName(Integer port) {
        if (port == null) {
            return null;
        }
        return switch (port) {
            case 20, 21 -> "FTP";
            case 22 -> "SSH";
            case 23 -> "TELNET";
            case 25, 587 -> "SMTP";
            case 53 -> "DNS";
            case 67, 68 -> "DHCP";
            case 80, 8080 -> "HTTP";
            case 88 -> "KERBEROS";
            case 110 -> "POP3";
            case 123 -> "NTP";
            case 135 -> "RPC";
            case 137, 138, 139 -> "NETBIOS";
            case 143 -> "IMAP";
            case 161, 162 -> "SNMP";
            case 389 -> "LDAP";
            case 443, 8443 -> "HTTPS";
            case 445 -> "SMB";
            case 464 -> "KPASSWD";
            case 465 -> "SMTPS";
            case 514 -> "SYSLOG";
            case 636 -> "LDAPS";
            case 993 -> "IMAPS";
            case 995 -> "POP3S";
            case 1433 -> "MSSQL";
            case 3268, 3269 -> "GC";
            case 3306 -> "MYSQL";
            case 3389 -> "RDP";
            case 5353 -> "MDNS";
            case 5355 -> "LLMNR";
            case 5985 -> "WINRM";
            case 5986 -> "WINRM-HTTPS";
            default -> null;
        };
    }

    /** The name of an IP protocol number (IANA's assigned numbers: 6 TCP, 17 UDP, ...), or null. */
    public static String protocolName(Integer number) {
        if (number == null) {
            return null;
        }
        return switch (number) {
            case 0 -> "HOPOPT";
            case 1 -> "ICMP";
            case 2 -> "IGMP";
            case 4 -> "IPV4";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 41 -> "IPV6";
            case 47 -> "GRE";
            case 50 -> "ESP";
            case 51 -> "AH";
            case 58 -> "ICMPV6";
            case 89 -> "OSPF";
            case 132 -> "SCTP";
            default -> null;
        };
    }

    /** {@code Private} or {@code Public} (see the class), or null when {@code ip} is not an address. */
    public static String classify(String ip) {
        if (Values.absent(ip)) {
            return null;
        }
        return ip.indexOf(':') < 0 ? classifyV4(ip, 0) : classifyV6(ip);
    }

    private static String classifyV4(String ip, int from) {
        long a = parseV4(ip, from);
        if (a == Long.MIN_VALUE) {
            return null;
        }
        int b1 = (int) (a >>> 24);
        int b2 = (int) (a >>> 16) & 0xff;
        boolean priv = b1 == 10 || b1 == 127 || b1 == 0
                || (b1 == 172 && b2 >= 16 && b2 <= 31)
                || (b1 == 192 && b2 == 168)
                || (b1 == 169 && b2 == 254)
                || (b1 == 100 && b2 >= 64 && b2 <= 127)
                || b1 >= 224;
        return priv ? PRIVATE : PUBLIC;
    }

    /** The dotted quad starting at {@code from} as an unsigned 32-bit value, or Long.MIN_VALUE. */
    private static long parseV4(String s, int from) {
        long value = 0;
        int parts = 0;
        int n = -1;
        for (int i = from; i <= s.length(); i++) {
            char c = i == s.length() ? '.' : s.charAt(i);
            if (c >= '0' && c <= '9') {
                n = (n < 0 ? 0 : n * 10) + (c - '0');
                if (n > 255) {
                    return Long.MIN_VALUE;
                }
            } else if (c == '.') {
                if (n < 0 || ++parts > 4) {
                    return Long.MIN_VALUE;
                }
                value = (value << 8) | n;
                n = -1;
            } else {
                return Long.MIN_VALUE;
            }
        }
        return parts == 4 ? value : Long.MIN_VALUE;
    }

    private static String classifyV6(String ip) {
        int len = ip.length();
        int pct = ip.indexOf('%');
        if (pct >= 0) {
            len = pct;
        }
        // IPv4-mapped (::ffff:a.b.c.d) and the like: classify by the IPv4 part
        int lastColon = ip.lastIndexOf(':', len - 1);
        if (ip.indexOf('.', lastColon) >= 0) {
            if (ip.regionMatches(true, 0, "::ffff:", 0, 7) && lastColon == 6) {
                String r = classifyV4Range(ip, 7, len);
                if (r != null) {
                    return r;
                }
            }
            return null;
        }
        // the first hextet decides, except for :: and ::1
        int first = 0;
        int digits = 0;
        for (int i = 0; i < len; i++) {
            char c = ip.charAt(i);
            int d = Character.digit(c, 16);
            if (d >= 0) {
                if (++digits > 4) {
                    return null;
                }
                first = first * 16 + d;
            } else if (c == ':') {
                break;
            } else {
                return null;
            }
        }
        if (digits == 0 || first == 0) {
            return PRIVATE; // 0::/16, written "::" or in full: unspecified, loopback or an IPv4-compatible form
        }
        boolean priv = (first & 0xffc0) == 0xfe80 || (first & 0xfe00) == 0xfc00 || (first & 0xff00) == 0xff00;
        return priv ? PRIVATE : PUBLIC;
    }

    private static String classifyV4Range(String ip, int from, int to) {
        return to == ip.length() ? classifyV4(ip, from) : classifyV4(ip.substring(0, to), from);
    }
}
