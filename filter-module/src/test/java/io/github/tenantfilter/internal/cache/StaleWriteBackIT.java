// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.resolve.LookupKey;
import io.github.tenantfilter.internal.store.DataSources;
import io.github.tenantfilter.internal.store.JdbcTenantStore;
import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.RedisProcess;
import io.github.tenantfilter.testing.TenantSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The stale-set race, forced: a load reads version 1 from PostgreSQL and is paused before it
 * fills the caches; meanwhile the record becomes version 2 and is invalidated (on the same node
 * or another); then the load resumes. The caches must end equal to the database: Redis never
 * keeps version 1, and every node serves version 2. 10,000 runs, the key, the loading node and
 * the invalidating node chosen at random (seed printed).
 */
class StaleWriteBackIT {

  private static final int RUNS = 10_000;

  /** A store that, when armed, pauses after reading and before returning. */
  private static final class PausingStore implements TenantStore {
    private final TenantStore store;
    private volatile CountDownLatch read;
    private volatile CountDownLatch resume;

    PausingStore(TenantStore store) {
      this.store = store;
    }

    void arm() {
      read = new CountDownLatch(1);
      resume = new CountDownLatch(1);
    }

    private Optional<Tenant> pause(Optional<Tenant> found) {
      CountDownLatch r = read;
      if (r != null) {
        read = null;
        r.countDown();
        try {
          resume.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return found;
    }

    @Override
    public Optional<Tenant> findById(String id) {
      return pause(store.findById(id));
    }

    @Override
    public Optional<Tenant> findBySubdomain(String subdomain) {
      return pause(store.findBySubdomain(subdomain));
    }

    @Override
    public Optional<Tenant> findByDomain(String domain) {
      return pause(store.findByDomain(domain));
    }
  }

  @Test
  void fillPausedAcrossInvalidation_cachesEndEqualToDatabase_10000RandomRuns() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    LookupKey[] keys = {
      LookupKey.id("race"), LookupKey.subdomain("race"), LookupKey.domain("race.example")
    };
    try (LocalPostgres.Schema schema = TenantSchema.create("stale_it");
        RedisProcess redis = RedisProcess.start();
        RedisClient raw = RedisClient.create(redis.url());
        Connection sql = schema.connect()) {
      TenantSchema.insert(schema, "race", "race", "race.example");
      try (var statement = sql.createStatement()) {
        // this session's commits need not wait for the disk: the race is about visibility
        statement.execute("SET synchronous_commit = off");
      }
      PreparedStatement setPlan =
          sql.prepareStatement("UPDATE tenants SET plan = ? WHERE id = 'race'");
      TenantFilterConfig config =
          TenantFilterConfig.of(Map.of(
              "tenant-filter.redis.url", redis.url(),
              "tenant-filter.jdbc.url", schema.jdbcUrl(),
              "tenant-filter.jdbc.user", schema.user()));
      // the filter's own URL-mode DataSource, which reuses its connections
      DataSource pg =
          DataSources.of(config, getClass().getClassLoader());
      PausingStore[] stores = new PausingStore[2];
      TenantLookup[] nodes = new TenantLookup[2];
      for (int n = 0; n < 2; n++) {
        stores[n] = new PausingStore(new JdbcTenantStore(pg, config.queryById(),
            config.queryBySubdomain(), config.queryByDomain(), Duration.ofSeconds(2)));
        nodes[n] = TenantLookup.create(config, stores[n], Clock.systemUTC(), null);
        assertThat(nodes[n].awaitInvalidationChannel(Duration.ofSeconds(10))).isTrue();
      }
      ExecutorService worker = Executors.newSingleThreadExecutor();
      TenantCodec codec = new TenantCodec();
      int sameNode = 0;
      int oldValueReturnedToItsRequest = 0;
      try {
        for (int run = 0; run < RUNS; run++) {
          LookupKey key = keys[random.nextInt(keys.length)];
          int loader = random.nextInt(2);
          int invalidator = random.nextInt(2);
          String v1 = "v" + (2 * run + 1);
          String v2 = "v" + (2 * run + 2);

          setPlan.setString(1, v1);
          setPlan.executeUpdate();
          nodes[0].invalidate("race");
          nodes[1].invalidate("race");
          if (random.nextBoolean()) {
            nodes[1 - loader].find(key); // sometimes the other node has filled Redis with v1
            nodes[loader].invalidateFromStore("race"); // ...but the loader must still load
          }

          stores[loader].arm();
          CountDownLatch read = stores[loader].read;
          CountDownLatch resume = stores[loader].resume;
          Future<Optional<Tenant>> load = worker.submit(() -> nodes[loader].find(key));
          assertThat(read.await(10, TimeUnit.SECONDS)).as("run %d: the load read", run).isTrue();

          setPlan.setString(1, v2);
          setPlan.executeUpdate();
          nodes[invalidator].invalidate("race");
          resume.countDown();
          Optional<Tenant> itsOwn = load.get(10, TimeUnit.SECONDS);
          if (itsOwn.map(Tenant::plan).orElse("").equals(v1)) {
            oldValueReturnedToItsRequest++; // allowed: that request began before the change
          }

          // Redis is checked at once: the fill and the invalidation are atomic there
          String inRedis = raw.get("{tenant}:" + key.cacheKey());
          if (inRedis != null) {
            assertThat(codec.decode(inRedis).plan()).as("run %d seed %d: Redis", run, seed)
                .isEqualTo(v2);
          }
          if (invalidator == loader) {
            sameNode++;
            assertThat(nodes[loader].find(key).map(Tenant::plan))
                .as("run %d seed %d: the invalidating node at once", run, seed)
                .contains(v2);
          }
          for (TenantLookup node : nodes) {
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (!node.find(key).map(Tenant::plan).orElse("").equals(v2)) {
              assertThat(System.nanoTime())
                  .as("run %d seed %d: every node converges to the database", run, seed)
                  .isLessThan(deadline);
              Thread.onSpinWait();
            }
          }
        }
      } finally {
        worker.shutdownNow();
        nodes[0].close();
        nodes[1].close();
      }
      String line = String.format("stale-set race: %d runs (seed %d), %d invalidated on the"
              + " loading node, %d loads returned the old record to their own request; 0 left"
              + " it in Redis or on a node", RUNS, seed, sameNode, oldValueReturnedToItsRequest);
      System.out.println("COHERENCE " + line);
      Files.writeString(Path.of("target", "coherence-report.md"), "\n" + line + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }
}
