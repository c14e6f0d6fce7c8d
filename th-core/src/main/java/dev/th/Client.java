package dev.th;

import dev.th.ask.Scope;
import dev.th.ask.SeedColumns;
import dev.th.ask.Session;
import dev.th.query.Cond;
import java.util.ArrayList;
import java.util.List;

/**
 * A client (tenant): the level above machines. Its machines, the seed's machine questions asked
 * fleet-wide, and lookups across machines by file, IP, user or command line.
 */
public final class Client {
    private final Session session;
    private final String id;
    private TimePeriod period;

    Client(Session session, String id) {
        this.session = session;
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The same client whose questions default to {@code p}. */
    public Client withPeriod(TimePeriod p) {
        Client c = new Client(session, id);
        c.period = p;
        return c;
    }

    public TimePeriod period() {
        return period != null ? period : session.defaultPeriod();
    }

    Scope scope() {
        return new Scope(Cond.eq("ClientId", id), this::period, "client " + id);
    }

    /** The client's machines (Muid, MachineName, ClientId, FirstSeen, LastSeen, Events), with those seen by the network only (Events 0). */
    public Hits<Machine> machines() {
        return Machine.listWithNetworkOnly(session, scope().cond());
    }

    /** The seed's {@code Machine(local_ip=..., client_id=..., period=...)}: see {@link TH#machineByLocalIp}. */
    public Machine machineByLocalIp(String ip, TimePeriod period) {
        return Machine.byLocalIp(session, scope().cond(), ip, period);
    }

    /** One machine by name, first name label, or Muid. */
    public Machine machine(String nameOrMuid) {
        Machine m = Machine.find(session, scope().cond(), nameOrMuid, "in client " + id);
        return period != null ? m.withPeriod(period) : m;
    }

    /** get_executions over every machine of the client. */
    public ExecutionsQuery executions() {
        return new ExecutionsQuery(session, scope(), SeedColumns.MACHINE_EXECUTIONS);
    }

    /** get_files over every machine of the client. */
    public FilesQuery files() {
        return new FilesQuery(session, scope());
    }

    /** get_registry over every machine of the client. */
    public RegistryQuery registry() {
        return new RegistryQuery(session, scope(), SeedColumns.MACHINE_REGISTRY);
    }

    /** get_communications over every machine of the client. */
    public CommunicationsQuery communications() {
        return new CommunicationsQuery(session, scope(), SeedColumns.MACHINE_COMMUNICATIONS);
    }

    /** get_detections over every machine of the client. */
    public DetectionsQuery detections() {
        return new DetectionsQuery(session, scope());
    }

    /** get_blocked over every machine of the client. */
    public BlockedQuery blocked() {
        return new BlockedQuery(session, scope());
    }

    /** get_processes over every machine of the client. */
    public ProcessesQuery processes() {
        return new ProcessesQuery(session, scope());
    }

    /** get_users over every machine of the client. */
    public UsersQuery users() {
        return new UsersQuery(session, scope());
    }

    /** get_ioas over every machine of the client. */
    public IoasQuery ioas() {
        return new IoasQuery(session, null, id, this::period);
    }

    /** Machines where a file (MD5, path or name) was a process or was acted on, over all time. */
    public Hits<Machine> machinesWithFile(String md5OrPathOrName) {
        File f = File.of(md5OrPathOrName);
        return Machine.list(session, Cond.and(List.of(scope().cond(), Cond.or(List.of(f.matches("Child"), f.matches("Parent"))))));
    }

    /** Machines that talked to or from one of these IPs (remote or local end), over all time. */
    public Hits<Machine> machinesWithIp(String... ips) {
        List<String> l = new ArrayList<>(Ask.list(ips, "ips"));
        return Machine.list(session, Cond.and(List.of(scope().cond(), Cond.or(List.of(Cond.in("RemoteIp", l), Cond.in("LocalIp", l))))));
    }

    /** Machines where a user ({@code DOMAIN\\name} or {@code name}) acted, over all time. */
    public Hits<Machine> machinesWithUser(String user) {
        return Machine.list(session, Cond.and(List.of(scope().cond(), Ask.userMatches(user))));
    }

    /** Machines where a command line containing {@code text} ran, over all time. */
    public Hits<Machine> machinesWithCommand(String text) {
        return Machine.list(session, Cond.and(List.of(scope().cond(), Cond.contains("CommandLine", text))));
    }

    /** Local prevalence of a file (MD5, path or name) among the client's machines, over all time. */
    public Prevalence prevalenceOfFile(String md5OrPathOrName) {
        File f = File.of(md5OrPathOrName);
        return File.prevalence(session, Cond.and(List.of(scope().cond(), Cond.or(List.of(f.matches("Child"), f.matches("Parent"))))));
    }

    /** Local prevalence of IPs (remote or local end of a connection) among the client's machines, over all time. */
    public Prevalence prevalenceOfIp(String... ips) {
        List<String> l = new ArrayList<>(Ask.list(ips, "ips"));
        return File.prevalence(session, Cond.and(List.of(scope().cond(), Cond.or(List.of(Cond.in("RemoteIp", l), Cond.in("LocalIp", l))))));
    }

    /** Local prevalence of a user's actions among the client's machines, over all time. */
    public Prevalence prevalenceOfUser(String user) {
        return File.prevalence(session, Cond.and(List.of(scope().cond(), Ask.userMatches(user))));
    }

    /** Local prevalence of command lines containing {@code text} among the client's machines, over all time. */
    public Prevalence prevalenceOfCommand(String text) {
        return File.prevalence(session, Cond.and(List.of(scope().cond(), Cond.contains("CommandLine", text))));
    }

    @Override
    public String toString() {
        return "Client " + id;
    }
}
