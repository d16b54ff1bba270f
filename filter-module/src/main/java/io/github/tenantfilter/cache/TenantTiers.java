package io.github.tenantfilter.cache;

import io.github.tenantfilter.config.TenantFilterConfig;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

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
 */
record TenantTiers(LocalTier local, RemoteTier remote, RemoteTier direct, SharedRedis shared,
    TenantCodec codec) {

  /** A heap tier and {@code remote} (or {@code null}), with no invalidation bus: for tests. */
  static TenantTiers of(LocalTier local, RemoteTier remote, TenantCodec codec) {
    return new TenantTiers(local, remote, remote, null, codec);
  }

  /**
   * The tiers {@code config} asks for.
   *
   * @param clock time for the heap tier's TTLs and Redis's freshness
   * @param breaker the circuit breaker every request's Redis call goes through, or {@code null}
   *     for none (tests without a container)
   */
  static TenantTiers of(TenantFilterConfig config, Clock clock, RedisCircuitBreaker breaker) {
    TenantCodec codec = new TenantCodec();
    LocalTier local = new LocalTier(config.localCacheSize(), config.localCacheTtl(),
        config.staleIfError(), config.negativeCacheSize(), config.negativeCacheTtl(), clock);
    if (config.redisUrl() == null) {
      return of(local, null, codec);
    }
    RedisClients redis = RedisClients.create(config);
    String prefix = config.redisKeyPrefix();
    SharedRedis shared = new SharedRedis(redis, breaker, prefix,
        RedisTier.invalidationChannel(prefix), config.redisUrlForDisplay(),
        InvalidationBus.newNodeId());
    RemoteTier direct = new RedisTier(redis, prefix, config.redisTtl(), config.staleIfError(),
        clock::millis, codec, () -> ThreadLocalRandom.current().nextDouble(),
        config.redisUrlForDisplay());
    RemoteTier remote = breaker == null ? direct : new GuardedRemoteTier(direct, breaker);
    return new TenantTiers(local, remote, direct, shared, codec);
  }
}
