package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Machine.files() and Machine.registry() (get_files, get_registry) on MKT01, counted from the
 * source events with DESIGN.md's mapping: files: Sysmon 11 → create for PE targets (1) or script
 * (278), PowerShell 4104 → script (146), Sysmon 2 → modify (30), Sysmon 23 + 26 → delete (45 + 75),
 * Sysmon 15 → stream (6), Security 4663 → access (2). Registry: Sysmon 13 → modify (3310),
 * Sysmon 12 CreateKey → create (2695), DeleteKey/DeleteValue → delete (22 + 449).
 */
class Machine_FilesRegistryTest extends OtrfStoreTest {
    static Machine mkt;

    @BeforeAll
    static void open() {
        mkt = th.machine("MKT01");
    }

    @Test
    void fileOperations() {
        assertEquals(1, mkt.files().operation(Operation.File.CREATE).fetch().size());
        assertEquals(278 + 146, mkt.files().operation(Operation.File.SCRIPT).fetch().size());
        assertEquals(30, mkt.files().operation("modify").fetch().size());
        assertEquals(120, mkt.files().operation(Operation.File.DELETE).fetch().size());
        assertEquals(6, mkt.files().operation(Operation.File.STREAM).fetch().size());
        // the Security 4656 handle requests on File objects: 207 with mask 0x120089, 6 with 0x100001
        // (its two 4663 are on lsass.exe, a Process object: process accesses)
        assertEquals(213, mkt.files().operation(Operation.File.ACCESS).fetch().size());
        for (Operation.File op : List.of(Operation.File.RENAME, Operation.File.FOLDER, Operation.File.NEWCMP, Operation.File.OPENCMP)) {
            assertEquals(0, mkt.files().operation(op).fetch().size(), op.label());
        }
        assertEquals(1 + 424 + 30 + 120 + 6 + 213, mkt.files().fetch().size());
    }

    @Test
    void fileRowsAndColumns() {
        Hits<File> created = mkt.files().operation(Operation.File.CREATE).fetch();
        assertEquals(List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildPath", "ChildMd5", "ChildPid",
                "ParentFilename", "ParentMd5", "ParentPid", "CommandLine", "RemoteIp", "Operation", "RemoteSession", "External",
                "FreshUnknown", "LanShared"), created.columns());
        File f = created.get(0);
        assertTrue(f.path().toLowerCase().matches(".*\\.(exe|dll|sys|scr|cpl|ocx|com|drv|efi)"), f.path());
        assertEquals("create", f.operation());
        assertEquals(0, mkt.files().kind(Kind.HACKINGTOOL).fetch().size());
        // External (counted in the JSON): the 14 Sysmon 11 and 6 Sysmon 15 that msedge.exe wrote outside its own
        // AppData state (its Temp files, Downloads: winx64_payload.exe and its 3 Zone.Identifier streams with
        // ZoneId=3), and 1 Sysmon 23 deleting Temp\.ses after a write of it (the other delete is 1 ms before the first write)
        Hits<File> external = mkt.files().attributes(Attribute.ATTR_EXTERNAL).fetch();
        assertEquals(14 + 6 + 1, external.size());
        int zones = 0;
        for (File x : external) {
            String p = x.path().toLowerCase(java.util.Locale.ROOT);
            assertTrue(p.contains("\\downloads\\") || p.contains("\\appdata\\local\\temp\\"), x.path());
            assertEquals("msedge.exe", x.text("ParentFilename"));
            zones += p.endsWith("winx64_payload.exe:zone.identifier") && x.operation().equals("stream") ? 1 : 0;
        }
        assertEquals(3, zones);
        assertEquals(0, mkt.files().attributes(Attribute.ATTR_REMOTE, Attribute.ATTR_LANSHARED).fetch().size());
        assertEquals(0, mkt.files().file("nothing' OR 1=1; DROP TABLE events; --").fetch().size());
        assertTrue(mkt.files().user("stevie.marie").fetch().size() > 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mkt.files().operation("kill"));
        assertTrue(e.getMessage().contains("create, modify, delete, rename, folder, newcmp, opencmp, access, script"), e.getMessage());
    }

    @Test
    void registryOperations() {
        assertEquals(3310, mkt.registry().operation(Operation.Registry.MODIFY).fetch().size());
        assertEquals(2695, mkt.registry().operation("create").fetch().size());
        assertEquals(471, mkt.registry().operation(Operation.Registry.DELETE).fetch().size());
        // the Security 4656 on Key objects: 12 with mask 0x3001f, 1 with 0x20019
        assertEquals(13, mkt.registry().operation(Operation.Registry.ACCESS).fetch().size());
        assertEquals(0, mkt.registry().operation(Operation.Registry.RENAME).fetch().size());
        Hits<Registry> set = mkt.registry().operation(Operation.Registry.MODIFY).fetch();
        assertEquals(List.of("DateTime", "Muid", "LoggedUser", "Key", "Value", "ValueData", "ParentFilename", "ParentMd5",
                "ParentPid", "CommandLine", "RemoteIp", "Operation", "RemoteSession", "External", "FreshUnknown", "LanShared"),
                List.of(set.frame().getColumnsIndex().toArray()));
        Registry r = set.get(0);
        assertTrue(r.key().startsWith("HK"), r.key());
        assertTrue(r.value() != null && !r.value().isEmpty(), r.toString());
        // a registry row's kind is its actor's: every row acted by an admin tool, and some are
        Hits<Registry> byAdmin = mkt.registry().kind("admintool").fetch();
        assertTrue(byAdmin.size() > 0 && byAdmin.size() < mkt.registry().fetch().size(), "" + byAdmin.size());
        for (Registry x : byAdmin.list()) {
            String kinds = dev.th.normalize.KindTable.standard().kinds(x.text("ParentFilename"), null);
            assertTrue(kinds != null && kinds.contains("admintool"), x.toString());
        }
    }

    @Test
    void histogramsCountTheRows() {
        Hits<Bucket> files = mkt.files().operation(Operation.File.DELETE).histogram(Histogram.byHour()).fetch();
        assertEquals(120, files.list().stream().mapToLong(Bucket::count).sum());
        Hits<Bucket> reg = mkt.registry().histogram(Histogram.byDay().split("Operation", 1)).fetch();
        assertEquals(1, reg.size());
        assertEquals("modify", reg.get(0).splitValue());
        assertEquals(3310, reg.get(0).count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mkt.registry().histogram(Histogram.byDay().split("CommandLine; DROP", 1)));
        assertTrue(e.getMessage().contains("allowed: Muid, LoggedUser, Key"), e.getMessage());
        // the two Sysmon 29 (FileExecutableDetected), one day
        assertEquals(1, mkt.detections().histogram(Histogram.byDay()).fetch().size());
    }

    @Test
    void registryFileFilterIsTheActingProcess() {
        int all = mkt.registry().fetch().size();
        int svchost = mkt.registry().file("svchost.exe").fetch().size();
        assertTrue(svchost > 0 && svchost < all);
        for (Registry r : mkt.registry().file("svchost.exe").fetch()) {
            assertEquals("svchost.exe", r.parentFilename().toLowerCase());
        }
    }
}
