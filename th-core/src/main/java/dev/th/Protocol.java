package dev.th;

import dev.th.ask.Allowed;

/** The seed's {@code protocol} filter of communications (compared ignoring case). */
public enum Protocol implements Labeled {
    ICMP, IGMP, RFCOMM, TCP, RDP, UDP, ICMPV6, RM;

    @Override
    public String label() {
        return name();
    }

    public static Protocol parse(String text) {
        return Allowed.parse(Protocol.class, "protocol", text);
    }
}
