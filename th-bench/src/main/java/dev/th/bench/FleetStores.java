package dev.th.bench;

import dev.th.sim.FleetGenerator;

/**
 * Makes (or reuses) one simulated fleet store per size for the benchmarks. Usage: {@code FleetStores
 * --stores DIR [--sizes 1M,3M,10M] [--data DIR] [--machines 200] [--per-day 1000] [--threads 1]};
 * each store goes to {@code DIR/<size>}. The fleet itself is {@link FleetGenerator} (th-duckdb),
 * the one {@code th simulate} runs.
 */
public final class FleetStores {
    private FleetStores() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = BenchArgs.parse(args);
        FleetGenerator g = a.generator();
        for (long size : a.sizes()) {
            FleetGenerator.Fleet f = g.ensure(a.storeDir(size), size, a.threads());
            System.out.println(FleetGenerator.describe(f));
        }
    }
}
