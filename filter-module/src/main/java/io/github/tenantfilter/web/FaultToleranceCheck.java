// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.internal.cache.RedisCircuitBreaker;
import io.github.tenantfilter.internal.config.InvalidSettingException;
import io.github.tenantfilter.internal.config.Settings;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to run Redis without its circuit breaker: a server that ignores the Fault Tolerance
 * annotations (WildFly with plain standalone.xml) would let a hung Redis slow every cache miss.
 */
final class FaultToleranceCheck {

  private static final Logger LOG = Logger.getLogger(FaultToleranceCheck.class.getName());

  private FaultToleranceCheck() {}

  /** @throws InvalidSettingException naming the Redis URL, when the breaker is not applied */
  static void require(RedisCircuitBreaker breaker) {
    boolean applied;
    try {
      applied = breaker.faultToleranceApplied();
    } catch (RuntimeException e) {
      applied = false;
    }
    if (!applied) {
      throw new InvalidSettingException(
          Settings.REDIS_URL.name(),
          Settings.REDIS_URL.name() + " is set, but this server does not apply MicroProfile Fault"
              + " Tolerance, so Redis would have no circuit breaker. On WildFly, start it with"
              + " standalone-microprofile.xml (or add the microprofile-fault-tolerance-smallrye"
              + " subsystem); or leave " + Settings.REDIS_URL.name() + " empty to run on the heap"
              + " tier and the database only.");
    }
    LOG.info("tenant-filter: MicroProfile Fault Tolerance guards Redis (circuit opens after "
        + circuitSetting("requestVolumeThreshold") + " failures in a row, for "
        + circuitSetting("delay") + " " + circuitSetting("delayUnit") + ")");
  }

  private static String circuitSetting(String name) {
    try {
      return ConfigProvider.getConfig()
          .getOptionalValue(RedisCircuitBreaker.class.getName() + "/call/CircuitBreaker/" + name,
              String.class)
          .orElse("the annotation's");
    } catch (RuntimeException | LinkageError e) {
      return "?";
    }
  }
}
