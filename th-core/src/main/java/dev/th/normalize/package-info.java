/**
 * Normalization: a {@link dev.th.event.RawEvent} becomes one row of the canonical table
 * ({@link dev.th.normalize.Normalizer}, the only public class).
 *
 * <p>The mapping is data, in {@code sources.tsv} (which channel or provider is Sysmon,
 * Security, PowerShell, Defender; matched ignoring case, channel first), {@code events.tsv}
 * ((source, event id) → family, Operation, logic) and {@code fields.tsv} (field → column with
 * a conversion), with the value tables {@code msgids.tsv} (%%nnnn message ids), {@code hives.tsv}
 * (registry paths in Sysmon's spelling) and {@code sids.tsv} (well-known SIDs). Code holds only
 * decisions: PE extensions, registry event types, Zone.Identifier, connection direction (Sysmon 3
 * and the Windows Filtering Platform), Security object access by ObjectType and AccessMask, IP
 * classes, and value parsing (pids in decimal or 0x-hex, GUIDs without braces in lower case, the
 * MD5 of a Hashes list in lower case, the last path component). What needs more than one event
 * (drive letters, clock offsets, DNS names, SID names, 4660 objects) is done by the store
 * (th-duckdb, {@code dev.th.store.link}). docs/normalize.md has the whole table.
 *
 * <p>Rules worth knowing (the tables say the rest):
 * <ul>
 *   <li>Parent = the acting process, Child = its target (the new, ended, loaded, accessed or
 *       threaded process; the file; the detected file). Paths are kept as written; values are
 *       trimmed and "" or "-" become null. ParentMd5 stays null (no event carries it).</li>
 *   <li>LoggedUser, as {@code DOMAIN\\user}: Sysmon's {@code User} ({@code SourceUser} for 8
 *       and 10); Security 4688: {@code TargetDomainName\\TargetUserName} (the new process's
 *       account, Windows 10+) when present, else the creator
 *       {@code SubjectDomainName\\SubjectUserName}, LogonId likewise (TargetLogonId unless
 *       0x0, else SubjectLogonId); 4689, 4663, 5145, 4657, 4672: the Subject; 4624, 4625,
 *       4634, 4647, 4648: the Target (the account that logs on; for 4648 the explicit
 *       credentials, with the Subject's LogonId); Defender: {@code Detection User};
 *       PowerShell 4104: none (only a SID is logged, in UserSid; the store joins it to a name).
 *       A well-known Security SID gives Sysmon's name for it (S-1-5-18: NT AUTHORITY\SYSTEM).</li>
 *   <li>Operations: process create/kill/thread/load/access; file create (Sysmon 11 with a PE
 *       extension) or script (other Sysmon 11 files, PowerShell 4104), modify, delete, stream,
 *       access; registry create/delete (Sysmon 12 by EventType), modify, rename, access; logon
 *       logon (4624), failed (4625), logoff (4634, 4647), explicit (4648), privileged (4672),
 *       validate (4776), tgt (4768), service-ticket (4769), preauth-failed (4771), reconnect (4778),
 *       disconnect (4779);
 *       network and bind: none, or blocked (5157, 5159); none for dns, detection,
 *       blocked, raw.</li>
 *   <li>Registry: Key = TargetObject (Security: ObjectName); for value events (SetValue,
 *       DeleteValue) the last component is split off into Value; ValueData = Details (13),
 *       NewName (14), NewValue (4657).</li>
 *   <li>Network (Sysmon 3): Initiated true → Outgoing, local end = Source; false → Incoming,
 *       local end = Destination; Protocol upper case; Ipv4Status of the remote address
 *       (Private: RFC 1918, loopback, link-local, CGNAT, 0/8, multicast, broadcast, IPv6
 *       ::/::1, fe80::/10, fc00::/7, ff00::/8, IPv4-mapped by their IPv4 part).</li>
 *   <li>External: only from Sysmon 15 — true for a {@code :Zone.Identifier} stream whose
 *       logged content has ZoneId ≥ 3, false for a lower ZoneId, null otherwise. The other
 *       attributes and Kind stay null for enrichment.</li>
 *   <li>Blocked (Sysmon 27, 28): WinningTech {@code Sysmon}, Action the Sysmon event name
 *       (FileBlockExecutable, FileBlockShredding); Sysmon 29 (FileExecutableDetected) is a
 *       detection. Detection (Defender 1116-1119): WinningTech = Source Name, DetectionId =
 *       Detection ID, Action = Action Name, Child = the {@code file:_} item of Path, Parent =
 *       Process Name; Defender 1121/1126 blocked, 1122/1125 detections (attack surface
 *       reduction, network protection: Action block or audit).</li>
 *   <li>DateTime is truncated to microseconds (the store's precision and evtx_dump's).</li>
 * </ul>
 */
package dev.th.normalize;
