// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.engine.SharedTier;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The tenant cache's tiers as the settings ask for them, built and not yet started: the heap
 * tier and, with Redis, the Redis tier through the circuit breaker (requests' calls), the same
 * without it (invalidations, which are rare and worth a Redis timeout even while the circuit
 * keeps requests away), and what the named regions share with it.
 *
 * @param remote Redis through the breaker, or {@code null} without Redis
 * @param direct Redis without the breaker, or {@code null} without Redis
 * @param shared the Redis client, breaker, prefix, channel and node id the regions share, or
 *     {@code null} without Redis (then no invalidation bus either)
 * @param redisTtl how long a tenant in Redis is fresh (less up to 10 % jitter)
 * @param staleIfError how long past that it stays, to be served only when the store fails
 * @param random the jitter's source, in [0, 1)
 */
record TenantTiers(LocalTier local, SharedTier remote, SharedTier direct, SharedRedis shared,
    TenantCodec codec, Duration redisTtl, Duration staleIfError, DoubleSupplier random) {

  /**
   * A heap tier and {@code remote} (or {@code null}), with no invalidation bus, Redis values
   * fresh for a year and no jitter: for tests.
   */
  static TenantTiers of(LocalTier local, SharedTier remote, TenantCodec codec) {
    return new TenantTiers(local, remote, remote, null, codec, Duration.ofDays(365), Duration.ZERO,
        () -> 0);
  }

  /**
   * The tiers {@code config} asks for.
   *
   * @param clock time for the heap tier's TTLs
   * @param breaker the circuit breaker every request's Redis call goes through, or {@code null}
   *     for none (tests without a container)
   */
  static TenantTiers of(TenantFilterConfig config, Clock clock, RedisCircuitBreaker breaker) {
    TenantCodec codec = new TenantCodec();
    LocalTier local = new LocalTier(config.localCacheSize(), config.localCacheTtl(),
        config.staleIfError(), config.negativeCacheSize(), config.negativeCacheTtl(), clock);
    DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    if (config.redisUrl() == null) {
      return new TenantTiers(local, null, null, null, codec, config.redisTtl(),
          config.staleIfError(), random);
    }
    RedisClients redis = RedisClients.create(config);
    String prefix = config.redisKeyPrefix();
    String nodeId = InvalidationBus.newNodeId();
    SharedRedis shared = new SharedRedis(redis, breaker, prefix,
        RedisTier.invalidationChannel(prefix), config.redisUrlForDisplay(), nodeId);
    SharedTier direct = new RedisTier(redis, prefix, config.redisTtl().plus(config.staleIfError()),
        nodeId, config.redisUrlForDisplay());
    SharedTier remote = breaker == null ? direct : new GuardedRemoteTier(direct, breaker);
    return new TenantTiers(local, remote, direct, shared, codec, config.redisTtl(),
        config.staleIfError(), random);
  }
}
