package dev.th.flow;

/** What kind of address a text is, without name lookups. */
public final class Addresses {
    private Addresses() {
    }

    /** Whether {@code s} is an IPv4 or IPv6 address literal. */
    public static boolean isAddress(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    static boolean isIpv4(String s) {
        if (s == null) {
            return false;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        if (s == null || s.indexOf(':') < 0 || s.length() > 45) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == ':' || c == '.' || c == '%' || Character.digit(c, 16) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
