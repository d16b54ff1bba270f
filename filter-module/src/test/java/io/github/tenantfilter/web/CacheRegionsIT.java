package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.CacheRegion;
import io.github.tenantfilter.api.CacheSerializer;
import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.RegionStats;
import io.github.tenantfilter.api.TtlClass;
import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.RedisCommands;
import io.github.tenantfilter.testing.RedisProcess;
import io.github.tenantfilter.testing.TenantSchema;
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
 * A named cache region on two nodes (each a Weld container with the real Fault Tolerance),
 * sharing a Redis of the test's own (commands counted by the server's {@code INFO
 * commandstats}, so that it can also be killed) and caching a table of the real PostgreSQL.
 */
class CacheRegionsIT {

  private LocalPostgres.Schema schema;
  private RedisProcess redis;
  private RedisCommands redisCommands;
  private final List<Node> nodes = new ArrayList<>();
  private final AtomicInteger queries = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
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
      Node node = Node.start(settings);
      nodes.add(node);
      assertThat(node.awaitInvalidationChannel(10_000)).as("channel ready").isTrue();
    }
  }

  @AfterEach
  void stop() {
    nodes.forEach(Node::close);
    redisCommands.close();
    redis.close();
    schema.close();
  }

  private CacheRegion<Long> plans(Node node) {
    return node.regions().region("plans", CacheSerializer.longs(), RegionSpec.of(TtlClass.LONG));
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
    long commandsBefore = redisCommands.total();
    assertThat(plans(nodes.get(0)).get("pro", this::seats)).isEqualTo(5L);
    assertThat(queries).hasValue(1);
    assertThat(redisCommands.calls("mget")).isEqualTo(1);
    assertThat(redisCommands.calls("eval")).isEqualTo(1); // the fill, epoch checked
    assertThat(redisCommands.total() - commandsBefore).isEqualTo(2);

    assertThat(plans(nodes.get(1)).get("pro", this::seats)).isEqualTo(5L);
    assertThat(queries).hasValue(1); // the other node found it in Redis
    long redisBefore = redisCommands.total();

    for (int i = 0; i < 500; i++) {
      for (Node node : nodes) {
        assertThat(plans(node).get("pro", this::seats)).isEqualTo(5L);
      }
    }

    assertThat(redisCommands.total() - redisBefore).isZero();
    assertThat(queries).hasValue(1);
    RegionStats stats = plans(nodes.get(1)).stats();
    assertThat(stats.redisHits()).isEqualTo(1);
    assertThat(stats.localHits()).isEqualTo(500);
    assertThat(stats.loads()).isZero();
  }

  @Test
  void invalidate_onOneNode_reachesTheOtherNodesHeapTier() {
    for (Node node : nodes) {
      plans(node).get("pro", this::seats);
    }
    schema.execute("UPDATE plans SET seats = 10 WHERE name = 'pro'");
    assertThat(plans(nodes.get(1)).get("pro", this::seats)).as("cached").isEqualTo(5L);

    plans(nodes.get(0)).invalidate("pro");

    assertThat(plans(nodes.get(0)).get("pro", this::seats)).isEqualTo(10L);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (plans(nodes.get(1)).get("pro", this::seats) != 10L) {
      assertThat(System.nanoTime()).as("the other node drops its copy").isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(queries).as("the second node read the new value from Redis").hasValue(2);
    assertThat(plans(nodes.get(1)).stats().invalidations()).isEqualTo(1);
  }

  @Test
  void invalidateAll_onOneNode_reachesTheOtherNode() {
    for (Node node : nodes) {
      plans(node).get("pro", this::seats);
      plans(node).get("free", this::seats);
    }
    schema.execute("UPDATE plans SET seats = seats + 1");

    plans(nodes.get(1)).invalidateAll();

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (plans(nodes.get(0)).get("free", this::seats) != 2L) {
      assertThat(System.nanoTime()).as("the other node drops its heap tier").isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(plans(nodes.get(0)).get("pro", this::seats)).isEqualTo(6L);
  }

  @Test
  void redisKilled_loaderAndHeapAnswer_noException() {
    CacheRegion<Long> plans = plans(nodes.get(0));
    plans.get("pro", this::seats);
    redis.kill();

    assertThat(plans.get("pro", this::seats)).isEqualTo(5L); // heap, no call
    for (int i = 0; i < 10; i++) {
      plans.invalidate("enterprise");
      assertThat(plans.get("enterprise", this::seats)).isEqualTo(250L);
    }
    plans.put("free", 3L);
    plans.invalidateAll();
    assertThat(plans.get("free", this::seats)).isEqualTo(1L);

    RegionStats stats = plans.stats();
    assertThat(stats.redisErrors() + stats.redisSkipped()).isPositive();
    assertThat(nodes.get(0).tenantOf("acme.app.example")).isEqualTo("acme");
  }

  @Test
  void keys_areUnderThePrefixAndTheRegion_oneHashSlot_evenForHostileKeys() {
    CacheRegion<String> region =
        nodes.get(0).regions().region("notes", RegionSpec.of(TtlClass.SHORT));
    region.get("plain", key -> "a");
    region.get("x}:k:{tenant} *", key -> "b");
    region.invalidate("plain");

    Set<String> keys = redisCommands.client().keys("*");
    assertThat(keys).containsExactlyInAnyOrder(
        "it:region:{notes}:k:x%7D:k:%7Btenant%7D%20%2A",
        "it:region:{notes}:epoch");
    int slot = JedisClusterCRC16.getSlot("it:region:{notes}:epoch");
    assertThat(JedisClusterCRC16.getSlot("it:region:{notes}:gen")).isEqualTo(slot);
    for (String key : keys) {
      assertThat(JedisClusterCRC16.getSlot(key)).as(key).isEqualTo(slot);
    }
    assertThat(redisCommands.client().ttl("it:region:{notes}:k:x%7D:k:%7Btenant%7D%20%2A"))
        .isBetween(270L, 300L);
  }

  @Test
  void tenantCache_isListedAsRegion() {
    assertThat(nodes.get(0).tenantOf("acme.app.example")).isEqualTo("acme");
    plans(nodes.get(0));

    assertThat(nodes.get(0).regions().regions())
        .extracting(io.github.tenantfilter.api.RegionView::name)
        .containsExactly("tenant", "plans");
    RegionStats tenant = nodes.get(0).regions().find("tenant").orElseThrow().stats();
    assertThat(tenant.gets()).isEqualTo(1);
    assertThat(tenant.loads()).isEqualTo(1);
    assertThat(tenant.ttl()).isEqualTo(Duration.ofSeconds(3600));
  }
}
