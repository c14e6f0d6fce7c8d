package dev.th.normalize;

import dev.th.event.RawEvent;
import dev.th.model.Column;

/**
 * One row of {@code fields.tsv}: where a column's value comes from. Alternatives are tried in
 * order; each is a field, a {@code Domain\User} pair of fields, or a constant.
 */
final class FieldRule {
    final Column column;
    final Conversion conversion;
    /** Per alternative: {field} or {domainField, userField}; null for a constant. */
    private final String[][] alternatives;
    private final String constant;

    FieldRule(Column column, String[][] alternatives, String constant, Conversion conversion) {
        this.column = column;
        this.alternatives = alternatives;
        this.constant = constant;
        this.conversion = conversion;
    }

    /** The converted value for {@code event}, or null. */
    Object value(RawEvent event) {
        if (constant != null) {
            return constant;
        }
        String text = null;
        int last = alternatives.length - 1;
        for (int i = 0; i <= last && text == null; i++) {
            String[] alt = alternatives[i];
            String v = alt.length == 1 ? event.field(alt[0]) : joined(event, alt[0], alt[1]);
            if (!Values.absent(v) && (i == last || !isZero(v))) {
                text = v;
            }
        }
        return text == null ? null : conversion.convert(text);
    }

    private static String joined(RawEvent event, String domainField, String userField) {
        String user = event.field(userField);
        if (Values.absent(user)) {
            return null;
        }
        String domain = event.field(domainField);
        return Values.absent(domain) ? user : domain + '\\' + user;
    }

    /** "0x0": an empty logon id, skipped when another alternative follows. */
    private static boolean isZero(String v) {
        return v.length() == 3 && v.charAt(0) == '0' && v.charAt(1) == 'x' && v.charAt(2) == '0';
    }
}
