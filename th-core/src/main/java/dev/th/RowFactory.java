package dev.th;

import java.util.List;

/** Makes a typed row from a result row. */
@FunctionalInterface
interface RowFactory<T extends Row> {
    T make(Session session, List<String> columns, Object[] values);
}
