// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.internal.engine.RemoteUnavailable;
import io.github.tenantfilter.internal.engine.SharedTier;
import io.github.tenantfilter.internal.resolve.LookupKey;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis as the tenant cache's shared tier, through Jedis: one server, Sentinel or a Cluster alike
 * ({@link RedisClients}), by the protocol the regions use too ({@link RedisProtocol}). Keys are
 * the lookup keys' cache keys ({@link LookupKey#cacheKey()}); a value's group is its tenant's id.
 *
 * <p>Layout ({@link RedisKeys}) under the configured prefix {@code p}, every key in the one hash
 * slot of the tag {@code {tenant}}:
 *
 * <ul>
 *   <li>{@code p{tenant}:id:<id>}, {@code p{tenant}:subdomain:<label>}, {@code
 *       p{tenant}:domain:<host>}: {@code <generation>|} followed by the tenant as JSON ({@link
 *       TenantCodec}) with the time it is fresh until;
 *   <li>{@code p{tenant}:keys:<id>}: the index, the set of every key written for that tenant, so
 *       that invalidating a tenant also removes the keys of domains it no longer has;
 *   <li>{@code p{tenant}:epoch} and {@code p{tenant}:generation}: the protocol's tokens.
 * </ul>
 *
 * <p>Jedis exceptions are translated to {@link RemoteUnavailable}; a connection that failed is
 * discarded by Jedis's pool, never reused.
 */
final class RedisTier implements SharedTier {

  private final RedisClients redis;
  private final RedisKeys keys;
  /** How long an index lives: as long as the longest-lived value it lists. */
  private final long indexTtlSeconds;
  /** This node in invalidation messages. */
  private final String nodeId;
  private final String description;

  /**
   * Creates the tier.
   *
   * @param longestTtl the longest a value lives (the Redis TTL and the stale-if-error window)
   */
  RedisTier(RedisClients redis, String keyPrefix, Duration longestTtl, String nodeId,
      String description) {
    this.redis = redis;
    this.keys = new RedisKeys(keyPrefix);
    this.indexTtlSeconds = Math.max(1, longestTtl.toSeconds());
    this.nodeId = nodeId;
    this.description = description;
  }

  @Override
  public Read read(String key) throws RemoteUnavailable {
    try {
      List<String> values = redis.client().mget(keys.value(key), keys.epoch(), keys.generation());
      if (values == null || values.size() != 3) {
        throw new RemoteUnavailable("MGET returned " + values, null);
      }
      String stored = values.get(0);
      return new Read(RedisProtocol.live(stored, values.get(2)),
          RedisProtocol.epoch(values.get(1)), RedisProtocol.malformed(stored));
    } catch (JedisException | ClassCastException e) {
      throw translate("read", e);
    }
  }

  @Override
  public boolean fill(String key, String payload, long ttlSeconds, String epoch, String group)
      throws RemoteUnavailable {
    try {
      Object stored = group == null
          ? redis.client().eval(RedisProtocol.FILL,
              List.of(keys.value(key), keys.epoch(), keys.generation()),
              List.of(payload, Long.toString(ttlSeconds), epoch, RedisProtocol.token()))
          : redis.client().eval(RedisProtocol.FILL_INDEXED,
              List.of(keys.value(key), keys.epoch(), keys.generation(), keys.index(group)),
              List.of(payload, Long.toString(ttlSeconds), epoch, RedisProtocol.token(),
                  Long.toString(indexTtlSeconds)));
      return Long.valueOf(1).equals(stored);
    } catch (JedisException e) {
      throw translate("write", e);
    }
  }

  @Override
  public void put(String key, String payload, long ttlSeconds) throws RemoteUnavailable {
    try {
      redis.client().eval(RedisProtocol.PUT,
          List.of(keys.value(key), keys.epoch(), keys.generation()),
          List.of(payload, Long.toString(ttlSeconds), RedisProtocol.token(),
              RedisProtocol.token()));
    } catch (JedisException e) {
      throw translate("put", e);
    }
  }

  @Override
  public void delete(String key) throws RemoteUnavailable {
    try {
      redis.client().del(keys.value(key));
    } catch (JedisException e) {
      throw translate("delete", e);
    }
  }

  /** Removes every key ever filled for tenant {@code tenantId}, and replaces the epoch. */
  @Override
  public void invalidate(String tenantId) throws RemoteUnavailable {
    try {
      redis.client().eval(
          RedisProtocol.INVALIDATE_INDEXED,
          List.of(keys.index(tenantId), keys.value(LookupKey.id(tenantId).cacheKey()),
              keys.epoch()),
          List.of(RedisProtocol.token()));
    } catch (JedisException e) {
      throw translate("invalidate", e);
    }
  }

  /** The pub/sub channel on which nodes tell each other about invalidations. */
  static String invalidationChannel(String keyPrefix) {
    return new RedisKeys(keyPrefix).channel();
  }

  /** Tells the other nodes that tenant {@code tenantId} changed ({@code null}: every tenant). */
  @Override
  public void publish(String tenantId) throws RemoteUnavailable {
    String message = tenantId == null
        ? InvalidationBus.messageAll(nodeId) : InvalidationBus.message(nodeId, tenantId);
    try {
      redis.client().publish(keys.channel(), message);
    } catch (JedisException e) {
      throw translate("publish", e);
    }
  }

  /**
   * Replaces the generation (every value written before is dead at once) and the epoch (no load
   * that read before can fill), in one script. The dead values are left to their TTL: deleting
   * them would cost a scan of the prefix, and no reader can see them.
   */
  @Override
  public void invalidateAll() throws RemoteUnavailable {
    try {
      redis.client().eval(RedisProtocol.INVALIDATE_ALL, List.of(keys.generation(), keys.epoch()),
          List.of(RedisProtocol.token(), RedisProtocol.token()));
    } catch (JedisException e) {
      throw translate("invalidate all", e);
    }
  }

  @Override
  public void prepare() throws RemoteUnavailable {
    try {
      redis.client().eval(RedisProtocol.PREPARE, List.of(keys.generation(), keys.epoch()),
          List.of(RedisProtocol.token(), RedisProtocol.token()));
    } catch (JedisException e) {
      throw translate("prepare", e);
    }
  }

  @Override
  public void dropIdleConnections() {
    redis.dropIdleConnections();
  }

  private RemoteUnavailable translate(String operation, Exception e) {
    String message = "Redis " + operation + " failed at " + description + ": " + e.getMessage();
    if (e instanceof JedisConnectionException) {
      // the failed connection is discarded by Jedis; its idle siblings are probably dead too
      // (a restarted or failed-over Redis): drop them, so that the next call opens a fresh one
      dropIdleConnections();
      return RemoteUnavailable.connectionFailed(message, e);
    }
    return new RemoteUnavailable(message, e);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    redis.close();
  }
}
