package dev.th.server;

import java.util.Locale;

/** What a token may do: read; triage (also IoA status); ingest (also uploads); admin (everything). */
enum Role {
    READ, TRIAGE, INGEST, ADMIN;

    boolean allows(Role needed) {
        return this == ADMIN || this == needed || needed == READ || (this == INGEST && needed == TRIAGE);
    }

    static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + text + "': allowed read, triage, ingest, admin");
        }
    }
}
