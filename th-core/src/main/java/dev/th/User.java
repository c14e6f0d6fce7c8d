package dev.th;

import dev.th.ask.Scope;
import dev.th.ask.SeedColumns;
import dev.th.ask.Session;
import dev.th.ask.Timetable;
import dev.th.query.Cond;
import java.time.LocalDate;
import java.util.List;
import org.dflib.DataFrame;

/**
 * A user: a row of {@code get_users} (LoggedUser, IniDate, EndDate, NumDays) and the pivot from a
 * user to the machines they used, their executions and their timetable.
 */
public final class User extends Row {
    private final boolean exact;

    User(Session session, List<String> columns, Object[] values) {
        super(session, columns, values);
        this.exact = true;
    }

    private User(Session session, String name) {
        super(session, List.of("LoggedUser"), new Object[] {name});
        this.exact = false;
    }

    /** A user named {@code DOMAIN\\name} or {@code name} (matched ignoring case). */
    static User named(Session session, String name) {
        return new User(session, name);
    }

    /** The user name as logged ({@code DOMAIN\\name}). */
    public String name() {
        return text("LoggedUser");
    }

    /** First day seen in the period (rows of get_users). */
    public LocalDate iniDate() {
        return date("IniDate");
    }

    /** Last day seen in the period. */
    public LocalDate endDate() {
        return date("EndDate");
    }

    /** Days with activity in the period. */
    public Long numDays() {
        return number("NumDays");
    }

    Cond cond() {
        return exact ? Cond.inIgnoreCase("LoggedUser", List.of(name())) : Ask.userMatches(name());
    }

    private Scope scope() {
        return new Scope(cond(), session::defaultPeriod, "user " + name());
    }

    /** The machines where this user acted, with first and last seen over all time. */
    public Hits<Machine> machines() {
        return Machine.list(session, cond());
    }

    /** This user's actions over processes on every machine (the seed's get_executions). */
    public ExecutionsQuery executions() {
        return new ExecutionsQuery(session, scope(), SeedColumns.MACHINE_EXECUTIONS);
    }

    /** This user's logon sessions on every machine. */
    public SessionsQuery sessions() {
        return new SessionsQuery(session, scope());
    }

    /** This user's timetable over every machine (the seed's get_timetable), in the session's period. */
    public DataFrame timetable() {
        return timetable(session.defaultPeriod());
    }

    /** This user's timetable over every machine in {@code period}. */
    public DataFrame timetable(TimePeriod period) {
        return Timetable.of(session, cond(), period);
    }
}
