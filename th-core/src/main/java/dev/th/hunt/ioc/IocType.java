package dev.th.hunt.ioc;

import java.util.Locale;

/** The kinds of indicator a user can load, and the canonical columns each is matched against. */
public enum IocType {
    /** An MD5 file hash, matched against ChildMd5 and ParentMd5. */
    MD5("ChildMd5", "ParentMd5"),
    /** An IPv4 or IPv6 address, matched against RemoteIp. */
    IP("RemoteIp"),
    /** A domain name, matched against QueryName (the domain itself and its subdomains). */
    DOMAIN("QueryName");

    private final String[] columns;

    IocType(String... columns) {
        this.columns = columns;
    }

    /** The canonical columns this kind is matched against. */
    public String[] columns() {
        return columns.clone();
    }

    /** The prefix spelling ({@code md5}, {@code ip}, {@code domain}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
