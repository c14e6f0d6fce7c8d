package dev.th.normalize;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.model.Family;
import java.util.List;

/** How one (source, event id) becomes a canonical row: a row of {@code events.tsv} with its field rules. */
final class EventRule {
    final String source;
    final int eventId;
    final Family family;
    /** The operation, or the two the logic chooses from; empty for none. */
    final String[] operations;
    final Logic logic;
    final FieldRule[] fields;
    private final String familyLabel;

    EventRule(String source, int eventId, Family family, String[] operations, Logic logic, List<FieldRule> fields) {
        this.source = source;
        this.eventId = eventId;
        this.family = family;
        this.familyLabel = family.label();
        this.operations = operations;
        this.logic = logic;
        this.fields = fields.toArray(new FieldRule[0]);
    }

    void apply(RawEvent event, CanonicalEvent row) {
        row.set(Column.Family, familyLabel);
        if (operations.length > 0) {
            row.set(Column.Operation, operations[0]);
        }
        String lastName = null;
        String lastText = null;
        for (FieldRule f : fields) {
            Object v;
            String name = f.single;
            if (name != null) {
                // consecutive rules often read the same field (a path and its file name): read it once
                if (name != lastName) {
                    lastName = name;
                    lastText = event.field(name);
                }
                v = f.convert(lastText);
            } else {
                v = f.value(event);
            }
            if (v != null) {
                row.set(f.column, v);
            }
        }
        logic.apply(event, row, operations);
    }
}
