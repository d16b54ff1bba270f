// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantStoreException;
import io.github.tenantfilter.internal.cache.TenantLookup;
import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.resolve.LookupKey;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.Jedis;

/**
 * The paths below the heap tier, against the real Redis (127.0.0.1:6379, or one started by
 * the test support) and the real PostgreSQL (a schema of its own), one thread:
 *
 * <ul>
 *   <li>{@code l2Hit}: L1 emptied before each operation, so each is an L1 miss and a Redis hit
 *       ({@code MGET} value + epoch, decode, check, L1 fill);
 *   <li>{@code storeLoad}: no Redis configured, L1 emptied: each operation is a PostgreSQL load
 *       through {@code JdbcTenantStore} and its small connection pool;
 *   <li>{@code fullMiss}: Redis configured, the tenant invalidated before each operation (both
 *       tiers): {@code MGET} miss, PostgreSQL load, {@code EVAL} fill of Redis, L1 fill;
 *   <li>{@code redisGet}, {@code jdbcQuery}: the floors, one Jedis {@code GET} on a held
 *       connection and the default by-subdomain query on a held prepared statement.
 * </ul>
 *
 * <p>The emptying runs in a {@code Level.Invocation} setup, outside the measured time. Each
 * state checks at the end, from the lookup's counters, that every operation took the path its
 * name says. Run: {@code java -jar performance/jmh/target/benchmarks.jar RemotePaths}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class RemotePaths {

  static final LookupKey ACME = LookupKey.subdomain("acme");

  /** Every operation an L1 miss and a Redis hit. */
  @State(Scope.Thread)
  public static class L2Hit {
    Backends backends;
    TenantLookup lookup;

    @Setup(Level.Trial)
    public void start() {
      backends = new Backends();
      lookup = backends.lookup(true);
      require(lookup.find(ACME), "first load"); // fills Redis
    }

    @Setup(Level.Invocation)
    public void emptyL1() {
      lookup.dropHeapTier(); // the next lookup misses the heap tier and finds Redis
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      CacheStats stats = lookup.stats();
      backends.close();
      check(stats.localHits() == 0 && stats.storeLoads() == 1
          && stats.redisHits() == stats.lookups() - 1, "l2Hit", stats);
    }
  }

  /** Every operation a PostgreSQL load (no Redis, L1 emptied). */
  @State(Scope.Thread)
  public static class StoreLoad {
    Backends backends;
    TenantLookup lookup;

    @Setup(Level.Trial)
    public void start() {
      backends = new Backends();
      lookup = backends.lookup(false);
    }

    @Setup(Level.Invocation)
    public void emptyL1() {
      lookup.dropHeapTier();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      CacheStats stats = lookup.stats();
      backends.close();
      check(stats.localHits() == 0 && stats.storeLoads() == stats.lookups()
          && !stats.redisEnabled(), "storeLoad", stats);
    }
  }

  /** Every operation a Redis miss, a PostgreSQL load and a Redis fill. */
  @State(Scope.Thread)
  public static class FullMiss {
    Backends backends;
    TenantLookup lookup;

    @Setup(Level.Trial)
    public void start() {
      backends = new Backends();
      lookup = backends.lookup(true);
    }

    @Setup(Level.Invocation)
    public void invalidate() {
      lookup.invalidate("acme"); // both tiers, as an application's invalidation does
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      CacheStats stats = lookup.stats();
      backends.close();
      check(stats.localHits() == 0 && stats.storeLoads() == stats.lookups()
          && stats.redisMisses() == stats.lookups() && stats.redisErrors() == 0,
          "fullMiss", stats);
    }
  }

  /** A held Jedis connection and a held prepared statement, for the floors. */
  @State(Scope.Thread)
  public static class Floors {
    Backends backends;
    Jedis jedis;
    String key;
    Connection connection;
    PreparedStatement query;

    @Setup(Level.Trial)
    public void start() throws SQLException {
      backends = new Backends();
      URI url = URI.create(backends.redisUrl());
      jedis = new Jedis(url.getHost(), url.getPort());
      key = backends.keyPrefix() + "floor";
      jedis.set(key, "{\"v\":1,\"id\":\"acme\",\"name\":\"Acme\",\"subdomain\":\"acme\"}");
      connection = backends.schema().connect();
      query = connection.prepareStatement(Settings.Queries.BY_SUBDOMAIN);
      query.setString(1, "acme");
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      jedis.del(key);
      jedis.close();
      query.close();
      connection.close();
      backends.close();
    }
  }

  @Benchmark
  public Optional<Tenant> l2Hit(L2Hit state) {
    return state.lookup.find(ACME);
  }

  @Benchmark
  public Optional<Tenant> storeLoad(StoreLoad state) {
    return state.lookup.find(ACME);
  }

  @Benchmark
  public Optional<Tenant> fullMiss(FullMiss state) {
    return state.lookup.find(ACME);
  }

  @Benchmark
  public String redisGet(Floors floors) {
    return floors.jedis.get(floors.key);
  }

  @Benchmark
  public String jdbcQuery(Floors floors) throws SQLException {
    try (ResultSet rows = floors.query.executeQuery()) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  private static Tenant require(Optional<Tenant> tenant, String what) {
    return tenant.orElseThrow(() -> new TenantStoreException(what + ": acme not found"));
  }

  private static void check(boolean ok, String path, CacheStats stats) {
    if (!ok) {
      throw new IllegalStateException(path + ": not every operation took this path: " + stats);
    }
    System.out.println(path + ": every operation took this path (" + stats.lookups()
        + " lookups)");
  }
}
