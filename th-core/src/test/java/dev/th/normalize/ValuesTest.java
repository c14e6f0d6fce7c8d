package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The value parsers, on the spellings found in the real data. */
class ValuesTest {
    @Test
    void pids() {
        assertEquals(7448L, Values.pid("7448"));
        assertEquals(7448L, Values.pid("0x1d18"));
        assertEquals(7448L, Values.pid("0X1D18"));
        assertEquals(0L, Values.pid("0x0"));
        assertNull(Values.pid("-"));
        assertNull(Values.pid(""));
        assertNull(Values.pid("12a"));
        assertNull(Values.pid("0x"));
        assertNull(Values.pid("99999999999999999999999"));
        assertEquals(63829, Values.port("63829"));
        assertNull(Values.port("70000"));
    }

    @Test
    void guidsFromEvtxAndJsonSpellingsAreEqual() {
        String evtx = Values.guid("{5aa13a44-0130-68fd-4e35-000000004002}");
        String json = Values.guid("5AA13A44-0130-68FD-4E35-000000004002");
        assertEquals("5aa13a44-0130-68fd-4e35-000000004002", evtx);
        assertEquals(evtx, json);
        String clean = "5aa13a44-0130-68fd-4e35-000000004002";
        assertSame(clean, Values.guid(clean)); // no copy when already normal
        assertNull(Values.guid("-"));
    }

    @Test
    void md5FromHashesInAnyOrderAndCase() {
        assertEquals("a561a96624ca5cd5491bfc1609e2958a",
                Values.md5("SHA1=317E563BFC7EC87B181D5A1745E43B8F5288DBFC,MD5=A561A96624CA5CD5491BFC1609E2958A,SHA256=D5B7"));
        assertEquals("6349c0af16bbd22b44bcbbe25c19d82d", Values.md5("MD5=6349C0AF16BBD22B44BCBBE25C19D82D,SHA256=E780"));
        assertEquals("6349c0af16bbd22b44bcbbe25c19d82d", Values.md5("sha256=e780,md5=6349c0af16bbd22b44bcbbe25c19d82d"));
        assertEquals("6349c0af16bbd22b44bcbbe25c19d82d", Values.md5("6349C0AF16BBD22B44BCBBE25C19D82D"));
        assertNull(Values.md5("SHA256=D5B7E8E44F37B1FBD79A79E3321244EEF946F419151374BD1BE4D6833754FED8"));
        assertNull(Values.md5("MD5=XYZ9C0AF16BBD22B44BCBBE25C19D82D"));
        assertNull(Values.md5("-"));
    }

    @Test
    void filenames() {
        assertEquals("certutil.exe", Values.filename("C:\\Windows\\System32\\certutil.exe"));
        assertEquals("jjs.exe", Values.filename("C:\\Users\\x\\info.rar\\jjs.exe"));
        assertEquals("System", Values.filename("System"));
        assertEquals("c:/windows/a.sys".substring(11), Values.filename("c:/windows/a.sys"));
        assertNull(Values.filename("C:\\Windows\\"));
        assertNull(Values.filename("-"));
    }

    @Test
    void peExtensions() {
        assertTrue(Logic.isPe("C:\\x\\rtcpef.DLL"));
        assertTrue(Logic.isPe("C:\\x\\a.efi"));
        assertFalse(Logic.isPe("C:\\x\\CrashpadMetrics-active.pma"));
        assertFalse(Logic.isPe("C:\\x.exe\\noext"));
        assertFalse(Logic.isPe("C:\\x\\a.exe:Zone.Identifier"));
    }

    @Test
    void defenderPaths() {
        assertEquals("C:\\Users\\u\\Downloads\\m.zip->x64/mimidrv.sys",
                Values.threatPath("containerfile:_C:\\Users\\u\\Downloads\\m.zip; file:_C:\\Users\\u\\Downloads\\m.zip->x64/mimidrv.sys"));
        assertEquals("C:\\Temp\\mimikatz.exe", Values.threatPath("file:_C:\\Temp\\mimikatz.exe"));
        assertEquals("mimidrv.sys", Values.filename(Values.threatPath("file:_C:\\a.zip->x64/mimidrv.sys")));
        assertEquals("HKLM\\Software\\x", Values.threatPath("regkey:_HKLM\\Software\\x"));
    }

    @Test
    void integrityFromMandatoryLabel() {
        assertEquals("Medium", Values.integrity("S-1-16-8192"));
        assertEquals("High", Values.integrity("S-1-16-12288"));
        assertEquals("System", Values.integrity("S-1-16-16384"));
    }

    @Test
    void ipClasses() {
        for (String p : new String[] {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.4", "127.0.0.1", "169.254.1.1",
                "100.64.0.1", "0.0.0.0", "224.0.0.252", "239.255.255.250", "255.255.255.255", "::1", "::", "fe80:0:0:0:5d91:ea18:e2b5:9755",
                "fd00::1", "ff02:0:0:0:0:0:0:fb", "::ffff:192.168.1.4", "fe80::1%12"}) {
            assertEquals("Private", IpClass.classify(p), p);
        }
        for (String p : new String[] {"8.8.8.8", "172.32.0.1", "172.15.0.1", "192.169.0.1", "100.128.0.1", "2001:4860:4860::8888",
                "::ffff:8.8.8.8", "1.1.1.1"}) {
            assertEquals("Public", IpClass.classify(p), p);
        }
        for (String p : new String[] {"-", "", "256.1.1.1", "1.2.3", "host.example", "1.2.3.4.5", "12345::1"}) {
            assertNull(IpClass.classify(p), p);
        }
    }
}
