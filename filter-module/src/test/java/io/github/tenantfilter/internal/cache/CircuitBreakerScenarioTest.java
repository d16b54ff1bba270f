// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.internal.engine.RemoteUnavailable;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MicroProfile Fault Tolerance TCK's circuit-breaker scenarios (closed → open, a success
 * in the window, half-open → closed, half-open → open) ported to {@link RedisCircuitBreaker}
 * with this project's thresholds: 3 failures in a row open it, one successful probe closes it.
 * Real SmallRye Fault Tolerance in Weld; the open time is shortened to 1 s through the same
 * setting operators use ({@code tenant-filter.redis.circuit.timeout}).
 */
@ExtendWith(WeldJunit5Extension.class)
class CircuitBreakerScenarioTest {

  static {
    // read when each container starts; must be set before the first one does
    System.setProperty("tenant-filter.redis.circuit.timeout", "1");
  }

  @WeldSetup WeldInitiator weld = WeldInitiator.performDefaultDiscovery();

  private final AtomicInteger invocations = new AtomicInteger();

  @AfterAll
  static void restore() {
    System.clearProperty("tenant-filter.redis.circuit.timeout");
  }

  private RedisCircuitBreaker breaker() {
    return weld.select(RedisCircuitBreaker.class).get();
  }

  private void fail(RedisCircuitBreaker breaker) {
    assertThatThrownBy(() -> breaker.call(() -> {
          invocations.incrementAndGet();
          throw new RemoteUnavailable("Redis failed", null);
        }))
        .isInstanceOf(RemoteUnavailable.class);
  }

  private void succeed(RedisCircuitBreaker breaker) throws RemoteUnavailable {
    assertThat(breaker.<String>call(() -> {
          invocations.incrementAndGet();
          return "ok";
        }))
        .isEqualTo("ok");
  }

  private void rejected(RedisCircuitBreaker breaker) {
    int before = invocations.get();
    assertThatThrownBy(() -> breaker.call(() -> {
          invocations.incrementAndGet();
          return "ok";
        }))
        .isInstanceOf(CircuitBreakerOpenException.class);
    assertThat(invocations.get()).as("an open circuit does not call Redis").isEqualTo(before);
  }

  private static void waitForHalfOpen() throws InterruptedException {
    Thread.sleep(1200); // the 1 s open time, and a margin
  }

  @Test
  void closedThenOpen_threeFailuresInARow_fourthCallRejected() {
    RedisCircuitBreaker breaker = breaker();
    fail(breaker);
    fail(breaker);
    fail(breaker);
    rejected(breaker);
    rejected(breaker);
    assertThat(invocations).hasValue(3);
  }

  @Test
  void successInTheWindow_keepsItClosedUntilThreeFailuresInARow() throws Exception {
    RedisCircuitBreaker breaker = breaker();
    fail(breaker);
    fail(breaker);
    succeed(breaker);
    fail(breaker);
    fail(breaker);
    succeed(breaker); // window [F, F, S]: still closed
    fail(breaker);
    fail(breaker);
    fail(breaker); // window [F, F, F]
    rejected(breaker);
  }

  @Test
  void halfOpen_successfulProbe_closesIt() throws Exception {
    RedisCircuitBreaker breaker = breaker();
    fail(breaker);
    fail(breaker);
    fail(breaker);
    rejected(breaker);
    waitForHalfOpen();
    succeed(breaker); // the probe
    succeed(breaker); // closed again
    fail(breaker);
    succeed(breaker); // one failure does not reopen a closed circuit
  }

  @Test
  void halfOpen_failedProbe_opensItAgain() throws Exception {
    RedisCircuitBreaker breaker = breaker();
    fail(breaker);
    fail(breaker);
    fail(breaker);
    waitForHalfOpen();
    fail(breaker); // the probe fails
    rejected(breaker);
    waitForHalfOpen();
    succeed(breaker);
  }
}
