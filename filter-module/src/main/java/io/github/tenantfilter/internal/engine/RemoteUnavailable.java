// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

/**
 * The shared tier (Redis) could not serve a call (unreachable, timed out, a reply that makes no
 * sense), or was not called because its circuit is open. The one exception of every remote call
 * of the tenant cache and the regions; no client exception escapes a remote tier.
 */
public final class RemoteUnavailable extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean circuitOpen;
  private final boolean connectionFailed;

  /** A call that failed. */
  public RemoteUnavailable(String message, Throwable cause) {
    this(message, cause, false, false);
  }

  private RemoteUnavailable(String message, Throwable cause, boolean circuitOpen,
      boolean connectionFailed) {
    super(message, cause);
    this.circuitOpen = circuitOpen;
    this.connectionFailed = connectionFailed;
  }

  /**
   * A call that failed on its connection (broken, or timed out): the connection is discarded,
   * and the pool's idle ones with it, so that the same call again gets a fresh one.
   */
  public static RemoteUnavailable connectionFailed(String message, Throwable cause) {
    return new RemoteUnavailable(message, cause, false, true);
  }

  /** No call was made: the circuit breaker around the tier at {@code where} is open. */
  public static RemoteUnavailable circuitOpen(String where) {
    return new RemoteUnavailable(
        "the circuit around Redis at " + where + " is open", null, true, false);
  }

  /** True when the connection failed: a call made again may get through (a restarted Redis). */
  public boolean connectionFailed() {
    return connectionFailed;
  }

  /** True when no call was made because the circuit breaker is open. */
  public boolean circuitOpen() {
    return circuitOpen;
  }
}
