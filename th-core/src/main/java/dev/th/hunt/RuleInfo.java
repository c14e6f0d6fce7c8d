package dev.th.hunt;

import java.util.List;

/**
 * What a loaded rule says about itself: its identity and the metadata an alert must show
 * (SigmaHQ's licence requires the author with every alert).
 *
 * @param source the file the rule was read from
 */
public record RuleInfo(String id, String title, String level, String status, List<String> tags, String author,
        List<String> references, String description, String source) {
}
