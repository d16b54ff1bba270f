// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.FakeStore;
import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.internal.config.StoreDownReadiness;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.resolve.LookupKey;
import io.github.tenantfilter.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The readiness check: UP while the tenant store answers; while it does not, as
 * tenant-filter.readiness.store-down says; never DOWN for Redis.
 */
class ReadinessCheckTest {

  private static final TenantFilterConfig CONFIG =
      TenantFilterConfig.of(Map.of("tenant-filter.base-domains", "app.example"));
  private static final LookupKey ACME = LookupKey.subdomain("acme");

  private final TenantFilterRuntime runtime = new TenantFilterRuntime();
  private final FakeStore store = new FakeStore().put(tenant("acme", "acme"));

  @AfterEach
  void stop() {
    runtime.stop();
  }

  private static CacheStats redis(boolean enabled, boolean available, boolean circuitOpen) {
    return new CacheStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, enabled, available,
        circuitOpen);
  }

  private HealthCheckResponse call(ReadinessProbe probe) {
    return new TenantFilterHealthCheck(probe).call();
  }

  /** A started node with {@code store}, whose other parts the test sets. */
  private static final class StubNode implements ReadinessProbe.Node {
    final TenantStore store;
    CacheStats stats = redis(false, true, false);
    StoreDownReadiness policy = StoreDownReadiness.UP_WHILE_SERVING;
    boolean serving;
    int servingAsked;

    StubNode(TenantStore store) {
      this.store = store;
    }

    @Override
    public boolean started() {
      return true;
    }

    @Override
    public CacheStats stats() {
      return stats;
    }

    @Override
    public TenantStore store() {
      return store;
    }

    @Override
    public StoreDownReadiness storeDownPolicy() {
      return policy;
    }

    @Override
    public boolean servesCachedTenants() {
      servingAsked++;
      return serving;
    }
  }

  @Test
  void storeAnswers_noRedis_upWithRedisNotConfigured() {
    runtime.start(CONFIG, store, Clock.systemUTC());
    HealthCheckResponse response = call(ReadinessProbe.of(runtime));
    assertThat(response.getName()).isEqualTo("tenant-filter");
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData()).hasValue(Map.of("redis", "not-configured", "store", "up"));
  }

  @Test
  void readiness_defaultStoreDownPolicy_isUpWhileServing() {
    assertThat(CONFIG.readinessStoreDown()).isEqualTo(StoreDownReadiness.UP_WHILE_SERVING);
  }

  @Test
  void readiness_storeDownWithinStaleWindow_staysUp() {
    MutableClock clock = new MutableClock();
    runtime.start(CONFIG, store, clock);
    assertThat(runtime.engine().lookup.find(ACME)).isPresent(); // cached on this node
    store.down(true);
    clock.advance(Duration.ofSeconds(60 + 300).minusMillis(1)); // heap TTL + stale-if-error
    HealthCheckResponse response = call(ReadinessProbe.of(runtime));
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData().orElseThrow())
        .containsEntry("store", "down").containsEntry("cached", "serving");
    assertThat(runtime.engine().lookup.find(ACME)).as("and it does serve it").isPresent();
  }

  @Test
  void readiness_storeDownPastStaleWindow_down() {
    MutableClock clock = new MutableClock();
    runtime.start(CONFIG, store, clock);
    runtime.engine().lookup.find(ACME);
    store.down(true);
    clock.advance(Duration.ofSeconds(60 + 300));
    HealthCheckResponse response = call(ReadinessProbe.of(runtime));
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow())
        .containsEntry("store", "down").containsEntry("cached", "none");
  }

  @Test
  void readiness_storeDownNothingCached_down() {
    runtime.start(CONFIG, store, Clock.systemUTC());
    store.down(true);
    HealthCheckResponse response = call(ReadinessProbe.of(runtime));
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow())
        .containsEntry("store", "down").containsEntry("cached", "none");
  }

  @Test
  void readiness_storeDownOnlyUnknownHostsRemembered_down() {
    runtime.start(CONFIG, store, Clock.systemUTC());
    assertThat(runtime.engine().lookup.find(LookupKey.subdomain("nobody"))).isEmpty();
    store.down(true);
    assertThat(call(ReadinessProbe.of(runtime)).getStatus())
        .as("a remembered unknown host serves no tenant")
        .isEqualTo(HealthCheckResponse.Status.DOWN);
  }

  @Test
  void readiness_policyDown_storeDownWhileServingCached_down() {
    runtime.start(TenantFilterConfig.of(Map.of("tenant-filter.base-domains", "app.example",
        "tenant-filter.readiness.store-down", "down")), store, Clock.systemUTC());
    runtime.engine().lookup.find(ACME);
    store.down(true);
    HealthCheckResponse response = call(ReadinessProbe.of(runtime));
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData()).hasValue(Map.of("redis", "not-configured", "store", "down"));
  }

  @Test
  void readiness_upWhileServing_storeDownRedisAnswersEmptyHeap_staysUp() {
    FakeStore down = new FakeStore();
    down.down(true);
    StubNode node = new StubNode(down);
    node.stats = redis(true, true, false);
    node.serving = true; // what TenantLookup.servesCachedTenants says of an answering Redis
    HealthCheckResponse response = call(new ReadinessProbe(node, Clock.systemUTC()));
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData().orElseThrow())
        .containsEntry("redis", "up").containsEntry("cached", "serving");
  }

  @Test
  void readiness_storeUp_neverAsksWhetherCachedTenantsAreServed() {
    StubNode node = new StubNode(store);
    ReadinessProbe probe = new ReadinessProbe(node, Clock.systemUTC());
    assertThat(probe.report().up()).isTrue();
    assertThat(probe.report().data()).doesNotContainKey("cached");
    assertThat(node.servingAsked).isZero();
  }

  @Test
  void redisDownOrCircuitOpen_stillUp_redisReported() {
    FakeStore up = new FakeStore();
    for (CacheStats stats : new CacheStats[] {redis(true, false, false), redis(true, false, true),
        redis(true, true, false)}) {
      StubNode node = new StubNode(up);
      node.stats = stats;
      HealthCheckResponse response = call(new ReadinessProbe(node, Clock.systemUTC()));
      assertThat(response.getStatus()).as("%s", stats).isEqualTo(HealthCheckResponse.Status.UP);
    }
    assertThat(ReadinessProbe.redisState(redis(true, false, false))).isEqualTo("down");
    assertThat(ReadinessProbe.redisState(redis(true, false, true))).isEqualTo("circuit-open");
    assertThat(ReadinessProbe.redisState(redis(true, true, false))).isEqualTo("up");
    assertThat(ReadinessProbe.redisState(redis(false, true, false))).isEqualTo("not-configured");
  }

  @Test
  void storeAskedAtMostOncePerInterval_thenAgain() {
    MutableClock clock = new MutableClock();
    StubNode node = new StubNode(store);
    ReadinessProbe probe = new ReadinessProbe(node, clock);
    for (int i = 0; i < 5; i++) {
      assertThat(probe.report().up()).isTrue();
    }
    assertThat(store.queries()).isEqualTo(1);

    store.down(true);
    clock.advance(Duration.ofMillis(1999));
    assertThat(probe.report().up()).as("the last answer, still fresh").isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(probe.report().up()).as("asked again").isFalse();
    assertThat(store.queries()).isEqualTo(2);
    node.serving = true;
    assertThat(probe.report().up()).as("the serving answer is kept as long").isFalse();
    assertThat(node.servingAsked).isEqualTo(1);
    store.down(false);
    clock.advance(ReadinessProbe.STORE_CHECK_INTERVAL);
    assertThat(probe.report().data()).containsEntry("store", "up");
  }

  @Test
  void notStarted_down_disabled_up() {
    assertThat(call(ReadinessProbe.of(runtime)).getStatus())
        .isEqualTo(HealthCheckResponse.Status.DOWN);
    runtime.start(TenantFilterConfig.of(Map.of("tenant-filter.enabled", "false")),
        getClass().getClassLoader());
    HealthCheckResponse response = call(ReadinessProbe.of(runtime));
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData()).hasValue(Map.of("state", "disabled"));
  }

  @Test
  void isAReadinessCheck() {
    assertThat(HealthCheck.class).isAssignableFrom(TenantFilterHealthCheck.class);
    assertThat(TenantFilterHealthCheck.class.isAnnotationPresent(Readiness.class)).isTrue();
  }
}
