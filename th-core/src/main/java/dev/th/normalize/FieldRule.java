package dev.th.normalize;

import dev.th.event.RawEvent;
import dev.th.model.Column;

/**
 * One row of {@code fields.tsv}: where a column's value comes from. Alternatives are tried in
 * order; each is a field, a {@code Domain\User} pair of fields, {@code @Field} (the account of
 * the well-known SID in Field, absent for any other SID), or a constant. A value that is a
 * message id ({@code %%nnnn}) becomes its text ({@code msgids.tsv}). Values are
 * trimmed of surrounding white space (EVTX keeps a trailing blank that evtx_dump JSON drops;
 * the original stays in Fields).
 */
final class FieldRule {
    final Column column;
    final Conversion conversion;
    /** Per alternative: {field} or {domainField, userField}; null for a constant. */
    private final String[][] alternatives;
    private final String constant;
    /** The field name when the rule reads exactly one field (interned), else null. */
    final String single;

    FieldRule(Column column, String[][] alternatives, String constant, Conversion conversion) {
        this.column = column;
        this.alternatives = alternatives;
        this.single = alternatives != null && alternatives.length == 1 && alternatives[0].length == 1
                && alternatives[0][0].charAt(0) != '@' ? alternatives[0][0].intern() : null;
        this.constant = constant;
        this.conversion = conversion;
    }

    /** The converted value of a field's text already read (for {@link #single} rules). */
    Object convert(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (Values.absent(t)) {
            return null;
        }
        if (t.length() > 2 && t.charAt(0) == '%' && t.charAt(1) == '%') {
            t = Vocabulary.standard().resolve(t);
        }
        return conversion.convert(t);
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
            String v = alt.length == 2 ? joined(event, alt[0], alt[1])
                    : alt[0].charAt(0) == '@' ? Vocabulary.standard().wellKnownSid(event.field(alt[0].substring(1)))
                    : event.field(alt[0]);
            if (!Values.absent(v) && (i == last || !isZero(v))) {
                text = v;
            }
        }
        return convert(text);
    }

    private static String joined(RawEvent event, String domainField, String userField) {
        String user = event.field(userField);
        if (Values.absent(user)) {
            return null;
        }
        String domain = event.field(domainField);
        return Values.absent(domain) ? user : domain + '\\' + user;
    }

    /** "0x0" (an empty logon id) or "S-1-0-0" (the NULL SID): skipped when another alternative follows. */
    private static boolean isZero(String v) {
        return v.length() == 3 && v.charAt(0) == '0' && v.charAt(1) == 'x' && v.charAt(2) == '0' || v.equals("S-1-0-0");
    }
}
