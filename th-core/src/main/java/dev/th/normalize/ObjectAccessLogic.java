package dev.th.normalize;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.model.Family;

/**
 * The object-access events of the Security log by what they say, not by their id alone:
 * 4656 (a handle requested, often an audit failure) is an {@code access}; 4663 (an access) is a
 * {@code delete} when its AccessMask holds DELETE, a {@code modify} when it holds a write right,
 * else an {@code access}; 4660 (object deleted) a {@code delete}; 5145 (a file of a share) by its
 * AccessMask like 4663. Objects of type Key become registry actions (Key in Sysmon's spelling),
 * File file actions, Process process accesses (the target in Child, the mask in GrantedAccess);
 * other types (SAM, tokens, ...) stay raw. 4660 names no object: the store gives it the object
 * of the handle's 4656 or 4663 (docs/normalize.md). 4657 (a registry value changed) takes its
 * Operation from OperationType ({@code %%1904} new and {@code %%1905} modified: modify, as
 * Sysmon 13 logs both; {@code %%1906} deleted: delete).
 */
final class ObjectAccessLogic {
    private static final long DELETE = 0x10000L;
    /** WriteData, AppendData, WriteEA, DeleteChild, WriteAttributes, WRITE_DAC, WRITE_OWNER. */
    private static final long FILE_WRITE = 0x2L | 0x4L | 0x10L | 0x40L | 0x100L | 0x40000L | 0x80000L;
    /** Set value, create sub-key, create link, WRITE_DAC, WRITE_OWNER. */
    private static final long KEY_WRITE = 0x2L | 0x4L | 0x20L | 0x40000L | 0x80000L;

    private static final String FILE = Family.FILE.label();
    private static final String REGISTRY = Family.REGISTRY.label();
    private static final String PROCESS = Family.PROCESS.label();
    private static final String RAW = Family.RAW.label();

    private ObjectAccessLogic() {
    }

    static void objectAccess(RawEvent event, CanonicalEvent row) {
        int id = event.eventId();
        String type = event.field("ObjectType");
        type = type == null ? (id == 5145 || id == 4660 ? "File" : null) : type.trim();
        long mask = Values.number(event.field("AccessMask"));
        if ("Key".equalsIgnoreCase(type)) {
            row.set(Column.Family, REGISTRY);
            row.set(Column.Key, Vocabulary.standard().hive(row.text(Column.ChildPath)));
            row.set(Column.ChildPath, null);
            row.set(Column.ChildFilename, null);
            row.set(Column.Operation, operation(id, mask, KEY_WRITE));
        } else if ("File".equalsIgnoreCase(type)) {
            row.set(Column.Family, FILE);
            if (id == 5145) {
                String path = sharePath(event);
                row.set(Column.ChildPath, path);
                row.set(Column.ChildFilename, Values.filename(path));
            }
            row.set(Column.Operation, operation(id, mask, FILE_WRITE));
        } else if ("Process".equalsIgnoreCase(type)) {
            row.set(Column.Family, PROCESS);
            row.set(Column.Operation, "access");
            String access = event.field("AccessMask");
            if (!Values.absent(access)) {
                row.set(Column.GrantedAccess, access.trim());
            }
        } else {
            row.set(Column.Family, RAW);
            row.set(Column.Operation, null);
            row.set(Column.ChildPath, null);
            row.set(Column.ChildFilename, null);
        }
    }

    static void registryValue(RawEvent event, CanonicalEvent row) {
        String op = event.field("OperationType");
        if (op == null) {
            return;
        }
        String t = op.trim();
        if (t.equals("%%1906") || t.equalsIgnoreCase("Registry value deleted")) {
            row.set(Column.Operation, "delete");
        } else {
            row.set(Column.Operation, "modify");
        }
    }

    private static String operation(int eventId, long mask, long writeBits) {
        if (eventId == 4660) {
            return "delete";
        }
        if (eventId == 4656 || mask < 0) {
            return "access";
        }
        if ((mask & DELETE) != 0) {
            return "delete";
        }
        return (mask & writeBits) != 0 ? "modify" : "access";
    }

    /**
     * The file of a 5145: the share's local path and the relative name ({@code \??\C:\Users} and
     * {@code a\b.txt}: {@code C:\Users\a\b.txt}); the share name instead when no local path is
     * logged ({@code \\*\IPC$\lsarpc}).
     */
    static String sharePath(RawEvent event) {
        String local = event.field("ShareLocalPath");
        String relative = event.field("RelativeTargetName");
        String base = Values.absent(local) ? event.field("ShareName") : local.trim();
        if (base != null && base.startsWith("\\??\\")) {
            base = base.substring(4);
        }
        if (Values.absent(relative)) {
            return Values.absent(base) ? null : base;
        }
        String rel = relative.trim();
        if (Values.absent(base)) {
            return rel;
        }
        return base.endsWith("\\") ? base + rel : base + "\\" + rel;
    }
}
