// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.RedisProcess;
import io.github.tenantfilter.testing.TenantSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Several nodes, each in a class loader of its own, sharing a Redis of the test's own and
 * PostgreSQL: a custom domain moved from one tenant to another must stop resolving to the old
 * owner on every node, through the API (invalidateTenantCache, Redis pub/sub) and through the
 * database trigger (plain SQL, LISTEN/NOTIFY). The time each node takes is measured.
 */
class CoherenceIT {

  private static final int NODES = 3;
  private static final int MOVES = 100;
  private static final String DOMAIN = "shop.example";
  /** Loose on purpose: the measured figures are in target/coherence-report.md. */
  private static final Duration BOUND = Duration.ofSeconds(2);

  /** The PostgreSQL application_name of the nodes' connections. */
  private static final String APPLICATION = "coherence-it-" + System.nanoTime();

  private static LocalPostgres.Schema schema;
  private static RedisProcess redis;
  private final List<IsolatedNode> nodes = new ArrayList<>();

  @BeforeAll
  static void prepare() {
    schema = TenantSchema.create("coherence_it");
    schema.executeResource(LocalPostgres.NOTIFY_SQL);
    TenantSchema.insert(schema, "alpha", "alpha", DOMAIN);
    TenantSchema.insert(schema, "beta", "beta");
    redis = RedisProcess.start();
  }

  @AfterAll
  static void cleanUp() {
    redis.close();
    schema.close();
  }

  @AfterEach
  void stopNodes() throws Exception {
    for (IsolatedNode node : nodes) {
      node.close();
    }
    nodes.clear();
  }

  private void startNodes(boolean listen) {
    Map<String, String> settings = new HashMap<>();
    settings.put("tenant-filter.base-domains", "app.example");
    // the nodes' connections carry a name of their own, so that the test can cut exactly them
    settings.put("tenant-filter.jdbc.url", schema.jdbcUrl() + "&ApplicationName=" + APPLICATION);
    settings.put("tenant-filter.jdbc.user", schema.user());
    settings.put("tenant-filter.redis.url", redis.url());
    if (listen) {
      settings.put("tenant-filter.store.notify-channel", "tenant_filter");
    }
    for (int i = 0; i < NODES; i++) {
      IsolatedNode node = new IsolatedNode(settings);
      assertThat(node.awaitInvalidationChannel(10_000)).as("channels ready").isTrue();
      nodes.add(node);
    }
    // every node caches the domain, so that only a notification can change its mind
    awaitEveryNode("alpha", "warm");
  }

  /** Moves the domain in the database; returns the new owner. */
  private static String move(String from, String to) {
    schema.execute("UPDATE tenant_domains SET tenant_id = '" + to + "' WHERE domain = '" + DOMAIN
        + "' AND tenant_id = '" + from + "'");
    return to;
  }

  private void awaitEveryNode(String owner, String what) {
    for (IsolatedNode node : nodes) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!owner.equals(node.tenantOf(DOMAIN))) {
        assertThat(System.nanoTime()).as(what).isLessThan(deadline);
        Thread.onSpinWait();
      }
    }
  }

  /**
   * For each node, the time from {@code start} until it resolves the domain to {@code owner};
   * fails if it resolves to the old owner after that, or takes longer than the bound.
   */
  private List<Long> switchTimes(long start, String owner) {
    List<Long> times = new ArrayList<>();
    for (IsolatedNode node : nodes) {
      String seen;
      while (!(seen = node.tenantOf(DOMAIN)).equals(owner)) {
        assertThat(System.nanoTime() - start)
            .as("node %d still says %s: %s", nodes.indexOf(node), seen, node.describe())
            .isLessThan(BOUND.toNanos());
      }
      times.add(System.nanoTime() - start);
    }
    // and once switched, no node goes back
    for (IsolatedNode node : nodes) {
      for (int i = 0; i < 20; i++) {
        assertThat(node.tenantOf(DOMAIN)).isEqualTo(owner);
      }
    }
    return times;
  }

  private static String percentiles(List<Long> nanos) {
    List<Long> sorted = nanos.stream().sorted().toList();
    return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d node switches)",
        sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6,
        sorted.get(sorted.size() - 1) / 1e6, sorted.size());
  }

  private static synchronized void report(String line) throws Exception {
    Path file = Path.of("target", "coherence-report.md");
    Files.writeString(file, line + "\n", StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    System.out.println("COHERENCE " + line);
  }

  @Test
  void domainMoved_apiInvalidation_everyNodeStopsServingOldOwnerWithinPubSubBound()
      throws Exception {
    startNodes(false);
    List<Long> times = new ArrayList<>();
    String owner = "alpha";
    awaitEveryNode(owner, "warm");
    for (int i = 0; i < MOVES; i++) {
      String from = owner;
      owner = move(from, from.equals("alpha") ? "beta" : "alpha");
      for (IsolatedNode node : nodes) {
        assertThat(node.tenantOf(DOMAIN)).as("cached until invalidated").isEqualTo(from);
      }
      IsolatedNode caller = nodes.get(i % NODES);
      caller.invalidate(from);
      caller.invalidate(owner);
      long start = System.nanoTime(); // invalidateTenantCache has returned
      assertThat(caller.tenantOf(DOMAIN)).as("the calling node at once").isEqualTo(owner);
      times.addAll(switchTimes(start, owner));
    }
    report("| Redis pub/sub (invalidateTenantCache on one node, " + NODES + " nodes, " + MOVES
        + " moves) | " + percentiles(times) + " |");
  }

  @Test
  void domainMoved_plainSqlUpdate_everyNodeFollowsTheTrigger() throws Exception {
    startNodes(true);
    List<Long> times = new ArrayList<>();
    String owner = "alpha";
    for (int i = 0; i < MOVES; i++) {
      String from = owner;
      awaitEveryNode(from, "warm");
      owner = move(from, from.equals("alpha") ? "beta" : "alpha");
      long start = System.nanoTime(); // the UPDATE has committed
      times.addAll(switchTimes(start, owner));
    }
    report("| PostgreSQL trigger, LISTEN/NOTIFY (plain SQL UPDATE, " + NODES + " nodes, " + MOVES
        + " moves) | " + percentiles(times) + " |");
  }

  @Test
  void subscriptionsCut_nodesResubscribeAndDropTheirHeapTier() throws Exception {
    startNodes(true);
    awaitEveryNode("alpha", "warm");
    try (RedisClient admin = RedisClient.create(redis.url())) {
      admin.sendCommand(() -> "CLIENT".getBytes(), "KILL", "TYPE", "pubsub");
    }
    try (var connection = LocalPostgres.get().connect();
        var statement = connection.createStatement()) {
      // by name, not by last query: the listener's validity check replaces "LISTEN ..." in
      // pg_stat_activity.query every 5 s (the nodes' only other connections are loads, and no
      // request runs now)
      statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
          + " WHERE application_name = '" + APPLICATION + "' AND pid <> pg_backend_pid()");
    }
    for (IsolatedNode node : nodes) {
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (node.counters().invalidationReconnects() < 2) {
        assertThat(System.nanoTime()).as("both channels back").isLessThan(deadline);
        Thread.sleep(20);
      }
    }
    // both channels work again: a change through each reaches every node
    long start = System.nanoTime();
    switchTimes(start, move("alpha", "beta")); // the trigger path
    nodes.get(0).invalidate("beta");
    nodes.get(1).invalidate("alpha");
    awaitEveryNode("beta", "after pub/sub");
    move("beta", "alpha");
    awaitEveryNode("alpha", "after the trigger again");
  }
}
