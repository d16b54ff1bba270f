// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import io.github.tenantfilter.bench.LoadBench.Variant;
import io.github.tenantfilter.bench.LoadBench.Wrk;
import io.github.tenantfilter.testing.PayaraMicro;
import io.github.tenantfilter.testing.RawHttp;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several nodes and churn (issue 19, docs/benchmarks.md): {@code bench.churn.nodes} Payara Micro
 * nodes (default 2) sharing the benchmark's Redis and PostgreSQL, each driven by its own wrk
 * replaying the Zipf sequence, while a writer renames tenants (uniformly over all of them) at 0,
 * 1, 10 and 100 changes per second, through the API (a servlet of the WAR: UPDATE, then {@code
 * TenantCache.invalidateTenantCache}, on each node in turn) or through plain SQL (UPDATE from
 * this process; the trigger of src/sql/notify.sql and LISTEN on every node).
 *
 * <p>Per segment: requests/s of all nodes against the same nodes with tenant resolution off (the
 * ceiling), Redis commands and database queries per request, and for up to 10 changes per second
 * (every change at 1 and 10/s, every 10th at 100/s) how long each node took to serve the new
 * name: probes ({@code GET /probe}, the resolved tenant's name) poll every node from the moment
 * the change is complete (the API call returned, the transaction committed) until the new name
 * comes back, then 50 ms more. The latency is the end of the first probe that saw the new name
 * (an upper bound: it includes a probe's round trip, about 0.3–1 ms, and the 1 ms between
 * probes). A <b>stale read</b> is a probe that got the old name after the bound of
 * docs/coherence.md: on the node that made an API change, any probe after the call returned
 * (bound 2: none); on every node, a probe after that node already served the new name.
 *
 * <p>Then a cold start: the last node is stopped and a new one joins under load (its own wrk
 * from the moment it answers), its counters read every second for {@code bench.coldstart}
 * seconds: how long until its heap-tier hit rate reaches that of the nodes that ran all along,
 * and how many database queries and Redis reads it made meanwhile.
 */
final class ClusterBench {

  static final int[] RATES = {0, 1, 10, 100};
  /** Connections the plain-SQL writer holds. */
  static final int WRITER_CONNECTIONS = 4;

  /** One change rate through one path, measured on every node at once. */
  record Segment(String path, int rate, double rps, long requests, long errors, long redisData,
      Map<String, Long> redisByCommand,
      long dbQueries, long lookups, long localHits, long writes, double seconds,
      List<Long> latenciesMicros, List<Long> roundTripsMicros, long stale, long unseen) {

    double writesPerSecond() {
      return writes / seconds;
    }

    long latency(double quantile) {
      return quantile(latenciesMicros, quantile);
    }

    /** The probes' own round trip (a probe is a request to a loaded node): what it adds. */
    long roundTrip(double quantile) {
      return quantile(roundTripsMicros, quantile);
    }

    private static long quantile(List<Long> values, double quantile) {
      if (values.isEmpty()) {
        return -1;
      }
      List<Long> sorted = new ArrayList<>(values);
      Collections.sort(sorted);
      int index = (int) Math.ceil(quantile * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    double l1HitRate() {
      return lookups == 0 ? Double.NaN : localHits / (double) lookups;
    }
  }

  /** A node joining under load: its counters second by second. */
  record ColdStart(List<long[]> perSecond, double steadyL1, int secondsToSteady, long dbQueries,
      long redisReads, long requests, long othersDbQueries, long othersRequests) {}

  record Outcome(int nodes, double ceilingRps, List<Segment> segments, ColdStart coldStart) {}

  private final LoadBench bench;
  private final Path lua;
  private final Path hosts;
  private final Path seqFile;
  private final int[] tenantOfRank;
  private final int nodes = Integer.getInteger("bench.churn.nodes", 2);
  private final int coldSeconds = Integer.getInteger("bench.coldstart", 30);
  private final int connections = Integer.getInteger("bench.churn.connections", 8);
  private final ExecutorService pool = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "cluster-bench");
    thread.setDaemon(true);
    return thread;
  });
  /** Each tenant's current name, as the writer set it. */
  private final Map<String, String> names = new ConcurrentHashMap<>();
  private final AtomicLong changeNumber = new AtomicLong();

  ClusterBench(LoadBench bench, Path lua, Path hosts, Path seqFile, int[] tenantOfRank) {
    this.bench = bench;
    this.lua = lua;
    this.hosts = hosts;
    this.seqFile = seqFile;
    this.tenantOfRank = tenantOfRank;
  }

  Outcome run(Variant ceiling, Variant filtered) throws Exception {
    bench.installNotifyTrigger();
    for (int t = 1; t <= bench.tenants(); t++) {
      names.put(id(t), "Tenant " + t);
    }
    try {
      double ceilingRps = ceiling(ceiling);
      bench.flushRedis();
      Map<String, String> listen = Map.of("tenant-filter.store.notify-channel", "tenant_filter");
      List<PayaraMicro> servers = new ArrayList<>();
      try {
        for (int n = 0; n < nodes; n++) {
          servers.add(bench.startServer(filtered, "cluster-" + n, listen));
        }
        for (PayaraMicro server : servers) {
          bench.sweep(server.port(), tenantOfRank);
        }
        LoadBench.log("cluster: %d nodes swept; warm-up %d s", nodes, bench.warmupSeconds());
        drive(servers, bench.warmupSeconds());
        List<Segment> segments = new ArrayList<>();
        segments.add(segment(servers, "none", 0));
        for (int rate : RATES) {
          if (rate > 0) {
            segments.add(segment(servers, "api", rate));
            segments.add(segment(servers, "sql", rate));
          }
        }
        ColdStart cold = coldStart(servers, filtered, listen, segments.get(0).l1HitRate());
        return new Outcome(nodes, ceilingRps, segments, cold);
      } finally {
        servers.forEach(PayaraMicro::close);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The same number of nodes with tenant resolution off, driven the same way. */
  private double ceiling(Variant ceiling) throws Exception {
    List<PayaraMicro> servers = new ArrayList<>();
    try {
      for (int n = 0; n < nodes; n++) {
        servers.add(bench.startServer(ceiling, "cluster-ceiling-" + n, Map.of()));
      }
      drive(servers, bench.warmupSeconds());
      List<Wrk> runs = drive(servers, bench.duration());
      double rps = rps(runs);
      LoadBench.log("cluster ceiling: %d nodes, %.0f requests/s", nodes, rps);
      return rps;
    } finally {
      servers.forEach(PayaraMicro::close);
    }
  }

  private Segment segment(List<PayaraMicro> servers, String path, int rate) throws Exception {
    List<JsonObject> before = snapshot(servers);
    Map<String, Long> redisBefore = bench.commandStats();
    Probed probed = new Probed();
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<?>> probes = Collections.synchronizedList(new ArrayList<>());
    AtomicLong writes = new AtomicLong();
    long started = System.nanoTime();
    Future<?> writer = rate == 0 ? null : pool.submit(() -> {
      write(servers, path, rate, stop, writes, probes, probed);
      return null;
    });
    List<Wrk> runs = drive(servers, bench.duration());
    stop.set(true);
    if (writer != null) {
      writer.get();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    for (Future<?> probe : new ArrayList<>(probes)) {
      probe.get();
    }
    List<JsonObject> after = snapshot(servers);
    long dbQueries = total(before, after, "storeLoads");
    long lookups = total(before, after, "lookups");
    long localHits = total(before, after, "localHits");
    Map<String, Long> redisAfter = bench.commandStats();
    long redisData = 0;
    Map<String, Long> byCommand = new java.util.TreeMap<>();
    for (Map.Entry<String, Long> e : redisAfter.entrySet()) {
      long calls = e.getValue() - redisBefore.getOrDefault(e.getKey(), 0L);
      if (calls != 0) {
        byCommand.put(e.getKey(), calls);
      }
      if (!LoadBench.HOUSEKEEPING.contains(e.getKey())) {
        redisData += calls;
      }
    }
    long requests = runs.stream().mapToLong(Wrk::requests).sum();
    long errors = runs.stream().mapToLong(Wrk::errors).sum();
    Segment segment = new Segment(path, rate, rps(runs), requests, errors, redisData, byCommand,
        dbQueries,
        lookups, localHits, writes.get(), seconds, List.copyOf(probed.latencies),
        List.copyOf(probed.roundTrips), probed.stale.get(), probed.unseen.get());
    LoadBench.log("cluster %s %d/s: %.0f requests/s, %d errors, %.1f changes/s, L1 hit %.3f,"
            + " Redis %.4f and DB %.5f per request; invalidation p50 %d us, p99 %d us over %d"
            + " probes; stale %d, unseen %d; Redis %s", path, rate, segment.rps(), errors,
        segment.writesPerSecond(), segment.l1HitRate(), redisData / (double) requests,
        dbQueries / (double) requests, segment.latency(0.5), segment.latency(0.99),
        probed.latencies.size(), probed.stale.get(), probed.unseen.get(), byCommand);
    return segment;
  }

  /**
   * Renames tenants at {@code rate} per second until {@code stop}: each change is started on time
   * on a thread of the pool (an API call to a loaded node can take longer than the interval), and
   * some are probed.
   */
  private void write(List<PayaraMicro> servers, String path, int rate, AtomicBoolean stop,
      AtomicLong writes, List<Future<?>> probes, Probed probed) throws Exception {
    SplittableRandom random = new SplittableRandom(rate * 31L + path.hashCode());
    int trackEvery = Math.max(1, rate / 10);
    long interval = 1_000_000_000L / rate;
    long next = System.nanoTime();
    List<Future<?>> changes = new ArrayList<>();
    // plain SQL through a few held connections, as an application's pool would
    BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(WRITER_CONNECTIONS);
    for (int c = 0; path.equals("sql") && c < WRITER_CONNECTIONS; c++) {
      connections.add(bench.connect());
    }
    try {
      for (long i = 0; !stop.get(); i++) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        next += interval;
        int tenant = 1 + random.nextInt(bench.tenants());
        int caller = (int) (i % servers.size());
        boolean tracked = i % trackEvery == 0;
        changes.add(pool.submit(() -> {
          String id = id(tenant);
          String old = names.get(id);
          String name = "c" + changeNumber.incrementAndGet();
          if (path.equals("api")) {
            RawHttp.Response r = RawHttp.post(servers.get(caller).port(), "localhost",
                "/bench/rename?id=" + id + "&name=" + URLEncoder.encode(name,
                    StandardCharsets.UTF_8));
            if (r.status() != 200) {
              throw new IllegalStateException("rename answered " + r.status() + ": " + r.body());
            }
          } else {
            Connection c = connections.take();
            try (PreparedStatement update =
                c.prepareStatement("UPDATE tenants SET name = ? WHERE id = ?")) {
              update.setString(1, name);
              update.setString(2, id);
              update.executeUpdate();
            } finally {
              connections.add(c);
            }
          }
          long done = System.nanoTime();
          names.put(id, name);
          writes.incrementAndGet();
          if (tracked) {
            for (int n = 0; n < servers.size(); n++) {
              int node = n;
              boolean calledHere = path.equals("api") && node == caller;
              probes.add(pool.submit(() -> probe(servers.get(node).port(),
                  LoadBench.host(tenant), old, done, calledHere, probed)));
            }
          }
          return null;
        }));
      }
      for (Future<?> change : changes) {
        change.get();
      }
    } finally {
      for (Connection c : connections) {
        c.close();
      }
    }
  }

  /** What the probes of one segment saw. */
  static final class Probed {
    final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    final List<Long> roundTrips = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong stale = new AtomicLong();
    final AtomicLong unseen = new AtomicLong();
  }

  /** Polls one node for one change: latency to the new name, stale reads after the bound. */
  private static void probe(int port, String host, String old, long done, boolean calledHere,
      Probed probed) {
    long deadline = done + TimeUnit.SECONDS.toNanos(10);
    long stopAt = Long.MAX_VALUE;
    boolean seenNew = false;
    while (System.nanoTime() < Math.min(deadline, stopAt)) {
      long start = System.nanoTime();
      String name = RawHttp.get(port, host, "/probe").body().trim();
      long end = System.nanoTime();
      probed.roundTrips.add((end - start) / 1000);
      if (!name.equals(old)) {
        if (!seenNew) {
          seenNew = true;
          probed.latencies.add((end - done) / 1000);
          stopAt = end + TimeUnit.MILLISECONDS.toNanos(50);
        }
      } else if (seenNew || calledHere) {
        probed.stale.incrementAndGet();
      }
      LoadBench.sleep(1);
    }
    if (!seenNew) {
      probed.unseen.incrementAndGet();
    }
  }

  /**
   * The last node leaves; a new one joins while the others stay under load, and gets its own
   * load from the moment it answers.
   */
  private ColdStart coldStart(List<PayaraMicro> servers, Variant filtered,
      Map<String, String> listen, double steadyL1) throws Exception {
    PayaraMicro leaving = servers.remove(servers.size() - 1);
    leaving.close();
    List<PayaraMicro> staying = List.copyOf(servers);
    AtomicBoolean done = new AtomicBoolean();
    Future<?> others = pool.submit(() -> {
      while (!done.get()) {
        drive(staying, 5);
      }
      return null;
    });
    PayaraMicro joining = bench.startServer(filtered, "cluster-joining", listen);
    servers.add(joining);
    try {
      int port = joining.port();
      List<JsonObject> othersBefore = snapshot(staying);
      Future<List<Wrk>> load = pool.submit(() -> drive(List.of(joining), coldSeconds));
      List<long[]> perSecond = new ArrayList<>();
      JsonObject previous = bench.stats(port, false);
      JsonObject first = previous;
      long start = System.nanoTime();
      for (int s = 1; s <= coldSeconds; s++) {
        long wait = start + s * 1_000_000_000L - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        JsonObject now = bench.stats(port, false);
        perSecond.add(new long[] {s, delta(previous, now, "lookups"),
            delta(previous, now, "localHits"), delta(previous, now, "redisHits")
                + delta(previous, now, "redisMisses"), delta(previous, now, "storeLoads")});
        previous = now;
      }
      load.get();
      List<JsonObject> othersAfter = snapshot(staying);
      long othersDb = total(othersBefore, othersAfter, "storeLoads");
      long othersRequests = total(othersBefore, othersAfter, "lookups");
      int steady = -1;
      for (long[] second : perSecond) {
        if (second[1] > 0 && second[2] / (double) second[1] >= steadyL1 - 0.02) {
          steady = (int) second[0];
          break;
        }
      }
      ColdStart cold = new ColdStart(perSecond, steadyL1, steady,
          delta(first, previous, "storeLoads"),
          delta(first, previous, "redisHits") + delta(first, previous, "redisMisses"),
          delta(first, previous, "lookups"), othersDb, othersRequests);
      LoadBench.log("cluster cold start: L1 hit rate within 2 points of %.3f after %d s; %d DB"
              + " queries, %d Redis reads, %d requests in %d s; the other nodes meanwhile: %d DB"
              + " queries for %d requests", steadyL1, steady, cold.dbQueries(), cold.redisReads(),
          cold.requests(), coldSeconds, othersDb, othersRequests);
      return cold;
    } finally {
      done.set(true);
      others.get();
    }
  }

  /** wrk on every node at once, for {@code seconds}; one wrk run per node. */
  private List<Wrk> drive(List<PayaraMicro> servers, int seconds) throws Exception {
    List<Future<Wrk>> runs = new ArrayList<>();
    for (PayaraMicro server : servers) {
      String url = "http://127.0.0.1:" + server.port() + "/hello";
      runs.add(pool.submit(() -> bench.wrk(lua, url, hosts, seqFile, 0, 1, connections,
          seconds)));
    }
    List<Wrk> results = new ArrayList<>();
    for (Future<Wrk> run : runs) {
      results.add(run.get());
    }
    return results;
  }

  private static double rps(List<Wrk> runs) {
    return runs.stream().mapToDouble(Wrk::rps).sum();
  }

  /** Every node's counters now ({@code /bench/stats}). */
  private List<JsonObject> snapshot(List<PayaraMicro> servers) {
    List<JsonObject> stats = new ArrayList<>();
    for (PayaraMicro server : servers) {
      stats.add(bench.stats(server.port(), false));
    }
    return stats;
  }

  /** How much {@code name} grew, summed over the nodes of two snapshots. */
  private static long total(List<JsonObject> before, List<JsonObject> after, String name) {
    long sum = 0;
    for (int n = 0; n < before.size(); n++) {
      sum += delta(before.get(n), after.get(n), name);
    }
    return sum;
  }

  private static long delta(JsonObject before, JsonObject after, String name) {
    return after.containsKey(name) && before.containsKey(name)
        ? after.getJsonNumber(name).longValue() - before.getJsonNumber(name).longValue() : 0;
  }

  private static String id(int tenant) {
    return String.format("t%05d", tenant);
  }
}
