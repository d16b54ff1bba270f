// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for something a test or a harness cannot be told about directly (a failover, a
 * circuit, a subscription). A liveness bound, never a speed assertion: the deadlines are loose.
 */
public final class Await {

  private Await() {}

  /**
   * Polls {@code condition} every 20 ms until it holds.
   *
   * @throws AssertionError naming {@code what} when it does not hold within {@code timeout}
   */
  public static void until(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      sleep(20);
    }
  }

  /** Sleeps, keeping the interrupt flag if interrupted. */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
