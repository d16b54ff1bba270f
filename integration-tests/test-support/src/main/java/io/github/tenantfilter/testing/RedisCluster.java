// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A real Redis Cluster of the test's own: {@link RedisProcess} nodes on free loopback ports,
 * joined from Java ({@code CLUSTER ADDSLOTS}, {@code MEET}, {@code REPLICATE}), with a short node
 * timeout so that a replica takes over a killed master within seconds.
 *
 * <pre>{@code
 * try (RedisCluster cluster = RedisCluster.start(3, 1)) {  // 3 masters, 1 replica each
 *   cluster.url();                        // redis://127.0.0.1:p1,127.0.0.1:p2,...
 *   RedisProcess master = cluster.masterOf("{tenant}:epoch");
 *   master.kill();
 *   cluster.awaitNewMaster(master, "{tenant}:epoch");   // a replica was promoted
 * }
 * }</pre>
 *
 * <p>The node tables live under {@code target/redis-cluster-<n>/}. Every process is stopped by
 * {@link #close()}, and by {@link RedisProcess}'s shutdown hook if the JVM exits first.
 */
public final class RedisCluster implements AutoCloseable {

  private static final int SLOTS = 16384;
  /** Short, so that failover is quick; long enough for a loaded 2-core machine. */
  private static final long NODE_TIMEOUT_MILLIS = 2_000;

  /** The longest wait for the cluster to form or fail over: loose, for a loaded machine. */
  private static final Duration SETTLE = Duration.ofSeconds(60);

  private final List<RedisProcess> nodes = new ArrayList<>();
  private final int masters;
  private final String password;

  private RedisCluster(int masters, String password) {
    this.masters = masters;
    this.password = password;
  }

  /** Starts {@code masters} masters, each with {@code replicasPerMaster} replicas, and joins them. */
  public static RedisCluster start(int masters, int replicasPerMaster) {
    return start(masters, replicasPerMaster, null);
  }

  /**
   * The same, every node with {@code --requirepass password} (and {@code --masterauth}, for the
   * replicas); {@code null}: no password.
   */
  public static RedisCluster start(int masters, int replicasPerMaster, String password) {
    RedisCluster cluster = new RedisCluster(masters, password);
    try {
      Path dir = Path.of("target", "redis-cluster-" + System.nanoTime());
      Files.createDirectories(dir);
      for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
        // --dir: a replica's full sync writes an RDB file there
        RedisProcess.Builder node = RedisProcess.builder().clusterNode(dir, NODE_TIMEOUT_MILLIS)
            .args("--dir", dir.toAbsolutePath().toString());
        if (password != null) {
          node.requirePass(password).args("--masterauth", password);
        }
        cluster.nodes.add(node.start());
      }
      cluster.join(replicasPerMaster);
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw new IllegalStateException("could not start a Redis Cluster", e);
    }
  }

  private void join(int replicasPerMaster) {
    List<String> ids = new ArrayList<>();
    for (RedisProcess node : nodes) {
      try (Jedis jedis = node.jedis()) {
        ids.add(jedis.clusterMyId());
      }
    }
    for (int m = 0; m < masters; m++) {
      int from = m * SLOTS / masters;
      int to = (m + 1) * SLOTS / masters;
      try (Jedis jedis = nodes.get(m).jedis()) {
        jedis.clusterAddSlots(IntStream.range(from, to).toArray());
      }
    }
    int first = nodes.get(0).port();
    for (RedisProcess node : nodes.subList(1, nodes.size())) {
      try (Jedis jedis = node.jedis()) {
        jedis.clusterMeet("127.0.0.1", first);
      }
    }
    Await.until(() -> nodes.stream().allMatch(n -> knownNodes(n) == nodes.size()),
        SETTLE, "every node knows every other");
    for (int r = 0; r < replicasPerMaster; r++) {
      for (int m = 0; m < masters; m++) {
        RedisProcess replica = nodes.get(masters + r * masters + m);
        try (Jedis jedis = replica.jedis()) {
          jedis.clusterReplicate(ids.get(m));
        }
      }
    }
    awaitHealthy();
  }

  private static long knownNodes(RedisProcess node) {
    try (Jedis jedis = node.jedis()) {
      return jedis.clusterNodes().lines().filter(line -> !line.isBlank()).count();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /**
   * Waits until every running node says {@code cluster_state:ok} and every running replica's
   * link to its master is up.
   */
  public void awaitHealthy() {
    Await.until(() -> nodes.stream().filter(RedisProcess::isAlive).allMatch(this::healthy),
        SETTLE, "cluster healthy");
  }

  private boolean healthy(RedisProcess node) {
    try (Jedis jedis = node.jedis()) {
      if (!jedis.clusterInfo().contains("cluster_state:ok")) {
        return false;
      }
      String replication = jedis.info("replication");
      return replication.contains("role:master")
          || replication.contains("master_link_status:up");
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Every node's process, masters first as started (roles change with failovers). */
  public List<RedisProcess> nodes() {
    return List.copyOf(nodes);
  }

  /**
   * {@code redis://[:password@]127.0.0.1:p1,127.0.0.1:p2,...}: every node, as {@code
   * tenant-filter.redis.url}.
   */
  public String url() {
    return url(nodes);
  }

  /** The same, with the nodes in the order given. */
  public String url(List<RedisProcess> order) {
    return "redis://" + (password == null ? "" : ":" + password + "@")
        + order.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  /** The node that serves {@code key}'s slot now, as a running node sees the cluster. */
  public RedisProcess masterOf(String key) {
    int slot = JedisClusterCRC16.getSlot(key);
    for (RedisProcess node : nodes) {
      if (!node.isAlive()) {
        continue;
      }
      try (Jedis jedis = node.jedis()) {
        for (String line : jedis.clusterNodes().lines().toList()) {
          String[] fields = line.split(" ");
          if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
            continue;
          }
          for (int i = 8; i < fields.length; i++) {
            String[] range = fields[i].split("-");
            if (range[0].startsWith("[")) {
              continue; // a slot being migrated
            }
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            if (slot >= from && slot <= to) {
              int port = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1)
                  .split("[@,]")[0]);
              return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
            }
          }
        }
        return null; // this node knows no master for the slot
      } catch (RuntimeException e) {
        // try the next node
      }
    }
    return null;
  }

  /** Waits until a node other than {@code old} is the healthy master of {@code key}'s slot. */
  public RedisProcess awaitNewMaster(RedisProcess old, String key) {
    Map<String, RedisProcess> found = new HashMap<>();
    Await.until(() -> {
      RedisProcess now = masterOf(key);
      if (now != null && now != old && now.isAlive() && healthy(now)) {
        found.put("master", now);
        return true;
      }
      return false;
    }, SETTLE, "a new master for " + key);
    return found.get("master");
  }

  /** A cluster client for the test itself; the caller closes it. */
  public RedisClusterClient client() {
    return RedisClusterClient.builder()
        .nodes(nodes.stream().filter(RedisProcess::isAlive)
            .map(n -> new HostAndPort("127.0.0.1", n.port()))
            .collect(Collectors.toSet()))
        .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(2_000)
            .socketTimeoutMillis(2_000).password(password).build())
        .build();
  }

  @Override
  public void close() {
    for (RedisProcess node : nodes) {
      node.close();
    }
  }
}
