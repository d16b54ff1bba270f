// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.internal.engine.RemoteUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;

/**
 * The circuit breaker around every Redis call, applied by the server's MicroProfile Fault
 * Tolerance: after {@code tenant-filter.redis.circuit.threshold} calls in a row fail (default 3,
 * environment {@code REDIS_CIRCUIT_THRESHOLD}), no call reaches Redis for {@code
 * tenant-filter.redis.circuit.timeout} seconds (default 60, {@code REDIS_CIRCUIT_TIMEOUT}); then
 * one call probes, and its success closes the circuit.
 *
 * <p>The values reach the annotation through MicroProfile Config: {@link
 * CircuitBreakerConfigSource} answers the Fault Tolerance keys ({@code
 * io.github.tenantfilter.internal.cache.RedisCircuitBreaker/call/CircuitBreaker/...}) from those settings.
 * The delay is in milliseconds on purpose (see there).
 *
 * <p>Fault Tolerance needs its interceptors on a separate bean (they do not apply to self-calls),
 * hence this class. Internal.
 */
@ApplicationScoped
public class RedisCircuitBreaker {

  /** One call to Redis. */
  @FunctionalInterface
  public interface RedisCall<T> {
    /** Makes the call. */
    T call() throws RemoteUnavailable;
  }

  /**
   * Runs {@code redis} unless the circuit is open; an open circuit throws {@code
   * CircuitBreakerOpenException} without running it.
   */
  @CircuitBreaker(
      requestVolumeThreshold = 3,
      failureRatio = 1.0,
      delay = 60_000,
      delayUnit = ChronoUnit.MILLIS,
      successThreshold = 1)
  public <T> T call(RedisCall<T> redis) throws RemoteUnavailable {
    return redis.call();
  }

  /**
   * Tells whether the server applies Fault Tolerance annotations to this bean: the method fails,
   * and only the {@code @Fallback} interceptor turns that into {@code true}. WildFly started with
   * plain {@code standalone.xml} ignores the annotations silently.
   */
  @Fallback(fallbackMethod = "applied")
  public boolean faultToleranceApplied() {
    throw new IllegalStateException("no Fault Tolerance interceptor ran");
  }

  boolean applied() {
    return true;
  }
}
