package dev.th;

import dev.th.ask.Allowed;

/** The seed's named ports of the {@code port} filter; a port may also be given by number. */
public enum Port implements Labeled {
    FTP(21), SSH(22), TELNET(23), SMTP(25), HTTP(80), POP3(110), HTTPS(443), RDP(3389);

    private final int number;

    Port(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    @Override
    public String label() {
        return name();
    }

    /** A port number from a number ({@code 8080}) or a name ({@code HTTPS}). */
    public static int parseNumber(String text) {
        String t = text == null ? "" : text.trim();
        if (t.matches("\\d{1,5}")) {
            int n = Integer.parseInt(t);
            if (n <= 65535) {
                return n;
            }
        }
        try {
            return Allowed.parse(Port.class, "port", t).number;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", or a number 0..65535", e);
        }
    }
}
