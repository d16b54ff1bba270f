// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.internal.config.RedisEndpoint;
import io.github.tenantfilter.internal.config.RedisMode;
import io.github.tenantfilter.internal.config.RedisTls;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one place where the module's Redis clients are made, for every topology: one Redis
 * ({@link RedisClient}), a master found through Sentinel ({@link RedisSentinelClient}) or a Redis
 * Cluster ({@link RedisClusterClient}), all {@link UnifiedJedis}. The Redis tier and anything
 * else of the module that talks to Redis share the one client this hands out; the invalidation
 * channel gets the node to subscribe on and the connection settings from here too.
 *
 * <pre>{@code
 * RedisClients redis = RedisClients.create(config);
 * redis.client().mget(...);            // made on first use; throws JedisException until it can be
 * HostAndPort node = redis.pubSubNode(attempt);
 * redis.close();
 * }</pre>
 *
 * <p>The Sentinel and Cluster clients of Jedis connect while they are built (they ask the
 * sentinels for the master, the nodes for the slots) and fail when nothing answers. So the
 * client is made on first use, and again on the next use after a failure: a Redis that is down
 * when the application starts does not stop it, as with a single server.
 */
public final class RedisClients implements AutoCloseable {

  private final RedisMode mode;
  private final RedisEndpoint endpoint;
  private final String masterName;
  private final JedisClientConfig config;
  private final JedisClientConfig sentinelConfig;
  private final ConnectionPoolConfig pool;
  private final Duration timeout;
  private final String description;
  private volatile UnifiedJedis client;
  private volatile boolean closed;

  private RedisClients(RedisMode mode, RedisEndpoint endpoint, String masterName,
      Duration timeout, int poolSize, SSLSocketFactory tls, String description,
      UnifiedJedis given) {
    this.mode = mode;
    this.endpoint = endpoint;
    this.masterName = masterName;
    this.timeout = timeout;
    this.config = clientConfig(endpoint, timeout, tls, mode != RedisMode.CLUSTER);
    // the sentinel connections are Jedis's single-connection Jedis, which speaks RESP2 only and
    // logs a warning at every connection unless told so
    this.sentinelConfig = DefaultJedisClientConfig.builder()
        .from(clientConfig(new RedisEndpoint(endpoint.tls(), null, null, endpoint.nodes(), -1),
            timeout, tls, false))
        .protocol(RedisProtocol.RESP2)
        .autoNegotiateProtocol(false)
        .build();
    this.pool = poolConfig(poolSize, timeout);
    this.description = description;
    this.client = given;
  }

  /** The clients {@code config} asks for; nothing connects yet. */
  public static RedisClients create(TenantFilterConfig config) {
    return create(config.redisMode(), config.redisUrl(), config.redisSentinelMaster(),
        config.redisTimeout(), config.redisPoolSize(), RedisTls.socketFactory(config),
        config.redisUrlForDisplay());
  }

  /**
   * The clients for {@code url} in {@code mode}.
   *
   * @param masterName the master's name for {@link RedisMode#SENTINEL}, else ignored
   * @param tls the TLS sockets for {@code rediss://} ({@code null}: the JVM's default)
   * @param description the URL with its password masked, for messages
   */
  static RedisClients create(RedisMode mode, URI url, String masterName, Duration timeout,
      int poolSize, SSLSocketFactory tls, String description) {
    RedisClients clients = new RedisClients(mode, RedisEndpoint.of(url), masterName, timeout,
        poolSize, tls, description, null);
    if (mode == RedisMode.STANDALONE) {
      clients.client = clients.build(); // connects lazily by itself
    }
    return clients;
  }

  /** One Redis server at {@code url} (tests). */
  static RedisClients standalone(URI url, Duration timeout, int poolSize) {
    return create(RedisMode.STANDALONE, url, null, timeout, poolSize, null, url.toString());
  }

  /** The topology. */
  public RedisMode mode() {
    return mode;
  }

  /** The URL, password masked. */
  public String describe() {
    return description;
  }

  /**
   * The shared client, made on first use.
   *
   * @throws JedisException when it cannot be made now (no sentinel or cluster node answers)
   */
  public UnifiedJedis client() {
    UnifiedJedis current = client;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (client == null) {
        if (closed) {
          throw new JedisConnectionException("closed");
        }
        client = build();
      }
      return client;
    }
  }

  private UnifiedJedis build() {
    try {
      return switch (mode) {
        case STANDALONE -> RedisClient.builder()
            .hostAndPort(hostAndPort(endpoint.nodes().get(0), 6379))
            .clientConfig(config)
            .poolConfig(pool)
            .build();
        case SENTINEL -> RedisSentinelClient.builder()
            .masterName(masterName)
            .sentinels(nodes(26379))
            .sentinelClientConfig(sentinelConfig)
            .clientConfig(config)
            .poolConfig(pool)
            .build();
        case CLUSTER -> RedisClusterClient.builder()
            .nodes(nodes(6379))
            .clientConfig(config)
            .poolConfig(pool)
            // a request waits at most about the timeout, then the breaker and the store answer
            .maxAttempts(3)
            .maxTotalRetriesDuration(timeout.multipliedBy(2))
            .build();
      };
    } catch (JedisException e) {
      throw e;
    } catch (RuntimeException e) {
      // Jedis wraps some connect failures in plain runtime exceptions while building
      throw new JedisConnectionException(e.getMessage(), e);
    }
  }

  private Set<HostAndPort> nodes(int defaultPort) {
    Set<HostAndPort> nodes = new LinkedHashSet<>();
    for (RedisEndpoint.Node node : endpoint.nodes()) {
      nodes.add(hostAndPort(node, defaultPort));
    }
    return nodes;
  }

  private static HostAndPort hostAndPort(RedisEndpoint.Node node, int defaultPort) {
    return new HostAndPort(node.host(), node.port(defaultPort));
  }

  /**
   * Where to subscribe to the invalidation channel, on the {@code attempt}-th try: the server;
   * the current master (Sentinel); one node of the cluster after the other (a cluster passes
   * every PUBLISH to every node, so any node will do).
   *
   * @throws JedisException when the sentinels or the cluster cannot be asked now
   */
  HostAndPort pubSubNode(int attempt) {
    return switch (mode) {
      case STANDALONE -> hostAndPort(endpoint.nodes().get(0), 6379);
      case SENTINEL -> ((RedisSentinelClient) client()).getCurrentMaster();
      case CLUSTER -> {
        List<HostAndPort> candidates = new ArrayList<>(nodes(6379));
        UnifiedJedis current = client;
        if (current instanceof RedisClusterClient cluster) {
          for (String node : cluster.getClusterNodes().keySet()) {
            HostAndPort known = HostAndPort.from(node);
            if (!candidates.contains(known)) {
              candidates.add(known);
            }
          }
        }
        yield candidates.get(Math.floorMod(attempt, candidates.size()));
      }
    };
  }

  /**
   * Connection settings for the subscription: those of the data connections, in RESP2 (a PING
   * on a subscribed RESP3 connection answers a plain PONG, which Jedis's subscriber cannot read;
   * found by StaleWriteBackIT: "Unexpected message: PONG").
   */
  JedisClientConfig pubSubConfig() {
    return DefaultJedisClientConfig.builder().from(config).protocol(RedisProtocol.RESP2).build();
  }

  /** Closes the idle pooled connections of every node, so that the next call opens fresh ones. */
  void dropIdleConnections() {
    UnifiedJedis current = client;
    try {
      if (current instanceof RedisClient single) {
        single.getPool().clear();
      } else if (current instanceof RedisClusterClient cluster) {
        cluster.getClusterNodes().values().forEach(pool -> pool.clear());
      } else if (current instanceof RedisSentinelClient sentinel) {
        sentinel.getPrimaryNodesConnectionMap().values().forEach(pool -> pool.clear());
      }
    } catch (RuntimeException ignored) {
      // the pool is closing
    }
  }

  @Override
  public void close() {
    UnifiedJedis current;
    synchronized (this) {
      closed = true;
      current = client;
    }
    if (current != null) {
      current.close();
    }
  }

  private static ConnectionPoolConfig poolConfig(int poolSize, Duration timeout) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(poolSize);
    pool.setMaxIdle(poolSize);
    pool.setMinIdle(0);
    // commons-pool waits forever by default; a request must never wait longer than the timeout
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(timeout);
    pool.setTestOnBorrow(false);
    return pool;
  }

  /**
   * Connection settings: timeouts, credentials, TLS, database. A {@code rediss://} connection
   * verifies the server's certificate against {@code tls}'s trust ({@code null}: the JVM's
   * default socket factory and trust store) and checks that it names the host (DNS or IP subject
   * alternative name). Jedis 8 checks the name by default too, but only when given no SSL
   * parameters of ours; set here so that it does not hang on a library default.
   *
   * @param database whether to select the URL's database (not in a cluster, which has only 0)
   */
  static JedisClientConfig clientConfig(RedisEndpoint endpoint, Duration timeout,
      SSLSocketFactory tls, boolean database) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis)
            .socketTimeoutMillis(millis)
            .clientName("tenant-filter")
            .ssl(endpoint.tls());
    if (endpoint.tls()) {
      SSLParameters parameters = new SSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the server's name is checked
      config.sslParameters(parameters);
      if (tls != null) {
        config.sslSocketFactory(tls);
      }
    }
    if (endpoint.user() != null) {
      config.user(endpoint.user());
    }
    if (endpoint.password() != null) {
      config.password(endpoint.password());
    }
    if (database && endpoint.database() >= 0) {
      config.database(endpoint.database());
    }
    return config.build();
  }
}
