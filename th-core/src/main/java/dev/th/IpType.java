package dev.th;

import dev.th.ask.Allowed;

/** The seed's {@code iptype} filter, read from the {@code Ipv4Status} column. */
public enum IpType implements Labeled {
    PUBLIC("Public"), PRIVATE("Private");

    private final String label;

    IpType(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public static IpType parse(String text) {
        return Allowed.parse(IpType.class, "iptype", text);
    }
}
