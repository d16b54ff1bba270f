// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.RegionStats;
import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.RedisCommands;
import io.github.tenantfilter.testing.RedisProcess;
import io.github.tenantfilter.testing.TenantSchema;
import io.github.tenantfilter.web.NodeControl.RegionControl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A named cache region on two nodes, each in a class loader of its own with the real Fault
 * Tolerance, sharing a Redis of the test's own (commands counted by the server's {@code INFO
 * commandstats}, so that it can also be killed) and caching a table of the real PostgreSQL.
 */
class CacheRegionsIT {

  private LocalPostgres.Schema schema;
  private RedisProcess redis;
  private RedisCommands redisCommands;
  private final List<IsolatedNode> nodes = new ArrayList<>();
  private final AtomicInteger queries = new AtomicInteger();

  @BeforeEach
  void start() {
    schema = TenantSchema.create("regions_it");
    TenantSchema.insert(schema, "acme", "acme");
    schema.execute("CREATE TABLE plans (name text PRIMARY KEY, seats int NOT NULL);"
        + "INSERT INTO plans VALUES ('free', 1), ('pro', 5), ('enterprise', 250)");
    redis = RedisProcess.start();
    redisCommands = new RedisCommands(redis.url());
    Map<String, String> settings = Map.of(
        "tenant-filter.base-domains", "app.example",
        "tenant-filter.jdbc.url", schema.jdbcUrl(),
        "tenant-filter.jdbc.user", schema.user(),
        "tenant-filter.redis.url", redis.url(),
        "tenant-filter.redis.key-prefix", "it:",
        "tenant-filter.redis.timeout", "200ms");
    for (int i = 0; i < 2; i++) {
      IsolatedNode node = new IsolatedNode(settings);
      nodes.add(node);
      assertThat(node.awaitInvalidationChannel(10_000)).as("channel ready").isTrue();
    }
    redisCommands.reset(); // the nodes' start is not what the tests count
  }

  @AfterEach
  void stop() throws Exception {
    for (IsolatedNode node : nodes) {
      node.close();
    }
    redisCommands.close();
    redis.close();
    schema.close();
  }

  private RegionControl plans(int node) {
    return nodes.get(node).longRegion("plans", "LONG");
  }

  /** The seats of a plan, read from PostgreSQL: the region's loader, one query per call. */
  private Long seats(String plan) {
    queries.incrementAndGet();
    try (Connection connection = schema.connect();
        PreparedStatement statement =
            connection.prepareStatement("SELECT seats FROM plans WHERE name = ?")) {
      statement.setString(1, plan);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getLong(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void firstGet_loadsOnce_otherNodeReadsRedis_thenHeapHitsWithNoTraffic() {
    RegionControl first = plans(0);
    RegionControl other = plans(1);
    redisCommands.reset(); // a new region gives Redis its epoch and generation: not counted here
    long commandsBefore = redisCommands.total();
    assertThat(first.get("pro", this::seats)).isEqualTo(5L);
    assertThat(queries).hasValue(1);
    assertThat(redisCommands.calls("mget")).isEqualTo(1);
    assertThat(redisCommands.calls("eval")).isEqualTo(1); // the fill, epoch checked
    // two round trips; the server also counts the script's GETs (epoch, generation) and SET
    assertThat(redisCommands.calls("get")).isEqualTo(2);
    assertThat(redisCommands.calls("set")).isEqualTo(1);
    assertThat(redisCommands.total() - commandsBefore).isEqualTo(5);

    assertThat(other.get("pro", this::seats)).isEqualTo(5L);
    assertThat(queries).as("the other node found it in Redis").hasValue(1);
    long redisBefore = redisCommands.total();

    for (int i = 0; i < 500; i++) {
      assertThat(first.get("pro", this::seats)).isEqualTo(5L);
      assertThat(other.get("pro", this::seats)).isEqualTo(5L);
    }

    assertThat(redisCommands.total() - redisBefore).isZero();
    assertThat(queries).hasValue(1);
    assertThat(other.counters().redisHits()).isEqualTo(1);
    assertThat(other.counters().localHits()).isEqualTo(500);
    assertThat(other.counters().loads()).isZero();
  }

  @Test
  void invalidate_onOneNode_reachesTheOtherNodesHeapTier() {
    RegionControl first = plans(0);
    RegionControl other = plans(1);
    first.get("pro", this::seats);
    other.get("pro", this::seats);
    schema.execute("UPDATE plans SET seats = 10 WHERE name = 'pro'");
    assertThat(other.get("pro", this::seats)).as("cached").isEqualTo(5L);

    first.invalidate("pro");

    assertThat(first.get("pro", this::seats)).isEqualTo(10L);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (other.get("pro", this::seats) != 10L) {
      assertThat(System.nanoTime()).as("the other node drops its copy").isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(queries).as("the other node read the new value from Redis").hasValue(2);
    assertThat(other.counters().invalidations()).isEqualTo(1);
  }

  @Test
  void invalidateAll_andPut_onOneNode_reachTheOtherNode() {
    RegionControl first = plans(0);
    RegionControl other = plans(1);
    for (RegionControl region : List.of(first, other)) {
      region.get("pro", this::seats);
      region.get("free", this::seats);
    }
    schema.execute("UPDATE plans SET seats = seats + 1");

    other.invalidateAll();

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (first.get("free", this::seats) != 2L) {
      assertThat(System.nanoTime()).as("the other node drops its heap tier").isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(first.get("pro", this::seats)).isEqualTo(6L);

    other.put("pro", 42L);
    while (first.get("pro", this::seats) != 42L) {
      assertThat(System.nanoTime()).as("the other node reads the put value").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void redisKilled_loaderAndHeapAnswer_noException() {
    RegionControl plans = plans(0);
    plans.get("pro", this::seats);
    redis.kill();

    assertThat(plans.get("pro", this::seats)).isEqualTo(5L); // heap, no call
    for (int i = 0; i < 10; i++) {
      plans.invalidate("enterprise");
      assertThat(plans.get("enterprise", this::seats)).isEqualTo(250L);
    }
    plans.put("free", 3L);
    assertThat(plans.get("free", this::seats)).isEqualTo(3L);
    plans.invalidateAll();
    assertThat(plans.get("free", this::seats)).isEqualTo(1L);

    assertThat(plans.counters().redisErrors() + plans.counters().redisSkipped()).isPositive();
    assertThat(nodes.get(0).tenantOf("acme.app.example")).isEqualTo("acme");
  }

  @Test
  void keys_areUnderThePrefixAndTheRegion_oneHashSlot_evenForHostileKeys() {
    RegionControl notes = nodes.get(0).longRegion("notes", "SHORT");
    notes.get("plain", key -> 1L);
    notes.get("x}:k:{tenant} *", key -> 2L);
    notes.invalidate("plain");

    Set<String> keys = redisCommands.client().keys("*");
    assertThat(keys).containsExactlyInAnyOrder(
        "it:region:{notes}:k:x%7D:k:%7Btenant%7D%20%2A",
        // the protocol's tokens: the region's made when it was created, the tenant cache's when
        // the nodes first subscribed
        "it:region:{notes}:epoch", "it:region:{notes}:gen",
        "it:{tenant}:epoch", "it:{tenant}:generation");
    int slot = JedisClusterCRC16.getSlot("it:region:{notes}:epoch");
    assertThat(JedisClusterCRC16.getSlot("it:region:{notes}:gen")).isEqualTo(slot);
    for (String key : keys) {
      if (key.startsWith("it:region:")) {
        assertThat(JedisClusterCRC16.getSlot(key)).as(key).isEqualTo(slot);
      }
    }
    assertThat(redisCommands.client().ttl("it:region:{notes}:k:x%7D:k:%7Btenant%7D%20%2A"))
        .isBetween(270L, 300L);
  }

  @Test
  void tenantCache_isListedAsRegion() {
    IsolatedNode node = nodes.get(0);
    assertThat(node.tenantOf("acme.app.example")).isEqualTo("acme");
    plans(0);

    assertThat(node.regionNames()).containsExactly("tenant", "plans");
    RegionStats tenant = node.regionCounters("tenant").orElseThrow();
    assertThat(tenant.gets()).isEqualTo(1L);
    assertThat(tenant.loads()).isEqualTo(1L);
    assertThat(tenant.ttl()).isEqualTo(Duration.ofSeconds(3600));
  }
}
