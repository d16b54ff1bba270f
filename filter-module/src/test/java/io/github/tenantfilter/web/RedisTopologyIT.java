// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.testing.Await;
import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.Ports;
import io.github.tenantfilter.testing.RedisCluster;
import io.github.tenantfilter.testing.RedisProcess;
import io.github.tenantfilter.testing.RedisSentinels;
import io.github.tenantfilter.testing.TenantSchema;
import io.github.tenantfilter.web.NodeControl.RegionControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The filter on a real Redis Cluster (3 masters, 3 replicas) and a real Sentinel setup (1
 * master, 2 replicas, 3 sentinels), both started from redis-server by the test on loopback
 * ports, with a password on every data server: resolution through Redis, invalidation over
 * pub/sub reaching another node, invalidateAll on every master, and the master holding the
 * tenant keys killed under load. Every request is checked: 200 and the host's own tenant, or it
 * counts as failed. Figures go to target/topology-report.md.
 */
class RedisTopologyIT {

  private static final int TENANTS = 50;
  private static final int THREADS = 4;
  /** Every data server requires it (AUTH); the sentinels do not. */
  private static final String PASSWORD = "topo-s3cret";
  /** Where every tenant key lives: the slot of the hash tag (see RedisKeys). */
  private static final String TENANT_SLOT_KEY = "{tenant}:epoch";

  private static LoadTenants tenants;
  private static LocalPostgres.Schema schema;

  @BeforeAll
  static void prepare() {
    tenants = LoadTenants.create("topology_it", TENANTS);
    schema = tenants.schema;
    TenantSchema.insert(schema, "alpha", "alpha", "shop.example");
    TenantSchema.insert(schema, "beta", "beta");
  }

  @AfterAll
  static void cleanUp() {
    tenants.close();
  }

  /** Each test starts with the domain at its first owner, whatever an earlier test did. */
  @BeforeEach
  void domainAtAlpha() {
    schema.execute("UPDATE tenant_domains SET tenant_id = 'alpha' WHERE domain = 'shop.example'");
  }

  /** A Redis Cluster or a Sentinel setup, as the test needs it. */
  private interface Topology extends AutoCloseable {
    /** The Redis settings of a node. */
    Map<String, String> settings();

    /** The master that holds the tenant keys now. */
    RedisProcess tenantMaster();

    /** Waits until another server than {@code old} is that master. */
    RedisProcess awaitNewMaster(RedisProcess old);

    /** Every running master. */
    List<RedisProcess> masters();

    @Override
    void close();

    static Topology start(String kind) {
      return kind.equals("cluster") ? new Cluster(RedisCluster.start(3, 1, PASSWORD))
          : new Sentinel(RedisSentinels.start(2, 3, PASSWORD));
    }
  }

  private record Cluster(RedisCluster cluster) implements Topology {
    /**
     * Every node, the master of the tenant slot first: the invalidation channel subscribes on
     * the first node, so that killing that master also moves the subscription.
     */
    @Override
    public Map<String, String> settings() {
      RedisProcess holder = tenantMaster();
      List<RedisProcess> ordered = new ArrayList<>(List.of(holder));
      cluster.nodes().stream().filter(node -> node != holder).forEach(ordered::add);
      return Map.of("tenant-filter.redis.url", cluster.url(ordered),
          "tenant-filter.redis.mode", "cluster");
    }

    @Override
    public RedisProcess tenantMaster() {
      return cluster.masterOf(TENANT_SLOT_KEY);
    }

    @Override
    public RedisProcess awaitNewMaster(RedisProcess old) {
      return cluster.awaitNewMaster(old, TENANT_SLOT_KEY);
    }

    @Override
    public List<RedisProcess> masters() {
      return cluster.nodes().stream().filter(RedisProcess::isAlive).filter(node -> {
        try (Jedis jedis = node.jedis()) {
          return jedis.info("replication").contains("role:master");
        }
      }).toList();
    }

    @Override
    public void close() {
      cluster.close();
    }
  }

  private record Sentinel(RedisSentinels sentinels) implements Topology {
    @Override
    public Map<String, String> settings() {
      return Map.of("tenant-filter.redis.url", sentinels.url(),
          "tenant-filter.redis.mode", "sentinel",
          "tenant-filter.redis.sentinel.master", sentinels.masterName());
    }

    @Override
    public RedisProcess tenantMaster() {
      return sentinels.master();
    }

    @Override
    public RedisProcess awaitNewMaster(RedisProcess old) {
      return sentinels.awaitNewMaster(old);
    }

    @Override
    public List<RedisProcess> masters() {
      return List.of(sentinels.master());
    }

    @Override
    public void close() {
      sentinels.close();
    }
  }

  private static Map<String, String> settings(Topology topology) {
    Map<String, String> settings = new HashMap<>(topology.settings());
    settings.put("tenant-filter.base-domains", "app.example");
    settings.put("tenant-filter.jdbc.url", schema.jdbcUrl());
    settings.put("tenant-filter.jdbc.user", schema.user());
    return settings;
  }

  /** The tenant keys on {@code server}. */
  private static List<String> tenantKeys(RedisProcess server) {
    try (Jedis jedis = server.jedis()) {
      return new ArrayList<>(jedis.keys("*{tenant}*"));
    }
  }

  /**
   * The tenant values on {@code server} that a read would serve: those written under its current
   * generation (invalidateAll replaces the generation; the dead values are left to their TTL).
   */
  private static List<String> liveTenantValues(RedisProcess server) {
    try (Jedis jedis = server.jedis()) {
      List<String> keys = new ArrayList<>(jedis.keys("*{tenant}*"));
      if (keys.isEmpty()) {
        return keys;
      }
      String generation;
      try {
        generation = jedis.get("{tenant}:generation");
      } catch (JedisMovedDataException e) {
        return List.of(); // keys of a slot this node does not serve: no client reads them here
      }
      List<String> live = new ArrayList<>();
      for (String key : keys) {
        boolean value = key.contains("{tenant}:id:") || key.contains("{tenant}:subdomain:")
            || key.contains("{tenant}:domain:");
        String stored = value ? jedis.get(key) : null;
        if (stored != null && generation != null && stored.startsWith(generation + "|")) {
          live.add(key);
        }
      }
      return live;
    }
  }

  private static synchronized void report(String row) {
    try {
      Path file = Path.of("target", "topology-report.md");
      if (!Files.exists(file)) {
        Files.writeString(file, "| topology | what | figures |\n|---|---|---|\n");
      }
      Files.writeString(file, row + "\n", StandardOpenOption.APPEND);
      System.out.println("TOPOLOGY " + row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"cluster", "sentinel"})
  void nothingAnswersAtStart_nodeStartsAndServesFromTheStore(String kind) {
    Map<String, String> settings = new HashMap<>();
    settings.put("tenant-filter.base-domains", "app.example");
    settings.put("tenant-filter.jdbc.url", schema.jdbcUrl());
    settings.put("tenant-filter.jdbc.user", schema.user());
    settings.put("tenant-filter.redis.url", "redis://:" + PASSWORD + "@127.0.0.1:"
        + Ports.free() + ",127.0.0.1:"
        + Ports.free());
    settings.put("tenant-filter.redis.mode", kind);
    if (kind.equals("sentinel")) {
      settings.put("tenant-filter.redis.sentinel.master", "mymaster");
    }
    try (Node node = Node.start(settings)) {
      for (int i = 0; i < 20; i++) {
        Node.Result result = node.request("t" + i + ".app.example");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.tenant()).isEqualTo("t" + i);
      }
      assertThat(node.stats().redisErrors()).as("Redis was tried").isPositive();
      assertThat(node.stats().storeLoads()).isEqualTo(20);
    }
  }

  @org.junit.jupiter.api.Test
  void cluster_publishOnOneNode_isHeardOnEveryNode() throws Exception {
    try (RedisCluster cluster = RedisCluster.start(3, 1)) {
      List<RedisProcess> nodes = cluster.nodes();
      List<BlockingQueue<String>> heard = new ArrayList<>();
      List<JedisPubSub> subscriptions = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      CountDownLatch subscribed =
          new CountDownLatch(nodes.size());
      for (RedisProcess node : nodes) {
        BlockingQueue<String> queue =
            new LinkedBlockingQueue<>();
        heard.add(queue);
        JedisPubSub pubSub = new JedisPubSub() {
          @Override
          public void onSubscribe(String channel, int count) {
            subscribed.countDown();
          }

          @Override
          public void onMessage(String channel, String message) {
            queue.add(message);
          }
        };
        subscriptions.add(pubSub);
        Thread thread = new Thread(() -> {
          try (Jedis jedis = node.jedis()) {
            jedis.subscribe(pubSub, "tenant:invalidations");
          }
        });
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
      }
      assertThat(subscribed.await(20, TimeUnit.SECONDS)).isTrue();
      for (int from = 0; from < nodes.size(); from++) {
        try (Jedis jedis = nodes.get(from).jedis()) {
          jedis.publish("tenant:invalidations", "from " + from);
        }
        for (int to = 0; to < nodes.size(); to++) {
          assertThat(heard.get(to).poll(20, TimeUnit.SECONDS))
              .as("node %d hears node %d", to, from).isEqualTo("from " + from);
        }
      }
      subscriptions.forEach(JedisPubSub::unsubscribe);
      for (Thread thread : threads) {
        thread.join(5_000);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"cluster", "sentinel"})
  void twoNodes_resolveThroughRedis_invalidationReachesTheOther_invalidateAllCleansEveryMaster(
      String kind) throws Exception {
    try (Topology topology = Topology.start(kind);
        IsolatedNode first = new IsolatedNode(settings(topology));
        IsolatedNode second = new IsolatedNode(settings(topology))) {
      assertThat(first.awaitInvalidationChannel(20_000)).as("first subscribed").isTrue();
      assertThat(second.awaitInvalidationChannel(20_000)).as("second subscribed").isTrue();

      // the first node loads from PostgreSQL and fills Redis; the second is answered by Redis
      assertThat(first.tenantOf("t1.app.example")).isEqualTo("t1");
      assertThat(first.tenantOf("shop.example")).isEqualTo("alpha");
      assertThat(first.counters().storeLoads()).isEqualTo(2);
      assertThat(second.tenantOf("t1.app.example")).isEqualTo("t1");
      assertThat(second.tenantOf("shop.example")).isEqualTo("alpha");
      assertThat(second.counters().redisHits()).isEqualTo(2);
      assertThat(second.counters().storeLoads()).isZero();
      assertThat(second.counters().redisErrors()).isZero();

      // every tenant key on the one master of the tag's slot, none elsewhere
      RedisProcess holder = topology.tenantMaster();
      List<String> keys = tenantKeys(holder);
      assertThat(keys).contains("{tenant}:subdomain:t1", "{tenant}:domain:shop.example",
          "{tenant}:keys:t1", "{tenant}:keys:alpha");
      assertThat(keys.stream().map(JedisClusterCRC16::getSlot).distinct()).hasSize(1);
      for (RedisProcess master : topology.masters()) {
        if (master != holder) {
          assertThat(tenantKeys(master)).as("keys on another master").isEmpty();
        }
      }

      // the domain moves; an invalidation on the first node reaches the second over pub/sub
      schema.execute("UPDATE tenant_domains SET tenant_id = 'beta' WHERE domain = 'shop.example'");
      assertThat(second.tenantOf("shop.example")).as("cached until invalidated").isEqualTo("alpha");
      first.invalidate("alpha");
      first.invalidate("beta");
      long start = System.nanoTime();
      Await.until(() -> "beta".equals(second.tenantOf("shop.example")), Duration.ofSeconds(15),
          "the second node hears the invalidation");
      double pubSubMillis = (System.nanoTime() - start) / 1e6;
      try (Jedis jedis = holder.jedis()) {
        // filled again by the second node's reload: with the new owner
        assertThat(jedis.get("{tenant}:domain:shop.example")).contains("\"id\":\"beta\"");
      }

      // invalidateAll: both tiers of both nodes, every master
      schema.execute("UPDATE tenant_domains SET tenant_id = 'alpha' WHERE domain = 'shop.example'");
      assertThat(second.tenantOf("shop.example")).as("cached").isEqualTo("beta");
      first.invalidateAll();
      for (RedisProcess master : topology.masters()) {
        assertThat(liveTenantValues(master)).as("live tenant values left on a master").isEmpty();
      }
      start = System.nanoTime();
      Await.until(() -> "alpha".equals(second.tenantOf("shop.example")), Duration.ofSeconds(15),
          "the second node hears invalidateAll");
      double allMillis = (System.nanoTime() - start) / 1e6;
      assertThat(first.counters().redisErrors() + second.counters().redisErrors()).isZero();
      report(String.format("| %s | pub/sub to the other node | invalidate: %.1f ms, invalidateAll:"
          + " %.1f ms (until the second node served the new owner) |", kind, pubSubMillis,
          allMillis));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"cluster", "sentinel"})
  void namedRegion_putOnOneNode_readFromRedisByTheOther_invalidationReachesIt(String kind)
      throws Exception {
    try (Topology topology = Topology.start(kind);
        IsolatedNode first = new IsolatedNode(settings(topology));
        IsolatedNode second = new IsolatedNode(settings(topology))) {
      assertThat(first.awaitInvalidationChannel(20_000)).as("first subscribed").isTrue();
      assertThat(second.awaitInvalidationChannel(20_000)).as("second subscribed").isTrue();
      RegionControl plansFirst = first.longRegion("plans", "LONG");
      RegionControl plansSecond = second.longRegion("plans", "LONG");
      Function<String, Long> noLoad = key -> {
        throw new AssertionError("the loader ran for " + key + ": Redis did not answer");
      };

      plansFirst.put("pro", 5L);
      plansFirst.put("free", 1L);
      // the second node has neither in its heap tier: Redis answers, the loader never runs
      assertThat(plansSecond.get("pro", noLoad)).isEqualTo(5L);
      assertThat(plansSecond.get("free", noLoad)).isEqualTo(1L);

      // every key of the region in the one slot of its tag, on one master
      List<String> regionKeys = new ArrayList<>();
      for (RedisProcess master : topology.masters()) {
        try (Jedis jedis = master.jedis()) {
          regionKeys.addAll(jedis.keys("*{plans}*"));
        }
      }
      assertThat(regionKeys).hasSizeGreaterThanOrEqualTo(2);
      assertThat(regionKeys.stream().map(JedisClusterCRC16::getSlot).distinct()).hasSize(1);

      // an invalidation on the first node reaches the second node's heap tier over pub/sub
      plansFirst.invalidate("pro");
      Await.until(() -> plansSecond.getIfPresent("pro").isEmpty(),
          Duration.ofSeconds(15), "the second node drops its copy");
      assertThat(plansSecond.get("pro", key -> 6L)).isEqualTo(6L);
      assertThat(plansSecond.get("free", noLoad)).isEqualTo(1L);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"cluster", "sentinel"})
  void masterHoldingTenantKeysKilledUnderLoad_noFailedRequest_noWrongTenant_pubSubWorksAfter(
      String kind) throws Exception {
    try (Topology topology = Topology.start(kind)) {
      Map<String, String> settings = settings(topology);
      // a heap tier smaller than the tenants: a steady stream of misses that ask Redis
      settings.put("tenant-filter.local-cache.size", "5");
      try (Node node = Node.start(settings);
          IsolatedNode observer = new IsolatedNode(settings(topology));
          Load load = new Load(node, THREADS, tenants.hosts, LoadTenants::expected)) {
        assertThat(node.awaitInvalidationChannel(20_000)).isTrue();
        assertThat(observer.awaitInvalidationChannel(20_000)).isTrue();
        Await.until(() -> node.stats().redisHits() > 200, Duration.ofSeconds(30), "warm-up");
        long requestsBefore = load.requests();

        RedisProcess old = topology.tenantMaster();
        long killedAt = System.nanoTime();
        old.kill();
        RedisProcess promoted = topology.awaitNewMaster(old);
        double promotedAfter = (System.nanoTime() - killedAt) / 1e9;
        assertThat(promoted).isNotSameAs(old);

        long hitsAtPromotion = node.stats().redisHits();
        Await.until(() -> !node.stats().redisCircuitOpen()
                && node.stats().redisHits() > hitsAtPromotion + 100,
            Duration.ofSeconds(60), "the node uses the new master");
        double backAfter = (System.nanoTime() - killedAt) / 1e9;
        long requestsDuring = load.requests() - requestsBefore;
        List<Long> latencies = load.drainLatencies();
        load.close();
        CacheStats stats = node.stats();

        // invalidateAll after the failover: every running master is cleaned
        assertThat(tenantKeys(promoted)).as("filled again on the new master").isNotEmpty();
        node.invalidateAll();
        for (RedisProcess master : topology.masters()) {
          assertThat(liveTenantValues(master))
              .as("live tenant values left on a master after invalidateAll").isEmpty();
        }

        // invalidation after the failover: a domain moved, invalidated on the loaded node; the
        // observer, which has it cached, hears it (the message, or, if its subscription was on
        // the killed server, the heap drop of its resubscription)
        assertThat(observer.tenantOf("shop.example")).isEqualTo("alpha");
        schema.execute("UPDATE tenant_domains SET tenant_id = 'beta' WHERE domain = 'shop.example'");
        try {
          node.invalidate("alpha");
          node.invalidate("beta");
          Await.until(() -> "beta".equals(observer.tenantOf("shop.example")), Duration.ofSeconds(30),
              "the observer hears an invalidation after the failover");
        } finally {
          schema.execute(
              "UPDATE tenant_domains SET tenant_id = 'alpha' WHERE domain = 'shop.example'");
        }

        report(String.format("| %s | master of the tenant slot killed (SIGKILL) under %d threads,"
                + " %d tenants | %d requests (%d from the kill until back on Redis), %d failed,"
                + " %d wrong tenant; new master after %.1f s; back on Redis after %.1f s;"
                + " circuit opened %dx, %d Redis errors, %d store loads; max latency %.0f ms;"
                + " observer resubscribed %dx |",
            kind, THREADS, TENANTS, load.requests(), requestsDuring, load.failed(),
            load.wrongTenant(), promotedAfter, backAfter, stats.redisCircuitOpens(),
            stats.redisErrors(), stats.storeLoads(),
            latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1e6,
            observer.counters().invalidationReconnects()));

        assertThat(load.failed()).as("failed requests %s", load.someFailures()).isZero();
        assertThat(load.wrongTenant()).as("wrong tenant %s", load.someFailures()).isZero();
        assertThat(stats.redisErrors()).as("the kill was felt").isPositive();
      }
    }
  }
}
