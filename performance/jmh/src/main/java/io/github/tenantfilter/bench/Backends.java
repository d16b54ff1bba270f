// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.internal.cache.TenantLookup;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.store.DataSources;
import io.github.tenantfilter.internal.store.JdbcTenantStore;
import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.LocalRedis;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The real PostgreSQL and Redis for the remote-path benchmarks: a schema of the benchmark's own
 * with the project's {@code schema.sql} and {@value #TENANTS} tenants, and a Redis key prefix of
 * its own. Dropped (the schema) and removed (the keys, through the filter's own invalidation) on
 * {@link #close()}; the shared Redis is never flushed.
 */
final class Backends implements AutoCloseable {

  static final int TENANTS = 1000;

  private final LocalPostgres.Schema schema;
  private final String redisUrl;
  private final String keyPrefix = "tfjmh-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  private DataSource dataSource;
  private TenantLookup lookup;

  Backends() {
    schema = LocalPostgres.get().newSchema("jmh");
    schema.executeResource(LocalPostgres.SCHEMA_SQL);
    schema.execute("INSERT INTO tenants (id, name, subdomain, plan, settings)"
        + " SELECT 't' || lpad(i::text, 5, '0'), 'Tenant ' || i, 't' || lpad(i::text, 5, '0'),"
        + " 'pro', '{\"theme\": \"blue\", \"seats\": 25}'::jsonb"
        + " FROM generate_series(0, " + (TENANTS - 1) + ") AS i;"
        + " INSERT INTO tenants (id, name, subdomain) VALUES ('acme', 'Acme', 'acme');"
        + " INSERT INTO tenant_domains (domain, tenant_id)"
        + " SELECT id || '-shop.example', id FROM tenants; ANALYZE");
    redisUrl = LocalRedis.url();
  }

  /** The tiers on this schema; with Redis or without it (heap tier and store only). */
  TenantLookup lookup(boolean redis) {
    Map<String, String> settings = new HashMap<>();
    settings.put("tenant-filter.base-domains", HotPathBench.BASE);
    settings.put("tenant-filter.jdbc.url", schema.jdbcUrl());
    settings.put("tenant-filter.jdbc.user", schema.user());
    settings.put("tenant-filter.jdbc.password", schema.password());
    if (redis) {
      settings.put("tenant-filter.redis.url", redisUrl);
      settings.put("tenant-filter.redis.key-prefix", keyPrefix);
    }
    TenantFilterConfig config = TenantFilterConfig.of(settings);
    dataSource = DataSources.of(config, Backends.class.getClassLoader());
    TenantStore store = new JdbcTenantStore(dataSource, config.queryById(),
        config.queryBySubdomain(), config.queryByDomain(), config.storeTimeout());
    lookup = TenantLookup.create(config, store, Clock.systemUTC(), null);
    try {
      // until it hears other nodes' invalidations, a node does not trust what Redis holds
      if (!lookup.awaitInvalidationChannel(Duration.ofSeconds(10))) {
        throw new IllegalStateException("the invalidation channel did not come up");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return lookup;
  }

  LocalPostgres.Schema schema() {
    return schema;
  }

  String redisUrl() {
    return redisUrl;
  }

  String keyPrefix() {
    return keyPrefix;
  }

  @Override
  public void close() throws Exception {
    try {
      if (lookup != null) {
        if (lookup.hasRemoteTier()) {
          lookup.invalidateAll(); // removes this run's keys under its own prefix
        }
        lookup.close();
      }
      if (lookup != null && lookup.hasRemoteTier()) {
        removeOwnKeys(); // what invalidateAll leaves: its dead values, the epoch, the generation
      }
      if (dataSource instanceof AutoCloseable closeable) {
        closeable.close();
      }
    } finally {
      schema.close();
    }
  }

  /** Deletes every key under this run's own prefix (never anything else). */
  private void removeOwnKeys() {
    URI url = URI.create(redisUrl);
    try (Jedis jedis = new Jedis(url.getHost(), url.getPort())) {
      ScanParams match =
          new ScanParams().match(keyPrefix + "*").count(100);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, match);
        if (!page.getResult().isEmpty()) {
          jedis.del(page.getResult().toArray(new String[0]));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
  }
}
