// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.internal.engine.RemoteUnavailable;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the named cache regions share with the tenant cache: its one Jedis client (and so its
 * connection pool), its circuit breaker, its key prefix and its invalidation channel. Handed out
 * by {@link TenantLookup#sharedRedis()}; closed with the tenant cache. Internal.
 */
public final class SharedRedis {

  /** What the invalidation channel tells the regions. */
  public interface RegionListener {
    /** Another node invalidated {@code key} (escaped) of {@code region}. */
    void regionInvalidated(String region, String key);

    /** Another node invalidated the whole {@code region}. */
    void regionCleared(String region);

    /** The channel came back after a break: messages may have been lost. */
    void resubscribed();
  }

  private final RedisClients clients;
  private final RedisCircuitBreaker breaker;
  private final String keyPrefix;
  private final String channel;
  private final String description;
  private final String nodeId;
  private volatile RegionListener listener;

  SharedRedis(RedisClients clients, RedisCircuitBreaker breaker, String keyPrefix, String channel,
      String description, String nodeId) {
    this.nodeId = nodeId;
    this.clients = clients;
    this.breaker = breaker;
    this.keyPrefix = keyPrefix;
    this.channel = channel;
    this.description = description;
  }

  /** The configured prefix of every key ({@code tenant-filter.redis.key-prefix}). */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** The invalidation channel. */
  String channel() {
    return channel;
  }

  /** This node in invalidation messages. */
  String nodeId() {
    return nodeId;
  }

  /** The client of the configured topology. */
  RedisClients clients() {
    return clients;
  }

  /** Where Redis is, password masked, for logs. */
  public String describe() {
    return description;
  }

  /**
   * Runs {@code command} on the shared client through the circuit breaker.
   *
   * @param operation what it does, for the exception's message
   * @throws RemoteUnavailable if the command failed in any way, or the circuit is open
   *     ({@link RemoteUnavailable#circuitOpen()}: then no command was sent)
   */
  public <T> T call(String operation, Function<UnifiedJedis, T> command)
      throws RemoteUnavailable {
    return GuardedRemoteTier.guarded(breaker, description, () -> {
      try {
        // the client of the configured topology; made on first use (a Sentinel or Cluster client
        // connects while it is built, so a failure to build is a failed command here)
        return command.apply(clients.client());
      } catch (RuntimeException e) {
        throw new RemoteUnavailable(
            "Redis " + operation + " failed at " + description + ": " + e.getMessage(), e);
      }
    });
  }

  /**
   * Tells the other nodes that {@code key} (escaped: no spaces) of {@code region} changed;
   * {@code key == null}: the whole region.
   */
  public void publish(String region, String key) throws RemoteUnavailable {
    String message = InvalidationBus.regionMessage(nodeId, region, key);
    call("publish", redis -> redis.publish(channel, message));
  }

  /** Sends the invalidation channel's region messages to {@code listener} (one at a time). */
  public void listen(RegionListener listener) {
    this.listener = listener;
  }

  RegionListener listener() {
    return listener;
  }
}
