package dev.th.hunt.ioa;

import java.time.Instant;
import java.util.List;

/**
 * One indicator of attack: a hunting rule that matched an event on a machine. The first
 * fourteen components are the seed's {@code get_ioas} columns (same names, same order); then
 * the rule's id, title and author (SigmaHQ's DRL-1.1 asks for the author with every alert of
 * its rules) and {@code eventRef}, the matched event's source file and record
 * ({@code path#record}); {@code sourceHash} and {@code recordId} identify that record across
 * ingests and, with the client and the rule, give the stable {@link #id}.
 *
 * @param alertDateTime time of the matched event (UTC)
 * @param clientId the client (tenant)
 * @param critical true when the rule's level is critical (see {@link Level})
 * @param details JSON: the rule (id, title, author, level, status, references, description)
 *     and the matched event (channel, id, computer, time, every field)
 * @param excluded true when a hunter excluded it (e.g. a false positive)
 * @param huntingRule the rule's title
 * @param id 16 hex digits, a function of client, rule and matched record (see {@link IoaIds})
 * @param lastHourEvidenceCount other IoAs of the same rule on the same machine within the hour
 *     up to this one's time (see {@link EvidenceCounter})
 * @param mitre ATT&CK techniques of the rule's tags, {@code "T1003.001 LSASS Memory; ..."}
 * @param muid the machine's id
 * @param severity the rule's level: informational, low, medium, high or critical
 * @param status {@link IoaStatus} label
 * @param timeStamp when TH first produced this IoA
 * @param weight a function of the level (see {@link Level})
 */
public record Ioa(
        Instant alertDateTime,
        String clientId,
        boolean critical,
        String details,
        boolean excluded,
        String huntingRule,
        String id,
        int lastHourEvidenceCount,
        String mitre,
        String muid,
        String severity,
        String status,
        Instant timeStamp,
        int weight,
        String ruleId,
        String ruleTitle,
        String ruleAuthor,
        String eventRef,
        String machineName,
        String sourceHash,
        long recordId) {

    /** The seed's columns, in the seed's order. */
    public static final List<String> SEED_COLUMNS = List.of("alertDateTime", "clientId", "critical", "details",
            "excluded", "huntingRule", "id", "lastHourEvidenceCount", "mitre", "muid", "severity", "status",
            "timeStamp", "weight");

    /** The columns of {@code th hunt} output: the seed's, then the rule and the event. */
    public static final List<String> OUTPUT_COLUMNS = List.of("alertDateTime", "clientId", "critical", "details",
            "excluded", "huntingRule", "id", "lastHourEvidenceCount", "mitre", "muid", "severity", "status",
            "timeStamp", "weight", "ruleId", "ruleTitle", "ruleAuthor", "eventRef");

    /** The columns of the text table {@code th hunt} prints: the readable ones, no details. */
    public static final List<String> TABLE_COLUMNS = List.of("alertDateTime", "machineName", "severity", "critical",
            "weight", "huntingRule", "mitre", "lastHourEvidenceCount", "status", "excluded", "id", "eventRef");

    /** This IoA with another evidence count. */
    public Ioa withEvidence(int count) {
        return new Ioa(alertDateTime, clientId, critical, details, excluded, huntingRule, id, count, mitre, muid,
                severity, status, timeStamp, weight, ruleId, ruleTitle, ruleAuthor, eventRef, machineName, sourceHash,
                recordId);
    }

    /** The value of an {@link #OUTPUT_COLUMNS} column. */
    public Object column(String name) {
        return switch (name) {
            case "alertDateTime" -> alertDateTime;
            case "clientId" -> clientId;
            case "critical" -> critical;
            case "details" -> details;
            case "excluded" -> excluded;
            case "huntingRule" -> huntingRule;
            case "id" -> id;
            case "lastHourEvidenceCount" -> lastHourEvidenceCount;
            case "mitre" -> mitre;
            case "muid" -> muid;
            case "severity" -> severity;
            case "status" -> status;
            case "timeStamp" -> timeStamp;
            case "weight" -> weight;
            case "ruleId" -> ruleId;
            case "ruleTitle" -> ruleTitle;
            case "ruleAuthor" -> ruleAuthor;
            case "eventRef" -> eventRef;
            case "machineName" -> machineName;
            default -> throw new IllegalArgumentException("no IoA column " + name);
        };
    }
}
