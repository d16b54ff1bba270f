// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;

// Above 300 lines on purpose: the one class that starts, breaks (kill, pause) and restarts the
// tests' own Redis servers in every topology and security setting; the binary is RedisBinary's.
/**
 * A {@code redis-server} process of the test's own on a free loopback port, which the test may
 * kill, pause and restart without disturbing anybody else.
 *
 * <pre>{@code
 * try (RedisProcess redis = RedisProcess.start()) {
 *   String url = redis.url();   // redis://127.0.0.1:<port>
 *   redis.kill();               // SIGKILL
 *   redis.restart();            // same port, empty data
 * }
 * }</pre>
 *
 * <p>With a password, an ACL user or TLS:
 *
 * <pre>{@code
 * TestCertificates ca = TestCertificates.authority(dir, "test CA");
 * try (RedisProcess redis = RedisProcess.builder()
 *     .requirePass("admin-secret")            // the default user's password
 *     .user("app", "app-secret")              // an ACL user allowed everything
 *     .tls(ca, ca.issue("server", "localhost", "127.0.0.1"))  // --port 0 --tls-port <port>
 *     .start()) {
 *   redis.url("app", "app-secret");           // rediss://app:app-secret@127.0.0.1:<port>
 *   redis.client();                           // an admin client: password, TLS trusting ca
 * }
 * }</pre>
 *
 * <p>The binary is {@code redis-server} from {@code PATH}, or else (or with {@code
 * -Dtf.test.redis.embedded=true}) the Linux x86-64 binary inside {@code
 * com.github.codemonstur:embedded-redis}; both this machine's Redis 7.0 and that 6.2 are built
 * with TLS. A binary without TLS makes {@link Builder#start()} fail with the server's own words.
 * {@code DEBUG} commands are enabled for local clients so that tests can use {@code DEBUG SLEEP}.
 */
public final class RedisProcess implements AutoCloseable {

  /** Every process still running, stopped by one shutdown hook if the JVM exits first. */
  private static final Set<RedisProcess> RUNNING =
      ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (RedisProcess redis : RUNNING) {
        Process process = redis.process;
        if (process != null) {
          process.destroyForcibly();
        }
      }
    }, "redis-process-cleanup"));
  }

  private final Path executable;
  private final int port;
  private final Path configFile;
  private final boolean sentinel;
  private final List<String> extraArgs;
  private final String adminPassword;
  private final TestCertificates ca;
  private final TestCertificates.Issued adminCertificate;
  private final Path log;
  private Process process;

  private RedisProcess(Path executable, int port, Path configFile, boolean sentinel,
      List<String> extraArgs, String adminPassword, TestCertificates ca,
      TestCertificates.Issued adminCertificate) {
    this.executable = executable;
    this.port = port;
    this.configFile = configFile;
    this.sentinel = sentinel;
    this.extraArgs = List.copyOf(extraArgs);
    this.adminPassword = adminPassword;
    this.ca = ca;
    this.adminCertificate = adminCertificate;
    try {
      this.log = Files.createTempFile("tf-redis-" + port + "-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a Redis on a free port. */
  public static RedisProcess start(String... extraArgs) {
    return builder().args(extraArgs).start();
  }

  /** A Redis with a password, ACL users or TLS. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of a {@link RedisProcess}. */
  public static final class Builder {
    private final List<String> args = new ArrayList<>();
    private String requirePass;
    private TestCertificates ca;
    private TestCertificates.Issued server;
    private boolean authClients;
    private IntFunction<List<String>> portArgs = port -> List.of();
    private IntFunction<String> config;
    private boolean sentinel;

    private Builder() {}

    /**
     * A Redis Cluster node: {@code --cluster-enabled yes}, its node table in {@code
     * dir/nodes-<port>.conf} (kept across {@link #restart()}, so that a restarted node rejoins
     * its cluster) and {@code --cluster-node-timeout}. {@link RedisCluster} makes a cluster of
     * them.
     */
    public Builder clusterNode(Path dir, long nodeTimeoutMillis) {
      portArgs = port -> List.of(
          "--cluster-enabled", "yes",
          "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toAbsolutePath()
              .toString(),
          "--cluster-node-timeout", Long.toString(nodeTimeoutMillis));
      return this;
    }

    /**
     * A sentinel ({@code redis-server <file> --sentinel}): the configuration file, which the
     * sentinel rewrites as it learns, is made in {@code dir} from {@code config}, given the port.
     * {@link RedisSentinels} sets up a master, replicas and sentinels.
     */
    public Builder sentinel(Path dir, IntFunction<String> config) {
      this.sentinel = true;
      this.config = port -> {
        try {
          Files.createDirectories(dir);
          Path file = dir.resolve("sentinel-" + port + ".conf").toAbsolutePath();
          Files.writeString(file, config.apply(port));
          return file.toString();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
      return this;
    }

    /** {@code --requirepass}: the default user needs this password. */
    public Builder requirePass(String password) {
      this.requirePass = password;
      return this;
    }

    /** An ACL user with this password, allowed every command, key and channel. */
    public Builder user(String name, String password) {
      args.addAll(List.of("--user", name, "on", ">" + password, "~*", "&*", "+@all"));
      return this;
    }

    /**
     * TLS only: {@code --port 0} and {@code --tls-port} on this process's port, with {@code
     * server}'s certificate; {@code ca} is the CA the server trusts for client certificates.
     */
    public Builder tls(TestCertificates ca, TestCertificates.Issued server) {
      this.ca = ca;
      this.server = server;
      return this;
    }

    /**
     * {@code --tls-auth-clients yes}: clients must present a certificate issued by the CA (mutual
     * TLS). Off by default ({@code --tls-auth-clients no}).
     */
    public Builder tlsAuthClients(boolean required) {
      this.authClients = required;
      return this;
    }

    /** More {@code redis-server} arguments. */
    public Builder args(String... more) {
      args.addAll(List.of(more));
      return this;
    }

    /** Starts the server on a free port. */
    public RedisProcess start() {
      List<String> all = new ArrayList<>();
      if (requirePass != null) {
        all.addAll(List.of("--requirepass", requirePass));
      }
      TestCertificates.Issued admin = null;
      if (ca != null) {
        all.addAll(List.of(
            "--tls-cert-file", server.certFile().toString(),
            "--tls-key-file", server.keyFile().toString(),
            "--tls-ca-cert-file", ca.caFile().toString(),
            "--tls-auth-clients", authClients ? "yes" : "no"));
        if (authClients) {
          admin = ca.issue("redis-admin-" + System.nanoTime());
        }
      }
      all.addAll(args);
      int port = Ports.free();
      all.addAll(portArgs.apply(port));
      Path configFile = config == null ? null : Path.of(config.apply(port));
      RedisProcess redis = new RedisProcess(
          executable(), port, configFile, sentinel, all, requirePass, ca, admin);
      redis.launch();
      return redis;
    }
  }

  /** Path of the {@code redis-server} this class runs. */
  public static Path executable() {
    return RedisBinary.path();
  }

  private void launch() {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    if (configFile != null) {
      command.add(configFile.toString()); // a configuration file comes first
    }
    if (sentinel) {
      command.add("--sentinel");
    }
    if (ca != null) {
      command.addAll(List.of("--port", "0", "--tls-port", String.valueOf(port)));
    } else {
      command.addAll(List.of("--port", String.valueOf(port)));
    }
    command.addAll(
        List.of(
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no",
            "--loglevel", "warning"));
    if (!RedisBinary.isEmbedded(executable) && !sentinel) {
      // 7.0+ refuses DEBUG unless allowed; 6.2 (the embedded binary) allows it and rejects the flag
      command.addAll(List.of("--enable-debug-command", "local"));
    }
    command.addAll(extraArgs);
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
    RUNNING.add(this);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Ports.answers(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on port " + port + ": "
            + command + "; it said: " + tail());
      }
      Await.sleep(20);
    }
  }

  /** The port this Redis listens on. */
  public int port() {
    return port;
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** A {@code redis://} URL for this Redis ({@code rediss://} with TLS), without credentials. */
  public String url() {
    return (ca != null ? "rediss" : "redis") + "://127.0.0.1:" + port;
  }

  /**
   * The URL with credentials: {@code redis://user:password@127.0.0.1:<port>}, or {@code
   * redis://:password@...} when {@code user} is null (the default user).
   */
  public String url(String user, String password) {
    return url().replace("://", "://" + (user == null ? "" : user) + ":" + password + "@");
  }

  /** Whether this Redis speaks TLS only. */
  public boolean tls() {
    return ca != null;
  }

  /**
   * A client for the test itself: the default user with the {@code requirePass} password, TLS
   * trusting the CA (and a client certificate of its own when clients must present one). The
   * caller closes it.
   */
  public RedisClient client() {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(2_000)
        .socketTimeoutMillis(2_000);
    if (adminPassword != null) {
      config.password(adminPassword);
    }
    if (ca != null) {
      config.ssl(true).sslSocketFactory(ca.socketFactory(adminCertificate));
    }
    return RedisClient.builder()
        .hostAndPort(new HostAndPort("127.0.0.1", port))
        .clientConfig(config.build())
        .build();
  }

  /**
   * A single admin connection (no pool) for commands of one server: {@code CLUSTER ...},
   * {@code SENTINEL ...}, {@code INFO}; with the {@code requirePass} password, no TLS: for the
   * cluster and sentinel harnesses. The caller closes it.
   */
  public Jedis jedis() {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(2_000)
        .socketTimeoutMillis(5_000)
        // the single-connection Jedis speaks RESP2 only, and warns at every connection otherwise
        .protocol(RedisProtocol.RESP2)
        .autoNegotiateProtocol(false);
    if (adminPassword != null) {
      config.password(adminPassword);
    }
    return new Jedis(new HostAndPort("127.0.0.1", port), config.build());
  }

  /** Operating-system id of the running process. */
  public long pid() {
    return process.pid();
  }

  /** Kills the process with SIGKILL and waits until it is gone. */
  public void kill() {
    signal("KILL");
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Freezes the process (SIGSTOP): connections stay open, nothing answers. */
  public void pause() {
    signal("STOP");
  }

  /** Thaws a process frozen by {@link #pause()} (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  /** Starts the server again on the same port, with no data. */
  public void restart() {
    if (process.isAlive()) {
      kill();
    }
    launch();
  }

  /** Tells whether the process is running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    RUNNING.remove(this);
    if (process != null && process.isAlive()) {
      resume();
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a temporary file
    }
  }
}
