// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Sentinel setup of the test's own, from {@link RedisProcess}es on free loopback
 * ports: one master, its replicas, and sentinels that monitor it with quorum 2, a master down
 * after 1 s without answer and a failover timeout of 5 s.
 *
 * <pre>{@code
 * try (RedisSentinels setup = RedisSentinels.start(2, 3)) {   // 2 replicas, 3 sentinels
 *   setup.url();              // redis://127.0.0.1:s1,127.0.0.1:s2,127.0.0.1:s3 (the sentinels)
 *   setup.masterName();       // "mymaster"
 *   RedisProcess old = setup.master();
 *   old.kill();
 *   setup.awaitNewMaster(old);   // the sentinels promoted a replica
 * }
 * }</pre>
 *
 * <p>The sentinels' configuration files live under {@code target/redis-sentinel-<n>/}. Every
 * process is stopped by {@link #close()}, and by {@link RedisProcess}'s shutdown hook if the JVM
 * exits first.
 */
public final class RedisSentinels implements AutoCloseable {

  private static final String MASTER_NAME = "mymaster";

  /** The longest wait for the sentinels to agree or fail over: loose, for a loaded machine. */
  private static final Duration SETTLE = Duration.ofSeconds(60);

  private final List<RedisProcess> servers = new ArrayList<>();
  private final List<RedisProcess> sentinels = new ArrayList<>();

  private final String password;

  private RedisSentinels(String password) {
    this.password = password;
  }

  /** A data server; {@code --dir}: a replica's full sync writes an RDB file there. */
  private static RedisProcess.Builder server(String password, Path dir) {
    RedisProcess.Builder server =
        RedisProcess.builder().args("--dir", dir.toAbsolutePath().toString());
    if (password != null) {
      server.requirePass(password).args("--masterauth", password);
    }
    return server;
  }

  /** Starts a master with {@code replicas} replicas and {@code sentinelCount} sentinels. */
  public static RedisSentinels start(int replicas, int sentinelCount) {
    return start(replicas, sentinelCount, null);
  }

  /**
   * The same, the master and replicas with {@code --requirepass password} and {@code
   * --masterauth}, and the sentinels told it ({@code sentinel auth-pass}); the sentinels
   * themselves need none. {@code null}: no password.
   */
  public static RedisSentinels start(int replicas, int sentinelCount, String password) {
    RedisSentinels setup = new RedisSentinels(password);
    try {
      Path dir = Path.of("target", "redis-sentinel-" + System.nanoTime());
      Files.createDirectories(dir);
      RedisProcess master = server(password, dir).start();
      setup.servers.add(master);
      for (int i = 0; i < replicas; i++) {
        setup.servers.add(server(password, dir)
            .args("--replicaof", "127.0.0.1", Integer.toString(master.port())).start());
      }
      String monitor = "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 2\n"
          + (password == null ? "" : "sentinel auth-pass " + MASTER_NAME + " " + password + "\n")
          + "sentinel down-after-milliseconds " + MASTER_NAME + " 1000\n"
          + "sentinel failover-timeout " + MASTER_NAME + " 5000\n"
          + "sentinel parallel-syncs " + MASTER_NAME + " 1\n";
      for (int i = 0; i < sentinelCount; i++) {
        setup.sentinels.add(RedisProcess.builder().sentinel(dir, port -> monitor).start());
      }
      setup.awaitReady(master, replicas, sentinelCount);
      return setup;
    } catch (Exception | AssertionError e) {
      setup.close();
      throw new IllegalStateException("could not start Redis Sentinel", e);
    }
  }

  private void awaitReady(RedisProcess master, int replicas, int sentinelCount) {
    Await.until(() -> {
      for (RedisProcess sentinel : sentinels) {
        try (Jedis jedis = sentinel.jedis()) {
          var state = jedis.sentinelMaster(MASTER_NAME);
          if (!Integer.toString(master.port()).equals(state.get("port"))
              || Integer.parseInt(state.get("num-slaves")) < replicas
              || Integer.parseInt(state.get("num-other-sentinels")) < sentinelCount - 1) {
            return false;
          }
        } catch (RuntimeException e) {
          return false;
        }
      }
      try (Jedis jedis = master.jedis()) {
        return jedis.info("replication").contains("connected_slaves:" + replicas);
      } catch (RuntimeException e) {
        return false;
      }
    }, SETTLE, "sentinels see the master, " + replicas + " replicas and each other");
  }

  /**
   * The sentinels, as {@code tenant-filter.redis.url}: {@code redis://[:password@]127.0.0.1:s1,...}
   * (the password is the master's; the sentinels need none).
   */
  public String url() {
    return "redis://" + (password == null ? "" : ":" + password + "@")
        + sentinels.stream().map(s -> "127.0.0.1:" + s.port())
        .collect(Collectors.joining(","));
  }

  /** The name the sentinels know the master by. */
  public String masterName() {
    return MASTER_NAME;
  }

  /** The master and the replicas, master first as started (roles change with failovers). */
  public List<RedisProcess> servers() {
    return List.copyOf(servers);
  }

  /** The sentinels. */
  public List<RedisProcess> sentinels() {
    return List.copyOf(sentinels);
  }

  /** The server the sentinels name as master now (asked of the first sentinel that answers). */
  public RedisProcess master() {
    for (RedisProcess sentinel : sentinels) {
      try (Jedis jedis = sentinel.jedis()) {
        List<String> address = jedis.sentinelGetMasterAddrByName(MASTER_NAME);
        int port = Integer.parseInt(address.get(1));
        return servers.stream().filter(s -> s.port() == port).findFirst().orElseThrow();
      } catch (RuntimeException e) {
        // the next sentinel
      }
    }
    throw new IllegalStateException("no sentinel answers");
  }

  /**
   * Waits until every sentinel names a master other than {@code old}, and that server says it
   * is a master.
   */
  public RedisProcess awaitNewMaster(RedisProcess old) {
    Await.until(() -> {
      for (RedisProcess sentinel : sentinels) {
        try (Jedis jedis = sentinel.jedis()) {
          List<String> address = jedis.sentinelGetMasterAddrByName(MASTER_NAME);
          if (Integer.parseInt(address.get(1)) == old.port()) {
            return false;
          }
        } catch (RuntimeException e) {
          return false;
        }
      }
      try (Jedis jedis = master().jedis()) {
        return jedis.info("replication").contains("role:master");
      } catch (RuntimeException e) {
        return false;
      }
    }, SETTLE, "a new master instead of port " + old.port());
    return master();
  }

  @Override
  public void close() {
    for (RedisProcess sentinel : sentinels) {
      sentinel.close();
    }
    for (RedisProcess server : servers) {
      server.close();
    }
  }
}
