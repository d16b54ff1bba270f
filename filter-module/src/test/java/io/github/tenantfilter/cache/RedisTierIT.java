package io.github.tenantfilter.cache;

import static io.github.tenantfilter.testing.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.resolve.LookupKey;
import io.github.tenantfilter.testing.LocalRedis;
import io.github.tenantfilter.testing.Ports;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The Redis tier against a real Redis, each test under a key prefix of its own. */
class RedisTierIT {

  private static final Duration TTL = Duration.ofSeconds(1000);

  private final String prefix = "it-" + UUID.randomUUID() + ":";
  private final RedisClient raw = RedisClient.create(LocalRedis.url());
  private final TenantCodec codec = new TenantCodec();
  private final RedisTier tier = tier(prefix, 1.0);

  private RedisTier tier(String keyPrefix, double random) {
    return new RedisTier(
        RedisClients.standalone(URI.create(LocalRedis.url()), Duration.ofMillis(500), 4),
        keyPrefix, TTL, codec, () -> random, LocalRedis.url());
  }

  @AfterEach
  void cleanUp() throws Exception {
    raw.keys(prefix + "*").forEach(raw::del);
    raw.close();
    tier.close();
  }

  private String epoch(LookupKey key) throws RemoteTierException {
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
    RedisTier noJitter = tier(prefix, 0.0);
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
    RedisTier other = tier(otherPrefix, 0.5);
    try {
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
    RedisTier down =
        new RedisTier(
            RedisClients.standalone(URI.create("redis://127.0.0.1:" + Ports.free()), Duration.ofMillis(200), 2),
            prefix, TTL, codec, () -> 0.5, "redis://127.0.0.1:closed");
    assertThatThrownBy(() -> down.read(LookupKey.id("a")))
        .isInstanceOf(RemoteTierException.class)
        .hasMessageContaining("Redis read failed at redis://127.0.0.1:closed");
    down.close();
  }
}
