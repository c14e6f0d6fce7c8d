package dev.th.geo;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address literal as bytes (4 for IPv4, 16 for IPv6), or null for text that is not one.
 * Never asks DNS: a name is not an address here.
 */
final class IpBytes {
    private IpBytes() {
    }

    static byte[] of(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        if (s.isEmpty()) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return v4(s);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return null;
            }
        }
        try {
            // a literal with ':' is parsed as IPv6 and never looked up in DNS
            byte[] b = InetAddress.getByName(s).getAddress();
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] v4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = p[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(part);
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        return b;
    }
}
