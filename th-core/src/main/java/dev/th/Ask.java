package dev.th;

import dev.th.ask.Coverage;
import dev.th.ask.AllowList;
import dev.th.ask.Emptiness;
import dev.th.ask.Freshness;
import dev.th.ask.Rarity;
import dev.th.ask.Conditions;
import dev.th.ask.RowFactory;
import dev.th.ask.Scope;
import dev.th.ask.SeedColumns;
import dev.th.ask.Session;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.RowCursor;
import dev.th.query.Table;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.dflib.DataFrame;

/**
 * The common part of every question (the seed's keyword arguments become fluent options):
 * the period, a histogram instead of rows, and the filters each method allows. Call
 * {@link #fetch()} for typed rows, {@link #frame()} for a DataFrame, or
 * {@link #histogram(Histogram)} for buckets.
 *
 * @param <T> the row type
 * @param <S> the concrete question type (for fluent chaining)
 */
public abstract class Ask<T extends Row, S extends Ask<T, S>> {
    final Session session;
    final Scope scope;
    private TimePeriod period;
    private RecoveredRows recovered = RecoveredRows.INCLUDE;
    final List<Cond> filters = new ArrayList<>();
    private List<String> columns;
    private final RowFactory<T> factory;
    private final String family;
    /** Why an empty answer may be so whatever the data (filters no stored value can satisfy). */
    final Emptiness emptiness = new Emptiness();
    /** How FreshUnknown is decided (N days, k machines). */
    final Freshness freshness = new Freshness();
    /** The attributes asked for (OR'ed); empty: no attributes filter. */
    private final EnumSet<Attribute> attributes = EnumSet.noneOf(Attribute.class);
    /** The page asked for ({@link #page}); null: every row. */
    private int[] page;

    /**
     * A question over {@code scope} whose answer has the seed's {@code columns}, whose rows
     * {@code factory} makes, and which reads events of {@code family} (null: every family).
     */
    Ask(Session session, Scope scope, List<String> columns, RowFactory<T> factory, String family) {
        this.session = session;
        this.scope = scope;
        this.columns = columns;
        this.factory = factory;
        this.family = family;
    }

    @SuppressWarnings("unchecked")
    final S self() {
        return (S) this;
    }

    /** The seed's {@code period}: the time window (default: the owner's period, by default today). */
    public S period(TimePeriod p) {
        this.period = p;
        return self();
    }

    /** {@link #period(TimePeriod)} from text: {@code today}, {@code 7d}, {@code D1..D2}, {@code all}. */
    public S period(String text) {
        return period(TimePeriod.parse(text));
    }

    /**
     * Whether recovered records (carved from outside a log's live region, {@code Recovered} true)
     * are read: {@code include} (the default), {@code only} or {@code exclude}.
     */
    public S recovered(RecoveredRows r) {
        this.recovered = java.util.Objects.requireNonNull(r);
        return self();
    }

    /** {@link #recovered(RecoveredRows)} from text: {@code only}, {@code include}, {@code exclude}. */
    public S recovered(String text) {
        return recovered(RecoveredRows.parse(text));
    }

    /**
     * How many of the events this question reads (in its period, with its filters) are recovered
     * records: the number to flag beside an answer that includes them.
     */
    public long recoveredCount() {
        if (recovered == RecoveredRows.EXCLUDE) {
            return 0;
        }
        Cond c = Cond.and(List.of(baseCondition(true), Cond.eq("Recovered", true)));
        Table t = session.run(Query.from(table()).where(c).select(Expr.count(), "N"));
        return ((Number) t.rows().get(0)[0]).longValue();
    }

    /** The period this question reads. */
    public TimePeriod effectivePeriod() {
        return period != null ? period : scope.period().get();
    }

    /** The seed's {@code histogram}: the question returns counts per hour or day instead of rows. */
    public Buckets histogram(Histogram h) {
        return new Buckets(session, table(), baseCondition(false), columns(), h, effectivePeriod(), this::noData);
    }

    /**
     * Only the rows {@code offset} to {@code offset + limit} of the answer (in its order, which is
     * total): the engine reads no more than those, and {@link Hits#total()} counts every row.
     */
    public S page(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("page: offset and limit must be 0 or more, not " + offset + ", " + limit);
        }
        this.page = new int[] {offset, limit};
        return self();
    }

    /** Whether {@link #page} can be done by the engine (false when rows are dropped after the query). */
    boolean pageable() {
        return true;
    }

    /**
     * The most rows {@link #fetch()} and {@link #frame()} hold in memory (system property
     * {@code th.frame.maxRows}, default 1,000,000): past it they refuse, naming {@link #stream()}.
     */
    public static int maxRows() {
        return Integer.getInteger("th.frame.maxRows", 1_000_000);
    }

    /** Runs the question: the typed rows, in time order; refused past {@link #maxRows()} rows (use {@link #stream()}). */
    public Hits<T> fetch() {
        Query q = rowsQuery(Query.from(table()).where(baseCondition(true)));
        Long total = null;
        int skip = 0;
        int max = maxRows();
        if (page != null && pageable()) {
            Table n = session.run(Query.from(q).select(Expr.count(), "N"));
            total = ((Number) n.rows().get(0)[0]).longValue();
            if (q.limit() != null) {
                total = Math.min(total, q.limit());
            }
            long want = Math.min(Integer.MAX_VALUE, (long) page[0] + page[1]);
            q = q.limit((int) (q.limit() == null ? want : Math.min(q.limit(), want)));
            skip = page[0];
            max = Math.max(max, page[1]);
        } else if (q.limit() == null || q.limit() > max) {
            q = q.limit(max + 1);
        }
        List<Object[]> kept = new ArrayList<>();
        List<String> names;
        try (RowCursor c = session.open(q)) {
            names = c.columns();
            for (int i = 0; c.hasNext(); i++) {
                Object[] r = c.next();
                if (i >= skip) { // the rows before the page are read and dropped, never held
                    kept.add(r);
                }
            }
        }
        if (kept.size() > max) {
            throw new AnswerTooLarge(max);
        }
        Table t = completed(new Table(names, kept));
        List<T> rows = new ArrayList<>();
        for (Object[] r : t.rows()) {
            rows.add(made(factory().make(session, t.columns(), r)));
        }
        if (total != null) {
            String why = total == 0 ? explainEmpty() : null;
            return Hits.paged(columns(), rows, why, pageNote(rows), total);
        }
        String why = rows.isEmpty() ? explainEmpty() : null;
        return new Hits<>(columns(), rows, why, pageNote(rows));
    }

    /** An answer past {@link #maxRows()}: what to call instead. */
    public static final class AnswerTooLarge extends IllegalStateException {
        AnswerTooLarge(int max) {
            this(max, "read it row by row with stream() (try (Stream<T> rows = question.stream()) {...}),"
                    + " or a page at a time with page(offset, limit)");
        }

        AnswerTooLarge(int max, String instead) {
            super("the answer has more than " + String.format(java.util.Locale.ROOT, "%,d", max) + " rows, more than fetch() and"
                    + " frame() hold in memory: " + instead + "; th.frame.maxRows sets the bound");
        }
    }

    /**
     * Every row of the answer, in the order of {@link #fetch()}, read from the store as the stream
     * is consumed: memory holds the engine's current batch, whatever the answer's size (no
     * {@link #maxRows()} bound). Close the stream (try-with-resources): it holds a connection of
     * the engine until then, and no other question of the same engine should run while it is open.
     * A question whose rows TH completes or drops after the query ({@link #streams()} false) is
     * fetched whole and bounded as {@link #fetch()}. An empty stream says nothing of why: ask
     * {@link #fetch()} for its {@link Hits#emptyBecause()}.
     */
    public java.util.stream.Stream<T> stream() {
        if (!streams()) {
            return fetch().list().stream();
        }
        Query q = rowsQuery(Query.from(table()).where(baseCondition(true)));
        RowCursor c = session.open(q);
        List<String> names = c.columns();
        java.util.Iterator<T> rows = new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return c.hasNext();
            }

            @Override
            public T next() {
                return made(factory().make(session, names, c.next()));
            }
        };
        return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(rows,
                java.util.Spliterator.ORDERED | java.util.Spliterator.NONNULL), false).onClose(c::close);
    }

    /** Whether {@link #stream()} reads rows from the engine as they come (false: TH completes or drops rows after the query). */
    boolean streams() {
        return pageable();
    }

    /** What an answer of {@code rows} cannot tell (its coverage, the columns TH added, its rare files), or null. */
    private String pageNote(List<T> rows) {
        String muid = rows.isEmpty() ? null : Coverage.muidOf(scope.cond());
        String note = muid == null ? null : Coverage.outside(session, muid, effectivePeriod());
        String more = rows.isEmpty() ? null : completedNote();
        if (more != null) {
            note = note == null ? more : note + "; " + more;
        }
        String rare = listsFiles() ? Rarity.note(session, listed(rows)) : null;
        return rare == null ? note : note == null ? rare : note + "; " + rare;
    }

    /** A hook for the rows the engine returned, before they become typed rows (e.g. columns TH computes). */
    Table completed(Table t) {
        return t;
    }

    /** What {@link #completed} has to say about the last answer (e.g. where its added columns come from), or null. */
    String completedNote() {
        return null;
    }

    /** Whether the answer lists files (executions, files): then its rare files are noted. */
    boolean listsFiles() {
        return false;
    }

    private static List<Rarity.Listed> listed(List<? extends Row> rows) {
        List<Rarity.Listed> out = new ArrayList<>();
        for (Row r : rows) {
            String path = r.text("ChildPath");
            String name = r.text("ChildFilename");
            String parent = r.text("ParentPath");
            String key = Rarity.key(r.text("ChildMd5"), path, name, parent);
            String shown = name != null ? name : path != null ? path : parent;
            out.add(new Rarity.Listed(r.text("ClientId"), key, shown));
        }
        return out;
    }

    /** {@code fetch().frame()}: the seed's DataFrame. */
    public DataFrame frame() {
        return fetch().frame();
    }

    /** Adds columns after the seed's (the question asked for more than the seed gives). */
    final void addColumns(List<String> more) {
        columns = SeedColumns.concat(columns, more);
    }

    /** The seed's columns of this question's answer. */
    public final List<String> columns() {
        return columns;
    }

    final RowFactory<T> factory() {
        return factory;
    }

    /** The family this question reads, or null for every family. */
    final String family() {
        return family;
    }

    /** A hook for rows just made (e.g. to hand a process its period). */
    T made(T row) {
        if (row instanceof Process p) {
            p.period = effectivePeriod();
        }
        return row;
    }

    /** The selection, order and limit of the rows; by default the columns plus keys, in time order. */
    Query rowsQuery(Query filtered) {
        Query q = filtered;
        boolean fresh = columns().contains(Attribute.ATTR_FRESHUNKNOWN.column()) && Freshness.available(session);
        for (String c : Conditions.storedColumns(columns())) {
            q = fresh && c.equals(Attribute.ATTR_FRESHUNKNOWN.column()) ? q.select(freshness.expr(), c) : q.selectColumns(List.of(c));
        }
        return q.orderBy(Expr.col("DateTime"), false);
    }

    /** The table or view this question reads: the events, unless a question says otherwise. */
    String table() {
        return Session.EVENTS;
    }

    /** Scope, family, filters and (when asked) the period. */
    Cond baseCondition(boolean withPeriod) {
        List<Cond> all = new ArrayList<>();
        all.add(scope.cond());
        if (Session.EVENTS.equals(table())) {
            all.add(Conditions.SINGLE);
        }
        if (family() != null) {
            all.add(Cond.eq("Family", family()));
        }
        all.addAll(filters);
        if (!attributes.isEmpty()) {
            all.add(attributeCondition());
        }
        if (recovered == RecoveredRows.ONLY) {
            all.add(Cond.eq("Recovered", true));
        } else if (recovered == RecoveredRows.EXCLUDE) {
            all.add(Cond.or(List.of(Cond.isNull("Recovered"), Cond.eq("Recovered", false))));
        }
        if (withPeriod) {
            Cond p = Conditions.periodCondition(effectivePeriod(), session);
            if (p != null) {
                all.add(p);
            }
        }
        return Cond.and(all);
    }

    /** When the period hid every matching event: which period holds them; else when no data could match. */
    String explainEmpty() {
        String why = Conditions.explainEmpty(session, table(), baseCondition(false), effectivePeriod());
        return why != null ? why : noData();
    }

    /** Why nothing could match whatever the period (no event of the family, a value no event has), or null. */
    String noData() {
        return Session.EVENTS.equals(table()) ? emptiness.why(session, scope, family()) : null;
    }

    // ---- filters shared by several seed methods (each subclass exposes those its method has) ----

    /** Which side of an event a {@code file} filter reads. */
    enum Side { CHILD, PARENT }

    void fileFilter(Side side, List<File> files) {
        String prefix = side == Side.CHILD ? "Child" : "Parent";
        List<Cond> any = new ArrayList<>();
        for (File f : files) {
            any.add(f.matches(prefix));
        }
        filters.add(Cond.or(any));
    }

    void userFilter(List<String> users) {
        List<Cond> any = new ArrayList<>();
        for (String u : users) {
            any.add(userMatches(u));
        }
        filters.add(Cond.or(any));
    }

    /** A user name matches {@code DOMAIN\\name} or {@code name}, ignoring case. */
    static Cond userMatches(String user) {
        String u = user.trim();
        List<Cond> any = new ArrayList<>();
        any.add(Cond.inIgnoreCase("LoggedUser", List.of(u)));
        if (!u.contains("\\")) {
            any.add(new Cond.EndsWith(Expr.col("LoggedUser"), "\\" + u, true));
        }
        return Cond.or(any);
    }

    void kindFilter(List<Kind> kinds) {
        kindFilter("Kind", kinds);
    }

    void parentKindFilter(List<Kind> kinds) {
        kindFilter("ParentKind", kinds);
    }

    /** Kind and ParentKind hold a set (comma-joined labels, none a part of another): any of {@code kinds} matches. */
    private void kindFilter(String column, List<Kind> kinds) {
        List<Cond> any = new ArrayList<>();
        boolean child = column.equals("Kind");
        for (Kind k : kinds) {
            if (k == Kind.USERALLOWED) {
                any.add(allowed(child));
            } else {
                any.add(new Cond.Contains(Expr.col(column), k.label(), false)); // labels are stored lower case: no lower()
            }
        }
        if (kinds.contains(Kind.USERALLOWED) && AllowList.size(session) == 0) {
            emptiness.add(new Emptiness.Need(Cond.or(List.of()), true,
                    "the allow list is empty: 'th allow add --name|--path|--md5|--signer VALUE' adds to it, so this filter "
                    + "cannot match yet"));
        }
        filters.add(Cond.or(any));
        if (kinds.size() > 1 || kinds.get(0) != Kind.USERALLOWED) {
            emptiness.add(new Emptiness.Need(Cond.not(Cond.isNull(column)), true, "no event of the store has a "
                    + (child ? "kind" : "parent kind") + " yet (kinds are set at ingest; a store made before "
                    + "them gets them from 'th store renormalize'): a kind filter cannot match"));
        }
    }

    /** The row's binary (the child's, or with {@code child} false the actor's) is on its client's allow list. */
    final Cond allowed(boolean child) {
        return AllowList.available(session) ? AllowList.matches(child) : Cond.or(List.of());
    }

    /** Leaves out the rows whose binary (the child, else the actor) is on the client's allow list. */
    void excludeAllowedFilter() {
        if (AllowList.available(session)) {
            filters.add(Cond.not(AllowList.matches(true)));
        }
    }

    void operationFilter(List<? extends Operation> ops) {
        List<String> labels = new ArrayList<>();
        for (Operation o : ops) {
            labels.add(o.label());
        }
        filters.add(Cond.in("Operation", labels));
    }

    void commandFilter(List<String> commands) {
        List<Cond> any = new ArrayList<>();
        for (String c : commands) {
            any.add(Cond.contains("CommandLine", c));
        }
        filters.add(Cond.or(any));
    }

    void attributeFilter(List<Attribute> asked) {
        attributes.addAll(asked);
        List<Cond> present = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a != Attribute.ATTR_FRESHUNKNOWN) {
                present.add(Cond.not(Cond.isNull(a.column())));
            }
        }
        boolean fresh = attributes.contains(Attribute.ATTR_FRESHUNKNOWN);
        if (fresh && !Freshness.available(session)) {
            emptiness.add(new Emptiness.Need(Cond.or(List.of()), true, "this store keeps no sightings of files (it was made "
                    + "before FreshUnknown): run 'th store renormalize' once, then ask again"));
        } else if (!fresh) {
            emptiness.add(new Emptiness.Need(Cond.or(present), true, "no event of the store carries " + attributes
                    + " (External and LanShared are set at ingest, RemoteSession by logon sessions; a store made before "
                    + "them gets them from 'th store renormalize'): an attributes filter cannot match"));
        }
        if (attributes.equals(EnumSet.of(Attribute.ATTR_REMOTE))) {
            emptiness.add(new Emptiness.Need(Cond.not(Cond.isNull("RemoteSession")), false, "no event of " + scope.what()
                    + " is decided remote or local: RemoteSession comes from the logon sessions (Security 4624) of the"
                    + " process or its parents, and none of them is in the store"));
        }
    }

    /** The attributes asked for, OR'ed; FreshUnknown computed with this question's N and k. */
    private Cond attributeCondition() {
        List<Cond> any = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a != Attribute.ATTR_FRESHUNKNOWN) {
                any.add(Cond.eq(a.column(), true));
            } else if (Freshness.available(session)) {
                any.add(new Cond.Cmp(freshness.expr(), Cond.Op.EQ, Expr.param(true)));
            }
        }
        return Cond.or(any);
    }

    /**
     * N and k of FreshUnknown for this question: the file was first seen in its client at most
     * {@code days} days before the row, on at most {@code machines} machines (defaults 7 and 3).
     */
    void freshnessOf(int days, int machines) {
        freshness.set(days, machines);
    }

    /** Each of {@code texts} parsed by {@code parser} (at least one text, as {@link #list} asks). */
    static <E> E[] parse(String[] texts, String what, Function<String, E> parser, IntFunction<E[]> array) {
        List<E> out = new ArrayList<>();
        for (String s : list(texts, what)) {
            out.add(parser.apply(s));
        }
        return out.toArray(array.apply(0));
    }

    static <E> List<E> list(E[] values, String what) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(what + ": give at least one value");
        }
        return List.of(values);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
