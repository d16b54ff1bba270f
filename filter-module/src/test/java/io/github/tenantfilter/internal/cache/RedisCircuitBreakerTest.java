// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.FakeStore;
import io.github.tenantfilter.internal.engine.FakeSharedTier;
import io.github.tenantfilter.internal.resolve.LookupKey;
import io.github.tenantfilter.testing.MutableClock;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The breaker with a real MicroProfile Fault Tolerance (SmallRye, as in WildFly) and real
 * MicroProfile Config, in Weld: the annotation is applied and reads the JAR's configuration.
 */
@ExtendWith(WeldJunit5Extension.class)
class RedisCircuitBreakerTest {

  @WeldSetup WeldInitiator weld = WeldInitiator.performDefaultDiscovery();

  private final FakeStore store = new FakeStore().put(tenant("acme", "acme"));
  private final FakeSharedTier redis = new FakeSharedTier();
  private TenantLookup lookup;

  private TenantLookup lookup() {
    RedisCircuitBreaker breaker = weld.select(RedisCircuitBreaker.class).get();
    lookup =
        new TenantLookup(
            new LocalTier(10, Duration.ofSeconds(60), 10, Duration.ofSeconds(30), new MutableClock()),
            new GuardedRemoteTier(redis, breaker),
            store,
            new TenantCodec());
    return lookup;
  }

  @AfterEach
  void close() {
    if (lookup != null) {
      lookup.close();
    }
  }

  @Test
  void faultToleranceApplied_withSmallRye_isTrue() {
    assertThat(weld.select(RedisCircuitBreaker.class).get().faultToleranceApplied()).isTrue();
  }

  @Test
  void configuration_faultToleranceKeys_resolveToDefaultsInMillis() {
    var config = ConfigProvider.getConfig();
    assertThat(config.getValue(CircuitBreakerConfigSource.THRESHOLD, Integer.class)).isEqualTo(3);
    assertThat(config.getValue(CircuitBreakerConfigSource.DELAY, Long.class)).isEqualTo(60_000L);
    assertThat(config.getValue(CircuitBreakerConfigSource.DELAY_UNIT, String.class))
        .isEqualTo("MILLIS");
  }

  @Test
  void configSource_settingsFromMicroProfileConfigAndSystemProperties() {
    CircuitBreakerConfigSource source = new CircuitBreakerConfigSource();
    System.setProperty("tenant-filter.redis.circuit.timeout", "5");
    System.setProperty("tenant-filter.redis.circuit.threshold", "7");
    try {
      assertThat(source.getValue(CircuitBreakerConfigSource.DELAY)).isEqualTo("5000");
      assertThat(source.getValue(CircuitBreakerConfigSource.THRESHOLD)).isEqualTo("7");
      System.setProperty("tenant-filter.redis.circuit.threshold", "lots");
      assertThat(source.getValue(CircuitBreakerConfigSource.THRESHOLD))
          .as("unparseable: the default here, the filter's startup fails naming it")
          .isEqualTo("3");
    } finally {
      System.clearProperty("tenant-filter.redis.circuit.timeout");
      System.clearProperty("tenant-filter.redis.circuit.threshold");
    }
    assertThat(source.getValue("something.else")).isNull();
  }

  @Test
  void redisDown_circuitOpensAfterThreeFailures_thenRedisIsNotCalled() {
    TenantLookup lookup = lookup();
    redis.down = true;
    for (int i = 0; i < 10; i++) {
      assertThat(lookup.find(LookupKey.domain("host-" + i + ".example"))).isEmpty();
    }
    assertThat(redis.reads).hasValue(3); // the three that opened the circuit
    assertThat(lookup.stats().redisErrors()).isEqualTo(3);
    assertThat(lookup.stats().redisSkipped()).isEqualTo(7);
    assertThat(lookup.stats().redisCircuitOpen()).isTrue();
    assertThat(store.queries()).isEqualTo(10); // every request was still answered
  }

  @Test
  void redisHealthy_circuitStaysClosed() {
    TenantLookup lookup = lookup();
    for (int i = 0; i < 10; i++) {
      lookup.find(LookupKey.domain("host-" + i + ".example"));
    }
    assertThat(redis.reads).hasValue(10);
    assertThat(lookup.stats().redisSkipped()).isZero();
    assertThat(lookup.stats().redisCircuitOpen()).isFalse();
  }
}
