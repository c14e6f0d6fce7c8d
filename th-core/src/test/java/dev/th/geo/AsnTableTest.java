package dev.th.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AsnTable} on small hand-made CSV files in the ASN package's numeric format. */
class AsnTableTest {
    @TempDir
    Path dir;

    private AsnTable compile(String v4, String v6) throws IOException {
        Files.writeString(dir.resolve("v4.csv"), v4);
        Files.writeString(dir.resolve("v6.csv"), v6);
        AsnTable.compile(dir.resolve("v4.csv"), dir.resolve("v6.csv"), dir.resolve("asn.bin"));
        return AsnTable.open(dir.resolve("asn.bin"));
    }

    private static byte[] a(String ip) throws IOException {
        return InetAddress.getByName(ip).getAddress();
    }

    @Test
    void rangesEdgesQuotedOwnersAndOverlaps() throws IOException {
        // 1.0.0.0-1.0.0.255 = 16777216-16777471; 10.0.0.0-10.0.0.9 overlapped by 10.0.0.5-10.0.0.20;
        // 255.255.255.0-255.255.255.255 checks unsigned ends
        AsnTable t = compile("""
                16777216,16777471,13335,"Cloudflare, Inc."
                167772160,167772169,1,First
                167772165,167772180,2,"Second ""quoted""\"
                4294967040,4294967295,3,Top
                """, """
                42540528726795050063891204319802818560,42540528806023212578155541913346768895,2500,WIDE
                340282366920938463463374607431768211455,340282366920938463463374607431768211455,7,Last
                """);
        assertEquals(new AsnTable.As(13335, "Cloudflare, Inc."), t.find(a("1.0.0.0")));
        assertEquals(13335, t.find(a("1.0.0.255")).number());
        assertNull(t.find(a("1.0.1.0")));
        assertNull(t.find(a("0.255.255.255")));
        assertEquals(1, t.find(a("10.0.0.4")).number());
        assertEquals(2, t.find(a("10.0.0.5")).number(), "the later range wins its overlap");
        assertEquals("Second \"quoted\"", t.find(a("10.0.0.20")).owner());
        assertNull(t.find(a("10.0.0.21")));
        assertEquals(3, t.find(a("255.255.255.255")).number());
        assertEquals(2500, t.find(a("2001:200::1")).number());
        assertEquals(2500, t.find(a("2001:200:ffff:ffff:ffff:ffff:ffff:ffff")).number());
        assertNull(t.find(a("2001:201::")));
        assertEquals(7, t.find(a("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).number());
    }

    @Test
    void badLinesAreErrorsWithFileAndLine() throws IOException {
        IOException e = assertThrows(IOException.class, () -> compile("16777216,16777471,13335,A\nx,2,3,B\n", ""));
        assertTrue(e.getMessage().contains("v4.csv line 2"), e.getMessage());
        e = assertThrows(IOException.class, () -> compile("20,30,1,A\n10,15,2,B\n", ""));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("ascending"), e.getMessage());
        e = assertThrows(IOException.class, () -> compile("4294967296,4294967296,1,A\n", ""));
        assertTrue(e.getMessage().contains("IPv4"), e.getMessage());
        Files.writeString(dir.resolve("other.bin"), "not a table at all, long enough");
        e = assertThrows(IOException.class, () -> AsnTable.open(dir.resolve("other.bin")));
        assertTrue(e.getMessage().contains("THASN001"), e.getMessage());
    }
}
