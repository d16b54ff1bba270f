// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantStoreException;
import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.TenantSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bound of tenant-filter.jdbc.url's pool as the real PostgreSQL sees it: each pool connects
 * with an application name of its own, and pg_stat_activity counts its sessions.
 */
class DriverDataSourcePoolIT {

  private static LocalPostgres.Schema schema;

  @BeforeAll
  static void createSchema() {
    schema = TenantSchema.create("pool_it");
    TenantSchema.insert(schema, "acme", "acme");
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  /** A pool (and a store over it) whose sessions PostgreSQL knows by {@code application}. */
  private record Pool(String application, DataSource dataSource, JdbcTenantStore store)
      implements AutoCloseable {
    @Override
    public void close() {
      ((DriverDataSource) dataSource).close();
    }
  }

  private static Pool pool(int size, String timeout, String byIdQuery) {
    String application = "tf_pool_" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> settings = new HashMap<>();
    settings.put(Settings.JDBC_URL.name(), schema.jdbcUrl() + "&ApplicationName=" + application);
    settings.put(Settings.JDBC_USER.name(), schema.user());
    settings.put(Settings.JDBC_POOL_SIZE.name(), Integer.toString(size));
    settings.put(Settings.STORE_TIMEOUT.name(), timeout);
    if (byIdQuery != null) {
      settings.put(Settings.QUERY_BY_ID.name(), byIdQuery.replace("$APP", application));
    }
    TenantFilterConfig config = TenantFilterConfig.of(settings);
    DataSource dataSource = DataSources.of(config, DriverDataSourcePoolIT.class.getClassLoader());
    return new Pool(application, dataSource, new JdbcTenantStore(dataSource, config.queryById(),
        config.queryBySubdomain(), config.queryByDomain(), config.storeTimeout()));
  }

  /** The sessions PostgreSQL has open for {@code application}, seen from outside the pool. */
  private static int sessions(Connection observer, String application) throws SQLException {
    try (PreparedStatement count = observer.prepareStatement(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
      count.setString(1, application);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  @Test
  void lookups_floodOfMissesFromFiftyThreads_neverUseMoreThanThreeSessions() throws Exception {
    // each lookup misses (no row: the id is never a tenant's) after a short sleep that holds its
    // connection; a second query under the same id reports the sessions it saw from inside
    String missing = "SELECT id FROM tenants, pg_sleep(0.005) WHERE id = ?";
    String counting = "SELECT (SELECT count(*) FROM pg_stat_activity WHERE application_name ="
        + " '$APP')::text AS id WHERE ? IS NOT NULL";
    try (Pool pool = pool(3, "30", missing);
        Pool seen = pool(3, "30", counting);
        Connection observer = schema.connect()) {
      AtomicBoolean flooding = new AtomicBoolean(true);
      AtomicInteger mostSessions = new AtomicInteger();
      AtomicInteger answered = new AtomicInteger();
      ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
      ExecutorService threads = Executors.newFixedThreadPool(51);
      try {
        Future<?> watcher = threads.submit(() -> {
          while (flooding.get()) {
            mostSessions.accumulateAndGet(sessions(observer, pool.application()), Math::max);
            mostSessions.accumulateAndGet(sessions(observer, seen.application()), Math::max);
          }
          return null;
        });
        List<Future<?>> flood = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
          flood.add(threads.submit(() -> {
            for (int i = 0; i < 10; i++) {
              try {
                assertThat(pool.store().findById("nobody-" + i)).isEmpty();
                Optional<Tenant> count = seen.store().findById("nobody-" + i);
                mostSessions.accumulateAndGet(Integer.parseInt(count.orElseThrow().id()),
                    Math::max);
                answered.incrementAndGet();
              } catch (TenantStoreException e) {
                // allowed: a 503, say when the wait for a free connection ran out
              } catch (Throwable e) {
                unexpected.add(e);
              }
            }
          }));
        }
        for (Future<?> future : flood) {
          future.get(5, TimeUnit.MINUTES);
        }
        flooding.set(false);
        watcher.get(1, TimeUnit.MINUTES);
      } finally {
        flooding.set(false);
        threads.shutdownNow();
      }

      assertThat(unexpected).as("anything but an answer or a TenantStoreException").isEmpty();
      assertThat(answered.get()).as("lookups that answered").isPositive();
      assertThat(mostSessions.get()).as("sessions of one pool at once").isBetween(1, 3);

      // after the flood: the pool answers again and keeps no more than its size
      assertThat(pool.store().findById("nobody")).isEmpty();
      assertThat(seen.store().findById("any")).isPresent();
      assertThat(sessions(observer, pool.application())).isBetween(1, 3);
    }
  }

  @Test
  void lookup_allConnectionsHeld_failsWithStoreExceptionNamingThePool_thenRecovers()
      throws Exception {
    try (Pool pool = pool(2, "1", null)) {
      Connection first = pool.dataSource().getConnection();
      Connection second = pool.dataSource().getConnection();

      assertThatThrownBy(() -> pool.store().findById("acme"))
          .isInstanceOf(TenantStoreException.class)
          .hasMessageContaining("connections are all busy")
          .hasMessageContaining("no free connection within 1 s, pool of 2");

      first.close();
      assertThat(pool.store().findById("acme")).map(Tenant::id).contains("acme");
      second.close();
      try (Connection observer = schema.connect()) {
        assertThat(sessions(observer, pool.application())).isEqualTo(2);
      }
    }
  }

  @Test
  void lookup_afterTheServerKilledThePoolsOnlyConnection_opensANewOne() throws Exception {
    try (Pool pool = pool(1, "2", null);
        Connection observer = schema.connect()) {
      assertThat(pool.store().findById("acme")).isPresent();
      try (PreparedStatement kill = observer.prepareStatement(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                  + " WHERE application_name = ?")) {
        kill.setString(1, pool.application());
        kill.execute();
      }

      assertThat(pool.store().findById("acme")).as("the dead connection is not lent out")
          .map(Tenant::id).contains("acme");
    }
  }
}
