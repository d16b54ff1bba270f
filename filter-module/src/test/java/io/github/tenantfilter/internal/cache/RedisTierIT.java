// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.internal.engine.RemoteUnavailable;
import io.github.tenantfilter.internal.engine.SharedTier;
import io.github.tenantfilter.internal.resolve.LookupKey;
import io.github.tenantfilter.testing.LocalRedis;
import io.github.tenantfilter.testing.Ports;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The Redis tier against a real Redis, each test under a key prefix of its own. */
class RedisTierIT {

  private static final Duration TTL = Duration.ofSeconds(1000);

  private final String prefix = "it-" + UUID.randomUUID() + ":";
  private final RedisClient raw = RedisClient.create(LocalRedis.url());
  private final TenantCodec codec = new TenantCodec();
  private final Tenants tier = tier(prefix, 1.0);

  private Tenants tier(String keyPrefix, double random) {
    return new Tenants(new RedisTier(
        RedisClients.standalone(URI.create(LocalRedis.url()), Duration.ofMillis(500), 4),
        keyPrefix, TTL, "node", LocalRedis.url()), random);
  }

  /**
   * The tier as the tenant cache reads and fills it (TenantLookup): by lookup key, the tenant
   * encoded fresh for the TTL less {@code random}'s share of 10 %, its id as the group.
   */
  private final class Tenants {
    private final RedisTier tier;
    private final double random;

    Tenants(RedisTier tier, double random) {
      this.tier = tier;
      this.random = random;
    }

    boolean write(LookupKey key, Tenant tenant, String epoch) throws RemoteUnavailable {
      long ttl = SharedTier.jitteredSeconds(TTL, () -> random);
      String payload = codec.encode(tenant, System.currentTimeMillis() + ttl * 1000);
      return tier.fill(key.cacheKey(), payload, ttl, epoch, tenant.id());
    }

    SharedTier.Read read(LookupKey key) throws RemoteUnavailable {
      return tier.read(key.cacheKey());
    }

    void invalidate(String tenantId) throws RemoteUnavailable {
      tier.invalidate(tenantId);
    }

    void invalidateAll() throws RemoteUnavailable {
      tier.invalidateAll();
    }

    void close() {
      tier.close();
    }
  }

  /** As each node does when it first subscribes: the epoch and generation exist. */
  @org.junit.jupiter.api.BeforeEach
  void start() throws RemoteUnavailable {
    tier.invalidateAll();
  }

  @AfterEach
  void cleanUp() throws Exception {
    raw.keys(prefix + "*").forEach(raw::del);
    raw.close();
    tier.close();
  }

  private String epoch(LookupKey key) throws RemoteUnavailable {
    return tier.read(key).epoch();
  }

  @Test
  void write_thenRead_usesDocumentedKeysAndJitteredTtl() throws Exception {
    LookupKey key = LookupKey.subdomain("acme");
    Tenant acme = tenant("acme", "acme", "acme.example");
    assertThat(tier.write(key, acme, epoch(key))).isTrue();

    assertThat(raw.exists(prefix + "{tenant}:subdomain:acme")).isTrue();
    assertThat(raw.smembers(prefix + "{tenant}:keys:acme")).containsExactly(prefix + "{tenant}:subdomain:acme");
    long ttl = raw.ttl(prefix + "{tenant}:subdomain:acme");
    assertThat(ttl).isBetween(890L, 900L); // random 1.0: the full 10 % jitter taken off
    assertThat(codec.decode(tier.read(key).value())).isEqualTo(acme);
  }

  @Test
  void write_withoutJitter_usesFullTtl() throws Exception {
    Tenants noJitter = tier(prefix, 0.0);
    LookupKey key = LookupKey.id("acme");
    noJitter.write(key, tenant("acme", "acme"), epoch(key));
    assertThat(raw.ttl(prefix + "{tenant}:id:acme")).isBetween(990L, 1000L);
    noJitter.close();
  }

  @Test
  void invalidate_removesEveryKeyEverWrittenForTenant() throws Exception {
    Tenant before = tenant("acme", "acme", "old.example");
    tier.write(LookupKey.subdomain("acme"), before, epoch(LookupKey.subdomain("acme")));
    tier.write(LookupKey.domain("old.example"), before, epoch(LookupKey.domain("old.example")));
    tier.write(LookupKey.id("acme"), before, epoch(LookupKey.id("acme")));
    tier.write(LookupKey.id("globex"), tenant("globex", "globex"), epoch(LookupKey.id("globex")));

    tier.invalidate("acme");

    assertThat(tier.read(LookupKey.subdomain("acme")).value()).isNull();
    assertThat(tier.read(LookupKey.domain("old.example")).value()).isNull();
    assertThat(tier.read(LookupKey.id("acme")).value()).isNull();
    assertThat(raw.exists(prefix + "{tenant}:keys:acme")).isFalse();
    assertThat(tier.read(LookupKey.id("globex")).value()).isNotNull();
  }

  @Test
  void write_afterInvalidationSinceRead_isRefused() throws Exception {
    LookupKey key = LookupKey.subdomain("acme");
    String readEpoch = epoch(key); // a load reads Redis (miss), then the database...
    tier.invalidate("acme"); // ...meanwhile the tenant changes and is invalidated
    assertThat(tier.write(key, tenant("acme", "acme"), readEpoch)).isFalse();
    assertThat(tier.read(key).value()).isNull();
  }

  @Test
  void invalidateAll_removesOnlyThisPrefix() throws Exception {
    String otherPrefix = "it-other-" + UUID.randomUUID() + ":";
    Tenants other = tier(otherPrefix, 0.5);
    try {
      other.invalidateAll();
      tier.write(LookupKey.id("a"), tenant("a", null), epoch(LookupKey.id("a")));
      other.write(LookupKey.id("a"), tenant("a", null), other.read(LookupKey.id("a")).epoch());
      tier.invalidateAll();
      assertThat(tier.read(LookupKey.id("a")).value()).isNull();
      assertThat(other.read(LookupKey.id("a")).value()).isNotNull();
    } finally {
      raw.keys(otherPrefix + "*").forEach(raw::del);
      other.close();
    }
  }

  @Test
  void read_redisUnreachable_throwsTranslatedException() {
    Tenants down = new Tenants(new RedisTier(
        RedisClients.standalone(
            URI.create("redis://127.0.0.1:" + Ports.free()), Duration.ofMillis(200), 2),
        prefix, TTL, "node", "redis://127.0.0.1:closed"), 0.5);
    assertThatThrownBy(() -> down.read(LookupKey.id("a")))
        .isInstanceOf(RemoteUnavailable.class)
        .hasMessageContaining("Redis read failed at redis://127.0.0.1:closed");
    down.close();
  }

  /**
   * Redis lost the epoch and generation (a restart, an eviction that evicts any key): no value
   * from before can come back, and no fill that read before succeeds.
   */
  @Test
  void epochAndGenerationLost_oldValuesStayDeadAndOldFillsFail() throws Exception {
    LookupKey key = LookupKey.id("acme");
    tier.write(key, tenant("acme", "acme"), epoch(key));
    String stored = raw.get(prefix + "{tenant}:id:acme");
    String readBefore = epoch(key);
    raw.del(prefix + "{tenant}:epoch", prefix + "{tenant}:generation");

    assertThat(tier.read(key).value()).isNull();
    raw.set(prefix + "{tenant}:id:acme", stored);
    assertThat(tier.read(key).value()).as("a value of a lost generation").isNull();
    assertThat(tier.write(key, tenant("acme", "acme"), readBefore)).isFalse();
    assertThat(tier.write(key, tenant("acme", "acme"), epoch(key)))
        .as("the failed fill set a new epoch; the next one works").isTrue();
    assertThat(tier.read(key).value()).isNotNull();
  }

  /**
   * Regression (defect 3): invalidateAll deleted page by page and advanced the epoch only at the
   * end, so loads that had read Redis before it wrote their old records back during the scan.
   */
  @Test
  void invalidateAll_loadsThatReadBeforeIt_cannotWriteBackDuringOrAfterIt() throws Exception {
    for (int batch = 0; batch < 20; batch++) {
      String[] keysAndValues = new String[2_000];
      for (int i = 0; i < 1_000; i++) {
        keysAndValues[2 * i] = prefix + "{tenant}:id:filler-" + batch + "-" + i;
        keysAndValues[2 * i + 1] = "x";
      }
      raw.mset(keysAndValues);
    }
    LookupKey key = LookupKey.id("acme");
    Tenant old = tenant("acme", "acme");
    String readBefore = epoch(key); // a load read Redis (a miss) before the invalidation
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch writing = new CountDownLatch(1);
    Tenants loader = tier(prefix, 1.0);
    Thread writer = new Thread(() -> {
      try {
        while (!done.get()) { // loads that read before, writing back all through the invalidation
          loader.write(key, old, readBefore);
          writing.countDown();
        }
      } catch (RemoteUnavailable e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    writing.await();
    tier.invalidateAll();
    done.set(true);
    writer.join();
    loader.close();

    assertThat(tier.read(key).value()).isNull();
    assertThat(tier.write(key, old, readBefore)).isFalse();
  }
}
