package dev.th.bench;

import dev.th.geo.GeoIp;
import dev.th.geo.Place;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Random;

/**
 * The GeoIP lookups communications make ({@link GeoIp}): the first lookup of a fresh process
 * (opening the two mmdb files and mapping the ASN table), then lookups per second of random
 * public IPv4 and IPv6 addresses (city database and ASN table), median of {@code RUNS} passes.
 *
 * <p>Usage: {@code GeoIpBench GEOIP_DIR [N=200000]} (a folder {@code th geoip install --dir} filled);
 * see docs/benchmarks.md, section "GeoIP".
 */
public final class GeoIpBench {
    private static final int RUNS = 5;

    private GeoIpBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/geoip-test");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        try (GeoIp geo = GeoIp.at(dir)) {
            if (!geo.installed()) {
                throw new IllegalStateException(geo.missing());
            }
            long t0 = System.nanoTime();
            Place first = geo.lookup("8.8.8.8");
            System.out.printf("first lookup (open + map): %.1f ms -> %s%n", (System.nanoTime() - t0) / 1e6, first);
            for (boolean v6 : new boolean[] {false, true}) {
                String[] ips = addresses(n, v6, new Random(7));
                double[] rates = new double[RUNS];
                int located = 0;
                for (int run = 0; run < RUNS; run++) {
                    located = 0;
                    long s = System.nanoTime();
                    for (String ip : ips) {
                        Place p = geo.lookup(ip);
                        located += p != null && p.located() ? 1 : 0;
                    }
                    rates[run] = n / ((System.nanoTime() - s) / 1e9);
                }
                java.util.Arrays.sort(rates);
                System.out.printf("%s: %,.0f lookups/s (median of %d; runs %,.0f..%,.0f), %d of %d located%n",
                        v6 ? "IPv6 2a00::/8" : "IPv4", rates[RUNS / 2], RUNS, rates[0], rates[RUNS - 1], located, n);
            }
        }
        long cpu = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
        System.out.printf("process CPU %.1f s%n", cpu / 1e9);
    }

    private static String[] addresses(int n, boolean v6, Random r) throws Exception {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            byte[] a = new byte[v6 ? 16 : 4];
            r.nextBytes(a);
            if (v6) {
                a[0] = 0x2a;
            } else {
                a[0] = (byte) (1 + r.nextInt(222));
            }
            out[i] = InetAddress.getByAddress(a).getHostAddress();
        }
        return out;
    }
}
