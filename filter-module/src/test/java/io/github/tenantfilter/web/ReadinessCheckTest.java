package io.github.tenantfilter.web;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.FakeStore;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The readiness check: DOWN only when the tenant store cannot answer, never for Redis. */
class ReadinessCheckTest {

  private static final TenantFilterConfig CONFIG =
      TenantFilterConfig.of(Map.of("tenant-filter.base-domains", "app.example"));

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

  @Test
  void storeAnswers_noRedis_upWithRedisNotConfigured() {
    runtime.start(CONFIG, store, Clock.systemUTC());
    HealthCheckResponse response = call(ReadinessProbe.of(runtime));
    assertThat(response.getName()).isEqualTo("tenant-filter");
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData()).hasValue(Map.of("redis", "not-configured", "store", "up"));
  }

  @Test
  void storeDown_down() {
    runtime.start(CONFIG, store, Clock.systemUTC());
    store.down(true);
    HealthCheckResponse response = call(ReadinessProbe.of(runtime));
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow()).containsEntry("store", "down");
  }

  @Test
  void redisDownOrCircuitOpen_stillUp_redisReported() {
    FakeStore up = new FakeStore();
    for (CacheStats stats : new CacheStats[] {redis(true, false, false), redis(true, false, true),
        redis(true, true, false)}) {
      ReadinessProbe probe =
          new ReadinessProbe(() -> true, () -> stats, () -> up, Clock.systemUTC());
      HealthCheckResponse response = call(probe);
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
    ReadinessProbe probe = new ReadinessProbe(
        () -> true, () -> redis(false, true, false), () -> store, clock);
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
