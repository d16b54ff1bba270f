// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * The original hand-made fix, ported to Java and Jedis as faithfully as its description allows
 * (a Redis client service with an in-memory fallback, and a cache-first tenant extractor):
 *
 * <ul>
 *   <li>every request reads {@code tenant:subdomain:{label}} from Redis ({@code GET});
 *   <li>on a miss it runs the SELECT and writes the tenant back as JSON ({@code SET ... EX 3600},
 *       {@code CACHE_TTL.TENANT} = 1 h);
 *   <li>a local in-memory cache ({@code LOCAL_CACHE_SIZE} 1000 entries, {@code LOCAL_CACHE_TTL}
 *       60 s) is used only when Redis fails, and a circuit breaker ({@code
 *       REDIS_CIRCUIT_THRESHOLD} 3 failures, {@code REDIS_CIRCUIT_TIMEOUT} 60 s) stops calling
 *       Redis for a while.
 * </ul>
 *
 * <p>Redis here is a TCP connection pool on loopback; the original used Upstash's REST API, an
 * HTTPS round trip per command, so this port is kinder to it than production was.
 */
public final class OriginalFixFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  static final long TENANT_TTL_SECONDS = 3600;
  static final int LOCAL_CACHE_SIZE = 1000;
  static final long LOCAL_CACHE_TTL_MILLIS = 60_000;
  static final int CIRCUIT_THRESHOLD = 3;
  static final long CIRCUIT_TIMEOUT_MILLIS = 60_000;

  static final AtomicLong REDIS_GETS = new AtomicLong();
  static final AtomicLong REDIS_HITS = new AtomicLong();
  static final AtomicLong REDIS_SETS = new AtomicLong();
  static final AtomicLong REDIS_ERRORS = new AtomicLong();
  static final AtomicLong LOCAL_HITS = new AtomicLong();

  private transient DataSource dataSource;
  private transient RedisClient redis;
  private String baseDomain;

  // the circuit breaker and the fallback cache of the Redis client service
  private final AtomicInteger failures =
      new AtomicInteger();
  private volatile long openedAt;
  private final Map<String, Local> local = new LinkedHashMap<>();

  private record Local(String value, long expiresAt) {}

  @Override
  public void init() {
    dataSource = TenantRows.dataSource();
    baseDomain = System.getProperty("bench.base-domain", "bench.localhost");
    URI url = URI.create(System.getProperty("bench.redis.url", "redis://127.0.0.1:6379"));
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(16);
    pool.setMaxIdle(16);
    redis = RedisClient.builder()
        .hostAndPort(new HostAndPort(url.getHost(), url.getPort()))
        .clientConfig(DefaultJedisClientConfig.builder().clientName("original-fix").build())
        .poolConfig(pool)
        .build();
  }

  @Override
  public void destroy() {
    redis.close();
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws IOException, ServletException {
    String subdomain = TenantRows.subdomain(request.getHeader("Host"), baseDomain);
    if (subdomain == null) {
      response.sendError(404);
      return;
    }
    JsonObject tenant;
    try {
      tenant = getTenantBySubdomain(subdomain);
    } catch (SQLException e) {
      response.sendError(503);
      return;
    }
    if (tenant == null) {
      response.sendError(404);
      return;
    }
    request.setAttribute(TenantRows.ATTRIBUTE, tenant.getString("id"));
    chain.doFilter(request, response);
  }

  /** The tenant extractor: cache first, then the database, then fill the cache. */
  private JsonObject getTenantBySubdomain(String subdomain) throws SQLException {
    String key = "tenant:subdomain:" + subdomain;
    String cached = get(key);
    if (cached != null) {
      try (JsonReader reader = Json.createReader(new StringReader(cached))) {
        return reader.readObject();
      }
    }
    TenantRows.Row row = TenantRows.query(dataSource, subdomain);
    if (row == null) {
      return null;
    }
    JsonObject json = Json.createObjectBuilder()
        .add("id", row.id())
        .add("name", row.name())
        .add("subdomain", row.subdomain())
        .add("plan_type", row.plan())
        .add("status", row.status())
        .add("settings", row.settings())
        .add("updated_at", row.updatedAt())
        .build();
    set(key, json.toString(), TENANT_TTL_SECONDS);
    return json;
  }

  /** The Redis client service's get: Redis, or the local cache when Redis fails. */
  private String get(String key) {
    if (!circuitOpen()) {
      try {
        REDIS_GETS.incrementAndGet();
        String value = redis.get(key);
        succeeded();
        if (value != null) {
          REDIS_HITS.incrementAndGet();
        }
        return value;
      } catch (RuntimeException e) {
        failed();
      }
    }
    String value = localGet(key);
    if (value != null) {
      LOCAL_HITS.incrementAndGet();
    }
    return value;
  }

  /** The Redis client service's set: Redis with a TTL, or the local cache when Redis fails. */
  private void set(String key, String value, long ttlSeconds) {
    if (!circuitOpen()) {
      try {
        REDIS_SETS.incrementAndGet();
        redis.setex(key, ttlSeconds, value);
        succeeded();
        return;
      } catch (RuntimeException e) {
        failed();
      }
    }
    localSet(key, value);
  }

  private boolean circuitOpen() {
    if (failures.get() < CIRCUIT_THRESHOLD) {
      return false;
    }
    if (System.currentTimeMillis() - openedAt >= CIRCUIT_TIMEOUT_MILLIS) {
      failures.set(CIRCUIT_THRESHOLD - 1); // half open: one more failure opens it again
      return false;
    }
    return true;
  }

  private void succeeded() {
    if (failures.get() != 0) {
      failures.set(0);
    }
  }

  private void failed() {
    REDIS_ERRORS.incrementAndGet();
    if (failures.incrementAndGet() >= CIRCUIT_THRESHOLD) {
      openedAt = System.currentTimeMillis();
    }
  }

  private synchronized String localGet(String key) {
    Local entry = local.get(key);
    if (entry == null) {
      return null;
    }
    if (entry.expiresAt() < System.currentTimeMillis()) {
      local.remove(key);
      return null;
    }
    return entry.value();
  }

  private synchronized void localSet(String key, String value) {
    if (local.size() >= LOCAL_CACHE_SIZE && !local.containsKey(key)) {
      Iterator<String> oldest = local.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    local.put(key, new Local(value, System.currentTimeMillis() + LOCAL_CACHE_TTL_MILLIS));
  }
}
