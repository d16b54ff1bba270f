// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.internal.cache.TenantLookup;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.resolve.LookupKey;
import io.github.tenantfilter.testing.FakeHttp;
import io.github.tenantfilter.web.StandaloneFilter;
import jakarta.servlet.FilterChain;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jol.info.GraphLayout;

/**
 * What the heap tier costs in memory, and that unknown hosts cannot make it grow. Not a JMH
 * benchmark: a program that prints its figures.
 *
 * <ol>
 *   <li>Bytes per cached tenant: N tenants (10,000 and 100,000; L1 sized N) are loaded through
 *       {@code TenantLookup.find} from a store that makes each record afresh, so the heap tier
 *       is the only thing that keeps them. Retained heap = used heap after full GCs with the
 *       tier filled, minus the same with it empty, over several repetitions (median). JOL's
 *       {@code GraphLayout} of the records and keys alone gives the payload, so the rest is the
 *       tier's own overhead per entry.
 *   <li>Bounded under a flood: 1,000,000 distinct unknown hosts go through {@code
 *       TenantFilter.doFilter} (each a 404); used heap after GC and the tier's size are printed
 *       every 100,000. The negative cache is bounded at {@code negative-cache.size} (10,000).
 * </ol>
 *
 * <p>Run: {@code java -Xmx512m -XX:+UseSerialGC -cp performance/jmh/target/benchmarks.jar
 * io.github.tenantfilter.bench.HeapFootprint}.
 */
public final class HeapFootprint {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapFootprint() {}

  public static void main(String[] args) throws Exception {
    // records (Tenant) have no Unsafe field offsets: JOL finds them by its own probe instead
    System.setProperty("jol.magicFieldOffset", "true");
    int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int flood = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    System.out.printf(Locale.ROOT, "JVM %s, max heap %d MiB, GC %s%n",
        System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
    payload();
    for (int n : new int[] {10_000, 100_000}) {
      perTenant(n, repetitions);
    }
    flood(flood);
  }

  /**
   * JOL: what one more record and its key add to the heap, without the tier (constants such as
   * the status text are shared by every record, so a record alone would overstate it).
   */
  private static void payload() {
    Tenant first = GeneratingStore.make(GeneratingStore.id(1));
    String firstKey = LookupKey.subdomain(GeneratingStore.id(1)).cacheKey();
    Tenant second = GeneratingStore.make(GeneratingStore.id(2));
    String secondKey = LookupKey.subdomain(GeneratingStore.id(2)).cacheKey();
    long one = GraphLayout.parseInstance(first, firstKey).totalSize();
    long two = GraphLayout.parseInstance(first, firstKey, second, secondKey).totalSize();
    long key = GraphLayout.parseInstance(secondKey).totalSize();
    System.out.printf(Locale.ROOT, "payload (JOL): one more record and its key \"%s\" add %d B"
        + " (the key %d B); a record alone, its shared constants included, is %d B%n",
        secondKey, two - one, key, GraphLayout.parseInstance(second).totalSize());
  }

  private static void perTenant(int n, int repetitions) {
    long[] perEntry = new long[repetitions];
    for (int r = 0; r < repetitions; r++) {
      GeneratingStore store = new GeneratingStore();
      TenantFilterConfig config = TenantFilterConfig.of(Map.of(
          "tenant-filter.base-domains", HotPathBench.BASE,
          "tenant-filter.local-cache.size", Integer.toString(n),
          "tenant-filter.local-cache.ttl", "3600"));
      try (TenantLookup lookup = TenantLookup.create(config, store, Clock.systemUTC(), null)) {
        lookup.find(LookupKey.subdomain("warm")); // classes loaded, negative tier touched
        long empty = usedAfterGc();
        for (int i = 0; i < n; i++) {
          lookup.find(LookupKey.subdomain(GeneratingStore.id(i)));
        }
        long full = usedAfterGc();
        CacheStats stats = lookup.stats();
        if (stats.storeLoads() != n + 1 || stats.localSize() != n + 1) {
          throw new IllegalStateException("not every tenant was cached: " + stats);
        }
        perEntry[r] = (full - empty) / n;
        // keep the lookup reachable until after the measurement
        if (lookup.find(LookupKey.subdomain(GeneratingStore.id(0))).isEmpty()) {
          throw new IllegalStateException("tenant 0 is gone");
        }
      }
    }
    long[] sorted = perEntry.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT,
        "L1 with %,d tenants: %d B retained per tenant (median of %d: %s), %.1f MiB in all%n",
        n, sorted[repetitions / 2], repetitions, Arrays.toString(perEntry),
        sorted[repetitions / 2] * (double) n / (1 << 20));
  }

  private static void flood(int hosts) throws Exception {
    MapStore store = new MapStore().put(MapStore.tenant("acme", "acme"));
    StandaloneFilter running = StandaloneFilter.start(
        Map.of("tenant-filter.base-domains", HotPathBench.BASE), store, Clock.systemUTC());
    FilterChain chain = (req, res) -> {
      throw new IllegalStateException("an unknown host reached the application");
    };
    List<String> lines = new ArrayList<>();
    long before = usedAfterGc();
    long started = System.nanoTime();
    long max = 0;
    for (int i = 1; i <= hosts; i++) {
      FakeHttp.Response response = new FakeHttp.Response();
      running.filter().doFilter(
          FakeHttp.request(String.format(Locale.ROOT, "u%07d.%s", i, HotPathBench.BASE),
              HotPathBench.PATH),
          response, chain);
      if (response.status() != 404) {
        throw new IllegalStateException("unknown host answered " + response.status());
      }
      if (i % 100_000 == 0) {
        long used = usedAfterGc();
        max = Math.max(max, used);
        CacheStats stats = running.cache().getCacheStats();
        lines.add(String.format(Locale.ROOT,
            "  %,9d unknown hosts: heap used after GC %6.1f MiB, L1 entries %,d, store queries %,d",
            i, used / 1048576.0, stats.localSize(), store.queries.sum()));
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    running.close();
    System.out.printf(Locale.ROOT, "flood of %,d distinct unknown hosts through doFilter"
        + " (%.1f s; heap used after GC before it: %.1f MiB, at most %.1f MiB during it):%n",
        hosts, seconds, before / 1048576.0, max / 1048576.0);
    lines.forEach(System.out::println);
  }

  private static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Makes a record for every key {@code t...} on each call, and keeps none. */
  static final class GeneratingStore implements TenantStore {
    static String id(int i) {
      return String.format(Locale.ROOT, "t%07d", i);
    }

    static Tenant make(String id) {
      return MapStore.tenant(id, id);
    }

    @Override
    public Optional<Tenant> findById(String id) {
      return id.startsWith("t") ? Optional.of(make(id)) : Optional.empty();
    }

    @Override
    public Optional<Tenant> findBySubdomain(String subdomain) {
      return findById(subdomain);
    }

    @Override
    public Optional<Tenant> findByDomain(String domain) {
      return Optional.empty();
    }
  }
}
