// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.PayaraMicro;
import io.github.tenantfilter.testing.Ports;
import io.github.tenantfilter.testing.RawHttp;
import io.github.tenantfilter.testing.RedisProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.RedisClient;

/**
 * The load benchmark (docs/benchmarks.md): seeds 10,000 tenants in a PostgreSQL schema of its
 * own, starts a Redis of its own, and for each variant boots Payara Micro with the benchmark WAR,
 * warms it up (one request per tenant, then Zipf load), runs wrk several times on the same
 * precomputed Zipf sequence of hosts, and counts what each request cost: Redis commands ({@code
 * INFO commandstats}), PostgreSQL queries (index scans of the benchmark's {@code tenants} table,
 * and the WAR's own counters), per-tier hits ({@code TenantCache.getCacheStats()}), and the heap
 * after a full GC. Writes performance/load-bench/results/load-results.json and .csv, three PNG
 * charts, and the generated section of docs/benchmarks.md.
 *
 * <p>Run with {@code bash performance/load-bench/run.sh}; settings are system properties {@code bench.*}
 * (see that script).
 */
public final class LoadBench {

  static final String SCHEMA = "tenant_filter_loadbench";
  static final String BASE_DOMAIN = "bench.localhost";
  static final Set<String> HOUSEKEEPING =
      Set.of("info", "ping", "hello", "client", "subscribe", "unsubscribe", "auth", "select",
          "command", "flushall", "config");
  static final Set<String> READS = Set.of("get", "mget", "exists", "hget", "hgetall", "smembers");

  /** One configuration under test. */
  record Variant(String key, String label, String benchVariant, boolean filter, boolean redis,
      Map<String, String> settings, boolean hostGuard) {

    Variant(String key, String label, String benchVariant, boolean filter, boolean redis,
        Map<String, String> settings) {
      this(key, label, benchVariant, filter, redis, settings, false);
    }
  }

  /** One wrk run. */
  record Wrk(long requests, double seconds, long errors, long p50, long p90, long p99, long p999,
      double mean) {
    double rps() {
      return requests / seconds;
    }
  }

  /** One measured phase and what it cost. */
  record Phase(Wrk wrk, Map<String, Long> redis, long pgScans, JsonObject before,
      JsonObject after) {
    long stat(String name) {
      return after.getJsonNumber(name) == null ? 0
          : after.getJsonNumber(name).longValue() - before.getJsonNumber(name).longValue();
    }

    long redisData() {
      return redis.entrySet().stream().filter(e -> !HOUSEKEEPING.contains(e.getKey()))
          .mapToLong(Map.Entry::getValue).sum();
    }

    long redisReads() {
      return redis.entrySet().stream().filter(e -> READS.contains(e.getKey()))
          .mapToLong(Map.Entry::getValue).sum();
    }
  }

  /** Everything measured for one variant. */
  record Result(Variant variant, List<Phase> phases, long pgScansAll, long requestsAll,
      Wrk latency, long heapUsed, long heapUsedIdle, long localSize, Stampede stampede,
      List<Wrk> reference, Wrk referenceLatency) {

    /**
     * Each measured run's requests/s over the reference ceiling's around it (the mean of the
     * reference runs just before and just after): empty without a reference.
     */
    List<Double> pairedRatios() {
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < phases.size() && i + 1 < reference.size(); i++) {
        double around = (reference.get(i).rps() + reference.get(i + 1).rps()) / 2;
        ratios.add(phases.get(i).wrk().rps() / around);
      }
      return ratios;
    }
  }

  /**
   * {@code requests} concurrent first requests for one tenant on a node just started (empty
   * heap, empty Redis): the database queries they made (the WAR's counters), how many were not
   * answered 200, and how long the last one took.
   */
  record Stampede(int requests, long queries, long redisCommands, long failed, long millis) {}

  private final int tenants = Integer.getInteger("bench.tenants", 10_000);
  private final double zipfS = Double.parseDouble(System.getProperty("bench.zipf.s", "1.0"));
  private final long seed = Long.getLong("bench.seed", 20260408L);
  private final int threads = Integer.getInteger("bench.threads", 1);
  private final int connections = Integer.getInteger("bench.connections", 16);
  private final int warmup = Integer.getInteger("bench.warmup", 20);
  private final int duration = Integer.getInteger("bench.duration", 20);
  private final int reps = Integer.getInteger("bench.reps", 3);
  private final int latencySeconds = Integer.getInteger("bench.latency", 10);
  private final int sequenceLength = Integer.getInteger("bench.sequence", 2_000_000);
  private final int stampedeRequests = Integer.getInteger("bench.stampede", 1000);
  private final boolean jfr = Boolean.getBoolean("bench.jfr");
  /** A ceiling server kept up all along, measured right before and after every run. */
  private final boolean useReference =
      Boolean.parseBoolean(System.getProperty("bench.reference", "true"));
  private final int referenceSeconds = Integer.getInteger("bench.reference.duration", 10);
  /** perf record of the whole machine during each variant's middle run (needs perf, root). */
  private final boolean perf = Boolean.getBoolean("bench.perf");
  private final String only = System.getProperty("bench.variants", "");
  private final String heapOption = System.getProperty("bench.heap", "512m");

  private final Path war = Path.of(System.getProperty("bench.war"));
  private final Path payaraJar = Path.of(System.getProperty("payara.micro.jar"));
  private final Path root = Path.of(System.getProperty("project.root")).toAbsolutePath().normalize();
  /** This module's folder (performance/load-bench): the wrk script and the results. */
  private final Path benchDir = Path.of(System.getProperty("bench.dir")).toAbsolutePath().normalize();
  private final Path resultsDir = benchDir.resolve("results");
  private final Path work = Path.of(System.getProperty("work.dir")).toAbsolutePath();
  private final Path out = Path.of(System.getProperty("bench.out", resultsDir.toString()));

  private LocalPostgres.Schema schema;
  private RedisProcess redis;
  private PayaraMicro reference;

  public static void main(String[] args) throws Exception {
    try {
      new LoadBench().run();
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  List<Variant> variants() {
    List<Variant> all = allVariants();
    if (only.isBlank()) {
      return all.stream().filter(v -> !v.hostGuard()).toList();
    }
    Set<String> wanted = Set.of(only.split(","));
    return all.stream().filter(v -> wanted.contains(v.key())).toList();
  }

  List<Variant> allVariants() {
    return List.of(
        new Variant("ceiling", "no tenant resolution (ceiling)", "ceiling", false, false,
            Map.of()),
        new Variant("no-cache", "no cache: PostgreSQL per request", "no-cache", false, false,
            Map.of()),
        new Variant("original-fix", "original fix: Redis first", "original-fix", false, true,
            Map.of()),
        new Variant("tf-default", "tenant-filter, L1 1,000 (default)", "tenant-filter", true,
            true, Map.of()),
        new Variant("tf-l1-10k", "tenant-filter, L1 10,000", "tenant-filter", true, true,
            Map.of("tenant-filter.local-cache.size", Integer.toString(tenants))),
        new Variant("tf-l1-10k-ttl600", "tenant-filter, L1 10,000, L1 TTL 600 s",
            "tenant-filter", true, true,
            Map.of("tenant-filter.local-cache.size", Integer.toString(tenants),
                "tenant-filter.local-cache.ttl", "600")),
        // the optional Payara host guard (src/payara/host-guard.asadmin): its cost per request
        new Variant("ceiling-guarded", "no tenant resolution, Payara host guard", "ceiling",
            false, false, Map.of(), true),
        new Variant("tf-l1-10k-guarded", "tenant-filter, L1 10,000, Payara host guard",
            "tenant-filter", true, true,
            Map.of("tenant-filter.local-cache.size", Integer.toString(tenants)), true));
  }

  void run() throws Exception {
    Files.createDirectories(work);
    Files.createDirectories(out);
    String wrkVersion = wrkVersion();
    Instant started = Instant.now();
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();

    ZipfModel zipf = new ZipfModel(tenants, zipfS);
    int[] sequence = zipf.sequence(sequenceLength, seed);
    int[] tenantOfRank = permutation(tenants, seed + 1);
    Path hosts = work.resolve("hosts.txt");
    Path seqFile = work.resolve("sequence.txt");
    writeHosts(hosts, tenantOfRank);
    writeSequence(seqFile, sequence);
    Path lua = benchDir.resolve("zipf.lua");

    LocalPostgres postgres = LocalPostgres.get();
    seed(postgres);
    redis = RedisProcess.start();
    String pgVersion;
    try (Connection c = schema.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW server_version")) {
      r.next();
      pgVersion = r.getString(1);
    }
    String redisVersion;
    try (RedisClient client = RedisClient.create(redis.url())) {
      redisVersion = client.info("server").lines().filter(l -> l.startsWith("redis_version:"))
          .map(l -> l.substring(14)).findFirst().orElse("?");
    }
    log("PostgreSQL %s (%s), Redis %s on port %d, wrk %s; %d tenants, Zipf s=%.2f, seed %d",
        pgVersion, postgres.origin(), redisVersion, redis.port(), wrkVersion, tenants, zipfS,
        seed);

    List<Result> results = new ArrayList<>();
    ClusterBench.Outcome cluster = null;
    try {
      if (useReference) {
        reference = startReference(hosts, seqFile, lua, tenantOfRank);
      }
      for (Variant variant : variants()) {
        results.add(runVariant(variant, hosts, seqFile, lua, tenantOfRank));
      }
      if (reference != null) {
        reference.close(); // the several-nodes part measures its own ceiling
        reference = null;
      }
      if (only.isBlank() || Set.of(only.split(",")).contains("cluster")) {
        Map<String, Variant> byKey = new LinkedHashMap<>();
        allVariants().forEach(v -> byKey.put(v.key(), v));
        cluster = new ClusterBench(this, lua, hosts, seqFile, tenantOfRank)
            .run(byKey.get("ceiling"), byKey.get("tf-default"));
      }
    } finally {
      if (reference != null) {
        reference.close();
      }
      redis.close();
    }
    String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();

    // the theory, on the same sequence
    int measuredFrom = sequenceLength / 4;
    Map<String, Double> theory = new LinkedHashMap<>();
    theory.put("lfuTopK", zipf.topMass(1000));
    theory.put("cheLru", zipf.cheLru(1000));
    theory.put("simLru", ZipfModel.simulateLru(sequence, 1000, measuredFrom));
    theory.put("simSampled8", ZipfModel.simulateSampledLru(sequence, 1000, 8, measuredFrom, seed));

    Map<String, String> machine = new LinkedHashMap<>();
    machine.put("nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
    machine.put("cpu", cpuModel());
    machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    machine.put("server", "Payara Micro 6.2025.10, one JVM per variant, -Xms/-Xmx " + heapOption
        + ", G1 (default)");
    machine.put("postgres", pgVersion + " (" + postgres.origin() + ")");
    machine.put("redis", redisVersion + " (own redis-server process)");
    machine.put("wrk", wrkVersion);
    machine.put("loadavg before", loadBefore);
    machine.put("loadavg after", loadAfter);
    machine.put("started", started.toString());
    machine.put("took", Duration.between(started, Instant.now()).toMinutes() + " min");

    new LoadReport(this, results, theory, machine, out, resultsDir, root, cluster).write();
    log("done: %s", out);
  }

  // ---- one variant ----

  Result runVariant(Variant variant, Path hosts, Path seqFile, Path lua, int[] tenantOfRank)
      throws Exception {
    try (RedisClient client = RedisClient.create(redis.url())) {
      client.flushAll();
    }
    try (PayaraMicro payara = startServer(variant, variant.key(), Map.of())) {
      int port = payara.port();
      String url = "http://127.0.0.1:" + port + "/hello";

      Stampede stampede = stampede(port, host(tenantOfRank[0]));
      log("%s: stampede of %d first requests for one tenant: %d DB queries, %d Redis commands,"
              + " %d not 200, %d ms", variant.key(), stampede.requests(), stampede.queries(),
          stampede.redisCommands(), stampede.failed(), stampede.millis());
      long swept = sweep(port, tenantOfRank);
      log("%s: swept %d tenants; warm-up %d s", variant.key(), swept, warmup);
      Wrk warm = wrk(lua, url, hosts, seqFile, 0, threads, connections, warmup);
      log("%s: warm-up %.0f requests/s", variant.key(), warm.rps());

      // PostgreSQL flushes a backend's table statistics when it goes idle, within 10 s
      sleep(11_000);
      long pgStart = pgScans();
      List<Phase> phases = new ArrayList<>();
      List<Wrk> referenceRuns = new ArrayList<>();
      long requestsAll = 0;
      for (int rep = 0; rep < reps; rep++) {
        referenceRun(lua, hosts, seqFile, connections, referenceSeconds).ifPresent(referenceRuns::add);
        JsonObject before = stats(port, false);
        Map<String, Long> redisBefore = commandStats();
        long pgBefore = pgScans();
        // every repetition replays the same stretch of the sequence (the same requests)
        Process recording = perf && rep == reps / 2 ? perfRecord(variant) : null;
        Wrk w = wrk(lua, url, hosts, seqFile, sequenceLength / 4, threads, connections, duration);
        if (recording != null) {
          perfScript(variant, payara, recording);
        }
        Map<String, Long> redisAfter = commandStats();
        JsonObject after = stats(port, false);
        long pgAfter = pgScans();
        Map<String, Long> delta = new LinkedHashMap<>();
        redisAfter.forEach((k, v) -> {
          long d = v - redisBefore.getOrDefault(k, 0L);
          if (d != 0) {
            delta.put(k, d);
          }
        });
        Phase phase = new Phase(w, delta, pgAfter - pgBefore, before, after);
        phases.add(phase);
        requestsAll += w.requests();
        log("%s rep %d: %.0f req/s, p50 %d us, p99 %d us, p99.9 %d us, errors %d, Redis %s,"
                + " DB queries (WAR counters) %d", variant.key(), rep + 1, w.rps(), w.p50(),
            w.p99(), w.p999(), w.errors(), delta,
            phase.stat("storeLoads") + phase.stat("baselineQueries"));
      }
      referenceRun(lua, hosts, seqFile, connections, referenceSeconds).ifPresent(referenceRuns::add);
      sleep(11_000);
      long pgAll = pgScans() - pgStart;
      Wrk referenceLatency =
          referenceRun(lua, hosts, seqFile, 1, latencySeconds).orElse(null);
      Wrk latency = wrk(lua, url, hosts, seqFile, sequenceLength / 4, 1, 1, latencySeconds);
      log("%s: one connection: p50 %d us, p99 %d us%s", variant.key(), latency.p50(),
          latency.p99(), referenceLatency == null ? ""
              : String.format(Locale.ROOT, " (reference ceiling just before: p50 %d us)",
                  referenceLatency.p50()));
      JsonObject end = stats(port, true);
      long heapAfterLoad = end.getJsonNumber("heapUsed").longValue();
      long localSize = end.getJsonNumber("localSize") == null ? 0
          : end.getJsonNumber("localSize").longValue();
      log("%s: heap used after GC %.1f MB, L1 entries %d", variant.key(),
          heapAfterLoad / 1048576.0, localSize);
      Result result = new Result(variant, phases, pgAll, requestsAll, latency, heapAfterLoad, 0,
          localSize, stampede, referenceRuns, referenceLatency);
      if (!referenceRuns.isEmpty()) {
        log("%s: reference ceiling runs %s req/s; paired ratios %s", variant.key(),
            referenceRuns.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.rps())).toList(),
            result.pairedRatios().stream().map(r -> String.format(Locale.ROOT, "%.3f", r)).toList());
      }
      return result;
    }
  }

  /**
   * The reference: a second ceiling server (no tenant resolution), warmed like the variants and
   * kept up for the whole sweep. Every variant's measured run is bracketed by a run of it, so a
   * variant's share of the ceiling compares runs seconds apart rather than servers booted minutes
   * apart: on this kind of virtual machine the capacity drifts by a quarter within minutes (the
   * reference's own runs in the run of 2026-12-05 07:33: 17,057 to 28,337 requests/s), which no
   * back-to-back repetition averages out.
   */
  PayaraMicro startReference(Path hosts, Path seqFile, Path lua, int[] tenantOfRank)
      throws Exception {
    Variant ceiling = allVariants().get(0);
    PayaraMicro server = startServer(ceiling, "reference", Map.of());
    try {
      sweep(server.port(), tenantOfRank);
      Wrk warm = wrk(lua, "http://127.0.0.1:" + server.port() + "/hello", hosts, seqFile, 0,
          threads, connections, warmup);
      log("reference ceiling: warm-up %.0f requests/s", warm.rps());
      return server;
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
  }

  /** One run of the reference ceiling on the variants' request sequence, if there is one. */
  Optional<Wrk> referenceRun(Path lua, Path hosts, Path seqFile, int c, int seconds)
      throws IOException, InterruptedException {
    if (reference == null) {
      return Optional.empty();
    }
    return Optional.of(wrk(lua, "http://127.0.0.1:" + reference.port() + "/hello", hosts,
        seqFile, sequenceLength / 4, c == 1 ? 1 : threads, c, seconds));
  }

  /**
   * Starts {@code perf record} of the whole machine (every process, kernel included, call
   * graphs through the server's frame pointers) for the middle of a measured run.
   */
  Process perfRecord(Variant variant) throws IOException {
    Path data = work.resolve(variant.key() + ".perf.data");
    int seconds = Math.max(1, duration - 4);
    return new ProcessBuilder("bash", "-c", "sleep 2; exec perf record -a -g -F 999 -o "
        + data + " -- sleep " + seconds).redirectErrorStream(true)
        .redirectOutput(work.resolve(variant.key() + ".perf.log").toFile()).start();
  }

  /**
   * Waits for the recording, has the server write its JIT symbols ({@code jcmd
   * Compiler.perfmap}) and turns the recording into {@code <variant>.perf.txt} ({@code perf
   * script}), which {@code perf-breakdown.py} reads.
   */
  void perfScript(Variant variant, PayaraMicro server, Process recording)
      throws IOException, InterruptedException {
    if (recording.waitFor() != 0) {
      throw new IllegalStateException("perf record failed: see "
          + work.resolve(variant.key() + ".perf.log"));
    }
    new ProcessBuilder("jcmd", Long.toString(server.pid()), "Compiler.perfmap")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
        .waitFor();
    Path text = work.resolve(variant.key() + ".perf.txt");
    Process script = new ProcessBuilder("perf", "script", "-i",
        work.resolve(variant.key() + ".perf.data").toString(), "-F", "comm,tid,ip,sym")
        .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(text.toFile()).start();
    if (script.waitFor() != 0) {
      throw new IllegalStateException("perf script failed for " + variant.key());
    }
    log("%s: whole-machine profile of the middle run in %s", variant.key(), text);
  }

  /**
   * Boots {@code variant} on Payara Micro (log {@code <name>.log} in the work directory), with
   * {@code extra} system properties on top of the variant's, and waits until it answers.
   */
  PayaraMicro startServer(Variant variant, String name, Map<String, String> extra)
      throws IOException {
    int port = Ports.free();
    Path variantWar = variantWar(variant);
    Map<String, String> props = new LinkedHashMap<>();
    props.put("bench.variant", variant.benchVariant());
    props.put("bench.base-domain", BASE_DOMAIN);
    props.put("bench.redis.url", redis.url());
    props.put("tenant-filter.enabled", Boolean.toString(variant.filter()));
    props.put("tenant-filter.base-domains", BASE_DOMAIN);
    props.put("tenant-filter.datasource", "java:app/jdbc/tenants");
    props.put("tenant-filter.exclude-paths", "/bench/*");
    if (variant.filter() && variant.redis()) {
      props.put("tenant-filter.redis.url", redis.url());
    }
    props.putAll(variant.settings());
    props.putAll(extra);
    List<String> jvm = new ArrayList<>(List.of("-Xms" + heapOption, "-Xmx" + heapOption));
    if (perf) {
      jvm.add("-XX:+PreserveFramePointer");
    }
    if (jfr) {
      jvm.add("-XX:StartFlightRecording=filename=" + work.resolve(name + ".jfr")
          + ",settings=profile");
    }
    Path log = work.resolve(name + ".log");
    log("%s: starting Payara Micro on port %d", name, port);
    List<String> micro = variant.hostGuard()
        ? List.of("--addlibs", System.getProperty("bench.host-guard.jar"),
            "--prebootcommandfile", root.resolve("src/payara/host-guard.asadmin").toString())
        : List.of();
    PayaraMicro payara = PayaraMicro.start(payaraJar, variantWar, port, jvm, micro, props, work,
        log);
    try {
      payara.awaitReady("/bench/stats", Duration.ofMinutes(5));
      if (variant.hostGuard() && !Files.readString(log).contains("Host guard installed")) {
        throw new IllegalStateException(name + ": the host guard is not in " + log);
      }
      return payara;
    } catch (IOException | RuntimeException e) {
      payara.close();
      throw e;
    }
  }

  /** The WAR with a web.xml naming the benchmark's DataSource (every variant uses it). */
  Path variantWar(Variant variant) throws IOException {
    Path copy = work.resolve("war").resolve(variant.key() + ".war");
    Files.createDirectories(copy.getParent());
    Files.copy(war, copy, StandardCopyOption.REPLACE_EXISTING);
    // Payara's pool insists on a password; trust authentication ignores it
    URI pg = URI.create(schema.jdbcUrl().substring("jdbc:".length()));
    String db = pg.getPath().substring(1);
    String webXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
          <data-source>
            <name>java:app/jdbc/tenants</name>
            <class-name>%s</class-name>
            <server-name>%s</server-name>
            <port-number>%d</port-number>
            <database-name>%s</database-name>
            <user>%s</user>
            <password>%s</password>
            <property><name>currentSchema</name><value>%s</value></property>
            <initial-pool-size>8</initial-pool-size>
            <min-pool-size>8</min-pool-size>
            <max-pool-size>32</max-pool-size>
          </data-source>
        </web-app>
        """.formatted(PGSimpleDataSource.class.getName(), pg.getHost(), pg.getPort(), db.contains("?") ? db.substring(0, db.indexOf('?')) : db,
        schema.user(), schema.password().isEmpty() ? "unused" : schema.password(), SCHEMA);
    try (FileSystem zip = FileSystems.newFileSystem(copy)) {
      Path target = zip.getPath("WEB-INF/web.xml");
      Files.createDirectories(target.getParent());
      Files.writeString(target, webXml);
    }
    return copy;
  }

  /**
   * {@link #stampedeRequests} requests for {@code host} at once, on threads of their own that
   * each open a connection and wait for a common start, on a node that has never seen the tenant.
   */
  Stampede stampede(int port, String host) throws Exception {
    int n = stampedeRequests;
    JsonObject before = stats(port, false);
    Map<String, Long> redisBefore = commandStats();
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    AtomicLong failed = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          if (RawHttp.get(port, host, "/hello").status() != 200) {
            failed.incrementAndGet();
          }
          return null;
        }));
      }
      ready.await();
      long start = System.nanoTime();
      go.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      JsonObject after = stats(port, false);
      long queries = counter(after, "storeLoads") - counter(before, "storeLoads")
          + counter(after, "baselineQueries") - counter(before, "baselineQueries");
      Map<String, Long> redisAfter = commandStats();
      long redis = 0;
      for (Map.Entry<String, Long> e : redisAfter.entrySet()) {
        if (!List.of("info", "ping", "hello", "client", "subscribe", "psubscribe")
            .contains(e.getKey())) {
          redis += e.getValue() - redisBefore.getOrDefault(e.getKey(), 0L);
        }
      }
      return new Stampede(n, queries, redis, failed.get(), millis);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long counter(JsonObject stats, String name) {
    return stats.containsKey(name) ? stats.getJsonNumber(name).longValue() : 0;
  }

  /** One request per tenant, so that every variant starts from caches that have seen them all. */
  long sweep(int port, int[] tenantOfRank) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicLong ok = new AtomicLong();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int start = t;
      futures.add(pool.submit(() -> {
        for (int i = start; i < tenantOfRank.length; i += 4) {
          RawHttp.Response r = RawHttp.get(port, host(tenantOfRank[i]), "/hello");
          if (r.status() != 200) {
            throw new IllegalStateException(host(tenantOfRank[i]) + " answered " + r.status());
          }
          ok.incrementAndGet();
        }
        return null;
      }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return ok.get();
  }

  Wrk wrk(Path lua, String url, Path hosts, Path seqFile, int offset, int t, int c, int seconds)
      throws IOException, InterruptedException {
    List<String> command = List.of("wrk", "-t" + t, "-c" + c, "-d" + seconds + "s",
        "--timeout", "5s", "-s", lua.toString(), url, "--", hosts.toString(),
        seqFile.toString(), Integer.toString(offset));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("wrk failed: " + output);
    }
    String line = output.lines().filter(l -> l.startsWith("BENCH ")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no BENCH line from wrk: " + output));
    Map<String, String> v = Arrays.stream(line.substring(6).trim().split(" "))
        .map(kv -> kv.split("=", 2)).collect(Collectors.toMap(a -> a[0], a -> a[1]));
    long errors = Long.parseLong(v.get("connect")) + Long.parseLong(v.get("read"))
        + Long.parseLong(v.get("write")) + Long.parseLong(v.get("status"))
        + Long.parseLong(v.get("timeout"));
    return new Wrk(Long.parseLong(v.get("requests")),
        Long.parseLong(v.get("duration_us")) / 1e6, errors, Long.parseLong(v.get("p50")),
        Long.parseLong(v.get("p90")), Long.parseLong(v.get("p99")),
        Long.parseLong(v.get("p999")), Double.parseDouble(v.get("mean")));
  }

  JsonObject stats(int port, boolean gc) {
    RawHttp.Response r = RawHttp.get(port, "localhost", "/bench/stats" + (gc ? "?gc=1" : ""));
    if (r.status() != 200) {
      throw new IllegalStateException("/bench/stats answered " + r.status() + ": " + r.body());
    }
    try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
      return reader.readObject();
    }
  }

  Map<String, Long> commandStats() {
    try (RedisClient client = RedisClient.create(redis.url())) {
      Map<String, Long> calls = new LinkedHashMap<>();
      for (String line : client.info("commandstats").split("\r?\n")) {
        if (line.startsWith("cmdstat_")) {
          String name = line.substring(8, line.indexOf(':')).split("\\|")[0];
          int start = line.indexOf("calls=") + 6;
          calls.merge(name, Long.parseLong(line.substring(start, line.indexOf(',', start))),
              Long::sum);
        }
      }
      return calls;
    }
  }

  /** Index scans on the benchmark's tenants table: one per tenant query. */
  long pgScans() throws SQLException {
    try (Connection c = schema.connect();
        PreparedStatement s = c.prepareStatement(
            "SELECT coalesce(idx_scan, 0) + coalesce(seq_scan, 0) FROM pg_stat_user_tables"
                + " WHERE schemaname = ? AND relname = 'tenants'")) {
      s.setString(1, SCHEMA);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  // ---- setup ----

  void seed(LocalPostgres postgres) throws Exception {
    try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
    schema = postgres.schema(SCHEMA).keep();
    schema.executeResource(LocalPostgres.SCHEMA_SQL);
    schema.execute("INSERT INTO tenants (id, name, subdomain, plan, settings)"
        + " SELECT 't' || lpad(g::text, 5, '0'), 'Tenant ' || g, 't' || lpad(g::text, 5, '0'),"
        + " (ARRAY['free', 'pro', 'enterprise'])[1 + g % 3],"
        + " jsonb_build_object('seats', g % 50, 'region', 'eu-' || (g % 4))"
        + " FROM generate_series(1, " + tenants + ") g; ANALYZE tenants; ANALYZE tenant_domains");
  }

  static String host(int tenant) {
    return String.format(Locale.ROOT, "t%05d.%s", tenant, BASE_DOMAIN);
  }

  /** Which tenant has which popularity rank: a seeded shuffle, so the hot ones are scattered. */
  static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i + 1;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  static void writeHosts(Path file, int[] tenantOfRank) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int tenant : tenantOfRank) {
      text.append(host(tenant)).append('\n');
    }
    Files.writeString(file, text);
  }

  static void writeSequence(Path file, int[] ranks) throws IOException {
    StringBuilder text = new StringBuilder(ranks.length * 5);
    for (int rank : ranks) {
      text.append(rank).append('\n');
    }
    Files.writeString(file, text);
  }

  static String wrkVersion() {
    try {
      Process p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return text.lines().findFirst().orElse("?").replaceAll(" Copyright.*", "").trim();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("wrk is not installed (apt-get install wrk)", e);
    }
  }

  static String cpuModel() throws IOException {
    return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
        .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
        .findFirst().orElse("?");
  }

  // ---- accessors for the report and ClusterBench ----

  /** A connection to the benchmark's schema (autocommit). */
  Connection connect() throws SQLException {
    return schema.connect();
  }

  /** Installs the plain-SQL invalidation trigger (src/sql/notify.sql) on the tenants tables. */
  void installNotifyTrigger() {
    schema.executeResource(LocalPostgres.NOTIFY_SQL);
  }

  void flushRedis() {
    try (RedisClient client = RedisClient.create(redis.url())) {
      client.flushAll();
    }
  }

  int duration() {
    return duration;
  }

  int warmupSeconds() {
    return warmup;
  }

  int tenants() {
    return tenants;
  }

  double zipfS() {
    return zipfS;
  }

  long seedValue() {
    return seed;
  }

  int referenceSeconds() {
    return referenceSeconds;
  }

  String settingsLine() {
    return String.format(Locale.ROOT,
        "wrk -t%d -c%d, warm-up: one request per tenant then %d s, %d measured runs of %d s"
            + " (back to back, same request sequence), then %d s on one connection for latency;"
            + " Zipf sequence of %,d draws, seed %d",
        threads, connections, warmup, reps, duration, latencySeconds, sequenceLength, seed);
  }

  static double median(List<Phase> phases, ToDoubleFunction<Phase> f) {
    return median(phases.stream().mapToDouble(f));
  }

  static double median(DoubleStream values) {
    double[] v = values.sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static void log(String format, Object... args) {
    System.out.println("[load-bench] " + String.format(Locale.ROOT, format, args));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String json(JsonObjectBuilder builder) {
    StringWriter text = new StringWriter();
    try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
        .createWriter(text)) {
      writer.writeObject(builder.build());
    }
    return text.toString();
  }

}
