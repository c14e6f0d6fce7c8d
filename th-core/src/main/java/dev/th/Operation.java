package dev.th;

import dev.th.ask.Allowed;

/**
 * The seed's {@code operation} filter, one enum per family (the values each seed method allows,
 * plus the few more the store holds, e.g. process {@code access} for Sysmon 10). The label is
 * the value of the {@code Operation} column.
 */
public interface Operation extends Labeled {

    /** Operations over processes ({@code get_executions}). */
    enum Process implements Operation {
        /** Process creation (Sysmon 1, Security 4688). */
        CREATE,
        /** Process end (Sysmon 5, Security 4689). */
        KILL,
        /** Remote thread creation (Sysmon 8). */
        THREAD,
        /** Library load (Sysmon 7). */
        LOAD,
        /** Process access (Sysmon 10; beyond the seed). */
        ACCESS;

        @Override
        public String label() {
            return Allowed.lower(name());
        }

        public static Process parse(String text) {
            return Allowed.parse(Process.class, "process operation", text);
        }
    }

    /** Operations over files ({@code get_files}). */
    enum File implements Operation {
        /** PE file creation. */
        CREATE,
        /** PE file modification. */
        MODIFY,
        /** File deletion. */
        DELETE,
        /** File rename. */
        RENAME,
        /** Folder creation. */
        FOLDER,
        /** CMP file creation. */
        NEWCMP,
        /** CMP file open. */
        OPENCMP,
        /** Data access. */
        ACCESS,
        /** Operations over non-PE / script files. */
        SCRIPT,
        /** Alternate data stream creation (Sysmon 15; beyond the seed). */
        STREAM;

        @Override
        public String label() {
            return Allowed.lower(name());
        }

        public static File parse(String text) {
            return Allowed.parse(File.class, "file operation", text);
        }
    }

    /** Operations over registry keys ({@code get_registry}). */
    enum Registry implements Operation {
        /** Key creation. */
        CREATE,
        /** Value modification. */
        MODIFY,
        /** Monitored key access. */
        ACCESS,
        /** Key or value deletion (beyond the seed). */
        DELETE,
        /** Key rename (beyond the seed). */
        RENAME;

        @Override
        public String label() {
            return Allowed.lower(name());
        }

        public static Registry parse(String text) {
            return Allowed.parse(Registry.class, "registry operation", text);
        }
    }
}
