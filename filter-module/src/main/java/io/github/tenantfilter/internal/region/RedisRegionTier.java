// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.region;

import io.github.tenantfilter.internal.cache.RedisProtocol;
import io.github.tenantfilter.internal.cache.SharedRedis;
import io.github.tenantfilter.internal.engine.RemoteUnavailable;
import io.github.tenantfilter.internal.engine.SharedTier;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/**
 * A region's values in Redis, through the tenant cache's client and circuit breaker, by the
 * tenant cache's protocol ({@link RedisProtocol}).
 *
 * <p>Layout under the configured prefix {@code p}, for region {@code r}: {@code p
 * region:{r}:k:<escaped key>} holds {@code <generation>|<serialized value>} for the region's TTL
 * less up to 10 % jitter; {@code p region:{r}:epoch} and {@code p region:{r}:gen} are the
 * protocol's tokens. The hash tag {@code {r}} puts every key of a region in one Redis Cluster hash
 * slot, so the scripts and the {@code MGET} touch one slot.
 */
final class RedisRegionTier implements SharedTier {

  private final SharedRedis redis;
  private final String region;
  private final String base;
  private final String epochKey;
  private final String generationKey;

  RedisRegionTier(SharedRedis redis, String region) {
    this.redis = redis;
    this.region = region;
    this.base = redis.keyPrefix() + "region:{" + region + "}:";
    this.epochKey = base + "epoch";
    this.generationKey = base + "gen";
  }

  /** The Redis key of an escaped key. */
  String key(String escaped) {
    return base + "k:" + escaped;
  }

  private <T> T call(String operation, Function<UnifiedJedis, T> command)
      throws RemoteUnavailable {
    return redis.call(operation + " of cache region " + region, command);
  }

  @Override
  public Read read(String key) throws RemoteUnavailable {
    List<String> values = call("read", jedis -> jedis.mget(key(key), epochKey, generationKey));
    if (values == null || values.size() != 3) {
      throw new RemoteUnavailable("MGET returned " + values, null);
    }
    String stored = values.get(0);
    return new Read(RedisProtocol.live(stored, values.get(2)), RedisProtocol.epoch(values.get(1)),
        RedisProtocol.malformed(stored));
  }

  /** As {@link SharedTier#fill}; a region's values have no group ({@code group} is ignored). */
  @Override
  public boolean fill(String key, String payload, long ttlSeconds, String epoch, String group)
      throws RemoteUnavailable {
    Object stored = call("fill", jedis -> jedis.eval(RedisProtocol.FILL,
        List.of(key(key), epochKey, generationKey),
        List.of(payload, Long.toString(ttlSeconds), epoch, RedisProtocol.token())));
    return Long.valueOf(1).equals(stored);
  }

  @Override
  public void put(String key, String payload, long ttlSeconds) throws RemoteUnavailable {
    call("put", jedis -> jedis.eval(RedisProtocol.PUT, List.of(key(key), epochKey, generationKey),
        List.of(payload, Long.toString(ttlSeconds), RedisProtocol.token(), RedisProtocol.token())));
  }

  @Override
  public void delete(String key) throws RemoteUnavailable {
    call("delete", jedis -> jedis.del(key(key)));
  }

  @Override
  public void invalidate(String key) throws RemoteUnavailable {
    call("invalidate", jedis -> jedis.eval(RedisProtocol.INVALIDATE, List.of(key(key), epochKey),
        List.of(RedisProtocol.token())));
  }

  @Override
  public void invalidateAll() throws RemoteUnavailable {
    call("invalidate all", jedis -> jedis.eval(RedisProtocol.INVALIDATE_ALL,
        List.of(generationKey, epochKey), List.of(RedisProtocol.token(), RedisProtocol.token())));
  }

  @Override
  public void prepare() throws RemoteUnavailable {
    call("prepare", jedis -> jedis.eval(RedisProtocol.PREPARE, List.of(generationKey, epochKey),
        List.of(RedisProtocol.token(), RedisProtocol.token())));
  }

  @Override
  public void publish(String key) throws RemoteUnavailable {
    redis.publish(region, key);
  }

  @Override
  public String describe() {
    return redis.describe();
  }
}
