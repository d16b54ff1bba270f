// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.checker;

/**
 * The bounds the checker holds the nodes to, in milliseconds: the promises of docs/coherence.md
 * for the settings the checker's nodes run with. Each can be changed with a system property of
 * its name ({@code -Dchecker.apiEpsilon=...}), to see how close to a bound a run comes.
 *
 * @param apiEpsilon after {@code invalidateTenantCache} (or {@code invalidateAll}) returned: the
 *     pub/sub delivery to the other nodes (the calling node itself: none)
 * @param notification after a plain SQL commit, with the trigger and LISTEN: the notification's delivery
 * @param lost when a message may have been lost (a fault overlapped the write's announcement):
 *     from the commit, the heap TTL and a slack for the reload
 * @param staleIfError what a failing store may add: the stale-if-error window
 * @param timeout the longest a lookup may take, besides an injected store delay
 * @param recovery how long after a fault's end a node may still not hear: its channel's next
 *     reconnect (at most a second apart) and, after a Redis fault, its circuit's open time (1 s
 *     for the checker's nodes) before the subscription may reconnect; and how long after a node
 *     that owes an invalidation reaches Redis again it has paid it and told the others (its next
 *     read, or its watchdog's next tick, every 2 s)
 */
record Bounds(long apiEpsilon, long notification, long lost, long staleIfError, long timeout,
    long recovery) {

  /**
   * The heap TTL (and negative-cache TTL) of the checker's nodes, in seconds: long against the
   * other delays, so that an entry kept for the heap TTL where a sooner bound applies stands out.
   */
  static final int HEAP_TTL_SECONDS = 5;
  /** The circuit's open time of the checker's nodes, in seconds. */
  static final int CIRCUIT_SECONDS = 1;
  /** The stale-if-error window of the checker's nodes, in seconds. */
  static final int STALE_IF_ERROR_SECONDS = 1;

  static Bounds fromSystemProperties() {
    return new Bounds(
        Long.getLong("checker.apiEpsilon", 500),
        Long.getLong("checker.notify", 1_000),
        Long.getLong("checker.lost", HEAP_TTL_SECONDS * 1000L + 1_500),
        Long.getLong("checker.staleIfError", STALE_IF_ERROR_SECONDS * 1000L),
        Long.getLong("checker.timeout", 2_000),
        Long.getLong("checker.recovery", 3_000));
  }

  @Override
  public String toString() {
    return "API path " + apiEpsilon + " ms after the call returned; SQL with LISTEN " + notification
        + " ms after the commit; lost message " + lost + " ms after the commit (heap TTL "
        + HEAP_TTL_SECONDS + " s + slack); a failing store may add " + staleIfError
        + " ms (stale-if-error); a lookup ends within " + timeout + " ms + the injected store delay";
  }
}
