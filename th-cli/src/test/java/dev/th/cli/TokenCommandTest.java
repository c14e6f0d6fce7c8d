package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** th token create, list and revoke: the token is printed once and never stored in clear. */
class TokenCommandTest {
    @TempDir
    Path dir;

    @Test
    void createListRevoke() throws Exception {
        Run c = Run.th("token", "create", "--db", dir.toString(), "--client", "acme", "beta", "--role", "triage");
        assertEquals(0, c.exit(), c.toString());
        String token = c.out().trim();
        assertTrue(token.matches("th_[0-9a-f]{48}"), token);
        assertFalse(Files.readString(dir.resolve("tokens.json")).contains(token.substring(3)), "stored hashed only");
        String id = dev.th.server.Tokens.idOf(token);
        Run l = Run.th("token", "list", "--db", dir.toString());
        assertTrue(l.out().contains(id) && l.out().contains("triage") && l.out().contains("acme,beta"), l.toString());
        assertFalse(l.out().contains(token.substring(11)), "list never shows the token");
        assertEquals(0, Run.th("token", "revoke", "--db", dir.toString(), id).exit());
        assertEquals(1, Run.th("token", "revoke", "--db", dir.toString(), id).exit(), "revoked twice: no such token");
        Run bad = Run.th("token", "create", "--db", dir.toString(), "--client", "acme", "--role", "boss");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("allowed read, triage, ingest, admin"), bad.err());
    }
}
