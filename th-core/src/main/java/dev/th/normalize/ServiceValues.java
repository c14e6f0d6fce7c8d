package dev.th.normalize;

import java.util.Locale;

/**
 * A service's type and start type in one spelling whichever log gave them: System 7045 writes
 * words ({@code user mode service}, {@code demand start}), Security 4697 the numbers of the
 * service control manager ({@code 0x10}, {@code 3}); 7040 writes the start types as words.
 */
final class ServiceValues {
    private static final String[] START = {"boot", "system", "auto", "demand", "disabled"};

    private ServiceValues() {
    }

    /** boot, system, auto, demand or disabled; text it does not know is kept as logged. */
    static String startType(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        Long n = number(s);
        if (n != null) {
            return n >= 0 && n < START.length ? START[n.intValue()] : v;
        }
        if (s.endsWith(" start")) {
            s = s.substring(0, s.length() - " start".length()).trim();
        }
        return s.startsWith("auto") ? "auto" : s; // "auto start (delayed)" too
    }

    /** 7045's words for 4697's type numbers (SERVICE_KERNEL_DRIVER 0x1, ... SERVICE_WIN32_SHARE_PROCESS 0x20). */
    static String type(String v) {
        Long n = number(v.trim().toLowerCase(Locale.ROOT));
        if (n == null) {
            return v;
        }
        long t = n & ~0x100L; // SERVICE_INTERACTIVE_PROCESS
        if (t == 0x1) {
            return "kernel mode driver";
        }
        if (t == 0x2) {
            return "file system driver";
        }
        if ((t & 0x30) != 0) {
            return "user mode service";
        }
        return v;
    }

    private static Long number(String s) {
        try {
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
