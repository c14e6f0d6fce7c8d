package dev.th.ask;

import dev.th.Row;
import java.util.List;

/** Makes a typed row from a result row. */
@FunctionalInterface
public interface RowFactory<T extends Row> {
    T make(Session session, List<String> columns, Object[] values);
}
