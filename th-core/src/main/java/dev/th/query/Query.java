package dev.th.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A read query of the query model: one table (or an inner query), selected expressions with
 * names, a condition, grouping, order and limit. Built fluently; rendered to SQL by
 * {@link SqlRenderer}; run by a {@link QueryEngine}. Each builder call returns a new query.
 */
public final class Query {

    /** A selected expression and the column name it gets. */
    public record Item(Expr expr, String name) {
    }

    /** An ordering term. */
    public record Order(Expr expr, boolean descending) {
    }

    private final String table;
    private final Query inner;
    private final List<Item> items;
    private final Cond where;
    private final List<Expr> groupBy;
    private final Cond having;
    private final List<Order> orderBy;
    private final Integer limit;
    private final boolean distinct;

    private Query(String table, Query inner, List<Item> items, Cond where, List<Expr> groupBy, Cond having,
            List<Order> orderBy, Integer limit, boolean distinct) {
        this.table = table;
        this.inner = inner;
        this.items = List.copyOf(items);
        this.where = where;
        this.groupBy = List.copyOf(groupBy);
        this.having = having;
        this.orderBy = List.copyOf(orderBy);
        this.limit = limit;
        this.distinct = distinct;
    }

    /** A query over a table of the store. */
    public static Query from(String table) {
        return new Query(Objects.requireNonNull(table), null, List.of(), null, List.of(), null, List.of(), null, false);
    }

    /** A query over the rows of another query. */
    public static Query from(Query inner) {
        return new Query(null, Objects.requireNonNull(inner), List.of(), null, List.of(), null, List.of(), null, false);
    }

    /** Adds selected expressions. */
    public Query select(Item... more) {
        List<Item> all = new ArrayList<>(items);
        all.addAll(List.of(more));
        return new Query(table, inner, all, where, groupBy, having, orderBy, limit, distinct);
    }

    /** Adds one selected expression named {@code name}. */
    public Query select(Expr expr, String name) {
        return select(new Item(expr, name));
    }

    /** Adds columns selected under their own names. */
    public Query selectColumns(List<String> columns) {
        List<Item> all = new ArrayList<>(items);
        for (String c : columns) {
            all.add(new Item(Expr.col(c), c));
        }
        return new Query(table, inner, all, where, groupBy, having, orderBy, limit, distinct);
    }

    /** ANDs a condition to the WHERE clause. */
    public Query where(Cond cond) {
        if (cond == null) {
            return this;
        }
        Cond w;
        if (where == null) {
            w = cond;
        } else if (where instanceof Cond.And a) {
            List<Cond> parts = new ArrayList<>(a.parts());
            parts.add(cond);
            w = new Cond.And(parts);
        } else {
            w = new Cond.And(List.of(where, cond));
        }
        return new Query(table, inner, items, w, groupBy, having, orderBy, limit, distinct);
    }

    public Query groupBy(Expr... exprs) {
        List<Expr> all = new ArrayList<>(groupBy);
        all.addAll(List.of(exprs));
        return new Query(table, inner, items, where, all, having, orderBy, limit, distinct);
    }

    public Query having(Cond cond) {
        return new Query(table, inner, items, where, groupBy, cond, orderBy, limit, distinct);
    }

    public Query orderBy(Expr expr, boolean descending) {
        List<Order> all = new ArrayList<>(orderBy);
        all.add(new Order(expr, descending));
        return new Query(table, inner, items, where, groupBy, having, all, limit, distinct);
    }

    public Query limit(Integer n) {
        return new Query(table, inner, items, where, groupBy, having, orderBy, n, distinct);
    }

    public Query distinct() {
        return new Query(table, inner, items, where, groupBy, having, orderBy, limit, true);
    }

    public String table() {
        return table;
    }

    public Query inner() {
        return inner;
    }

    public List<Item> items() {
        return items;
    }

    public Cond where() {
        return where;
    }

    public List<Expr> groupBy() {
        return groupBy;
    }

    public Cond having() {
        return having;
    }

    public List<Order> orderBy() {
        return orderBy;
    }

    public Integer limit() {
        return limit;
    }

    public boolean isDistinct() {
        return distinct;
    }

    /** The names of the selected columns, in order. */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (Item i : items) {
            names.add(i.name());
        }
        return names;
    }
}
