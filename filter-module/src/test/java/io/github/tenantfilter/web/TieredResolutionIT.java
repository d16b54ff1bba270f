// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.internal.cache.TenantCodec;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.resolve.LookupKey;
import io.github.tenantfilter.internal.store.JdbcTenantStore;
import io.github.tenantfilter.testing.CountingDataSource;
import io.github.tenantfilter.testing.FakeHttp;
import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.MutableClock;
import io.github.tenantfilter.testing.RedisCommands;
import io.github.tenantfilter.testing.RedisProcess;
import io.github.tenantfilter.testing.TenantSchema;
import io.github.tenantfilter.testing.Warnings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Requests through the filter with the real tiers: PostgreSQL as the store (queries counted at
 * the JDBC connection) and a Redis of the test's own (commands counted by the server's {@code
 * INFO commandstats}), so that the test can also kill it.
 */
class TieredResolutionIT {

  private static final Duration L1_TTL = Duration.ofSeconds(60);

  private final MutableClock clock = new MutableClock();
  private final TenantFilterRuntime runtime = new TenantFilterRuntime();
  private final TenantFilter filter = new TenantFilter();
  private LocalPostgres.Schema schema;
  private RedisProcess redis;
  private RedisCommands redisCommands;
  private CountingDataSource database;

  @BeforeEach
  void start() throws Exception {
    schema = TenantSchema.create("tiers_it");
    TenantSchema.insert(schema, "acme", "acme", "acme-corp.example");
    TenantSchema.insert(schema, "globex", "globex");
    redis = RedisProcess.start();
    redisCommands = new RedisCommands(redis.url());

    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setUrl(schema.jdbcUrl());
    pg.setUser(schema.user());
    database = new CountingDataSource(pg);

    TenantFilterConfig config =
        TenantFilterConfig.of(
            Map.of(
                "tenant-filter.base-domains", "app.example",
                "tenant-filter.redis.url", redis.url(),
                "tenant-filter.redis.timeout", "200ms",
                "tenant-filter.local-cache.ttl", "60"));
    JdbcTenantStore store =
        new JdbcTenantStore(
            database.dataSource(),
            config.queryById(),
            config.queryBySubdomain(),
            config.queryByDomain(),
            config.storeTimeout());
    runtime.start(config, store, clock);
    // subscribed: the first subscription drops what was loaded before it
    assertThat(runtime.awaitInvalidationChannels(Duration.ofSeconds(10))).isTrue();
    redisCommands.reset(); // the start (its first subscription prepares Redis) is not counted
    filter.runtime = runtime;
    filter.requestTenant = new RequestTenant();
  }

  @AfterEach
  void stop() {
    runtime.stop();
    redisCommands.close();
    redis.close();
    schema.close();
  }

  /** One request through the filter; returns the status and the tenant the application saw. */
  private Result request(String host) throws Exception {
    FakeHttp.Response response = new FakeHttp.Response();
    AtomicReference<Optional<Tenant>> seen = new AtomicReference<>(Optional.empty());
    filter.doFilter(
        FakeHttp.request(host, "/api/whoami"),
        response,
        (req, res) -> seen.set(CurrentTenant.of(req)));
    return new Result(response.status(), seen.get().map(Tenant::id).orElse(null));
  }

  private record Result(int status, String tenant) {}

  private record Traffic(long redis, int db) {}

  private Traffic traffic(long redisBefore, int dbBefore) {
    return new Traffic(redisCommands.total() - redisBefore, database.queries() - dbBefore);
  }

  @Test
  void firstRequest_loadsFromPostgresOnceAndFillsBothTiers() throws Exception {
    assertThat(request("acme.app.example")).isEqualTo(new Result(200, "acme"));

    assertThat(database.queries()).isEqualTo(1);
    // the data commands: one MGET (miss) and one EVAL (fill); the rest is the connection's
    // handshake (CLIENT SETNAME, ...), paid once per pooled connection
    assertThat(redisCommands.calls("mget")).isEqualTo(1);
    assertThat(redisCommands.calls("eval")).isEqualTo(1);
    String stored = redisCommands.client().get("{tenant}:subdomain:acme");
    assertThat(stored).matches("[0-9a-f]+\\|\\{.*\"id\":\"acme\".*"); // <generation>|<json>
    String cached = stored.substring(stored.indexOf('|') + 1);
    // fresh for the Redis TTL less up to 10 % jitter, then kept for the 300 s stale window
    long freshFor = new TenantCodec().decodeValue(cached).freshUntil()
        - clock.millis();
    assertThat(freshFor).isBetween(3_230_000L, 3_600_000L);
    assertThat(redisCommands.client().ttl("{tenant}:subdomain:acme"))
        .isBetween(3240L + 300, 3600L + 300);
  }

  @Test
  void repeatedRequest_isHeapHitWithNoRedisOrDatabaseTraffic() throws Exception {
    request("acme.app.example");
    long redisBefore = redisCommands.total();
    int dbBefore = database.queries();

    for (int i = 0; i < 1000; i++) {
      assertThat(request("acme.app.example").tenant()).isEqualTo("acme");
    }

    Traffic traffic = traffic(redisBefore, dbBefore);
    assertThat(traffic).isEqualTo(new Traffic(0, 0));
    CacheStats stats = runtime.getCacheStats();
    assertThat(stats.localHits()).isEqualTo(1000);
    System.out.printf(
        "repeated request: %.4f Redis commands and %.4f DB queries per request over 1000%n",
        traffic.redis() / 1000.0, traffic.db() / 1000.0);
  }

  @Test
  void afterHeapTtl_redisAnswersWithoutDatabase() throws Exception {
    request("acme.app.example");
    clock.advance(L1_TTL);
    long redisBefore = redisCommands.total();
    int dbBefore = database.queries();

    assertThat(request("acme.app.example").tenant()).isEqualTo("acme");

    assertThat(traffic(redisBefore, dbBefore)).isEqualTo(new Traffic(1, 0)); // one MGET
    assertThat(runtime.getCacheStats().redisHits()).isEqualTo(1);
  }

  @Test
  void invalidation_forcesReloadOfTheChangedRecord() throws Exception {
    request("acme.app.example");
    request("acme-corp.example");
    schema.execute("UPDATE tenants SET plan = 'enterprise' WHERE id = 'acme'");
    schema.execute("UPDATE tenant_domains SET domain = 'acme-new.example' WHERE tenant_id = 'acme'");

    runtime.invalidateTenantCache("acme");
    assertThat(redisCommands.client().keys("{tenant}:*")) // every key of acme gone, old domain too
        .containsExactlyInAnyOrder("{tenant}:epoch", "{tenant}:generation");
    int dbBefore = database.queries();

    assertThat(request("acme.app.example").tenant()).isEqualTo("acme");
    assertThat(runtime.engine().lookup.find(LookupKey.subdomain("acme")))
        .map(Tenant::plan).contains("enterprise");
    assertThat(request("acme-corp.example").status()).isEqualTo(404);
    assertThat(request("acme-new.example").tenant()).isEqualTo("acme");
    assertThat(database.queries() - dbBefore).isEqualTo(3);
  }

  @Test
  void unknownHostAndMalformedHost_answer404And400WithoutRedis() throws Exception {
    long redisBefore = redisCommands.total();
    int dbBefore = database.queries();
    assertThat(request("a..b").status()).isEqualTo(400);
    assertThat(traffic(redisBefore, dbBefore)).isEqualTo(new Traffic(0, 0));

    assertThat(request("nobody.app.example").status()).isEqualTo(404);
    assertThat(request("nobody.app.example").status()).isEqualTo(404);
    assertThat(database.queries() - dbBefore).isEqualTo(1); // remembered as unknown
  }

  @Test
  void redisKilled_requestsKeepWorkingAndItIsLoggedOnce() throws Exception {
    try (Warnings warnings = Warnings.of("io.github.tenantfilter")) {
      request("acme.app.example");
      redis.kill();

      // known to the heap tier: served with no Redis and no database call
      int dbBefore = database.queries();
      assertThat(request("acme.app.example").tenant()).isEqualTo("acme");
      assertThat(database.queries()).isEqualTo(dbBefore);

      // not in the heap tier: PostgreSQL answers
      for (int i = 0; i < 20; i++) {
        assertThat(request("globex.app.example").tenant()).isEqualTo("globex");
        clock.advance(L1_TTL); // force a miss each time
      }
      assertThat(runtime.getCacheStats().redisAvailable()).isFalse();
      assertThat(warnings.records()).filteredOn(r -> r.getMessage().contains("Redis"))
          .hasSize(1);

      redis.restart();
      // until the node has subscribed again it does not trust Redis; then it refills it
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (runtime.getCacheStats().invalidationReconnects() == 0) {
        assertThat(System.nanoTime()).as("subscribed again").isLessThan(deadline);
        Thread.sleep(10);
      }
      clock.advance(L1_TTL);
      assertThat(request("acme.app.example").tenant()).isEqualTo("acme");
      assertThat(runtime.getCacheStats().redisAvailable()).isTrue();
      redisCommands.close();
      redisCommands = new RedisCommands(redis.url()); // the old connection died with the server
      assertThat(redisCommands.client().exists("{tenant}:subdomain:acme")).isTrue();
    }
  }
}
