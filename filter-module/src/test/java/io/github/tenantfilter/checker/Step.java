// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.checker;

/** One step of a schedule, at {@code at} milliseconds from its start. */
sealed interface Step permits Step.Change, Step.Fault {

  long at();

  /** How a write is announced: not at all (LISTEN/NOTIFY must carry it), or through the API. */
  enum Announce { NONE, API, ALL }

  /**
   * A write, committed by plain JDBC, then announced.
   *
   * @param node the node whose {@code TenantCache} announces it (API, ALL)
   */
  record Change(long at, Write write, Announce announce, int node) implements Step {
    @Override
    public String toString() {
      return at + "ms " + write + (announce == Announce.NONE ? " (SQL only)"
          : announce == Announce.API ? " then invalidateTenantCache on node " + node
          : " then invalidateAll on node " + node);
    }
  }

  /** The faults a schedule injects. */
  enum Kind {
    /** Redis killed, restarted (empty) after {@code millis}. */
    REDIS_KILL,
    /** Redis hung for {@code millis} ({@code DEBUG SLEEP}); long ones open the circuits. */
    REDIS_HANG,
    /** Every pub/sub connection cut ({@code CLIENT KILL TYPE pubsub}). */
    PUBSUB_CUT,
    /** Every database connection of the nodes cut (LISTEN included); they reconnect at once. */
    DB_CUT,
    /**
     * One node (or every node: -1) cut off from Redis for {@code millis}, Redis keeping its data:
     * {@code mode} refuse (connections closed) or blackhole (replies swallowed: a dead network
     * the node notices only by its timeouts and watchdog).
     */
    REDIS_PARTITION,
    /** One node (or every node) cut off from PostgreSQL for {@code millis}: loads and LISTEN. */
    DB_PARTITION,
    /** One node's store loads slow ({@code mode} slow:ms) for {@code millis}. */
    STORE_SLOW,
    /** One node's store loads fail (TenantStoreException or a RuntimeException). */
    STORE_FAIL,
    /** One node's store loads throw an Error (NoClassDefFoundError). */
    STORE_ERROR,
    /** One node stopped and started again, its heap empty. */
    RESTART
  }

  /** A fault. */
  record Fault(long at, Kind kind, int node, long millis, String mode) implements Step {
    @Override
    public String toString() {
      return at + "ms " + kind + switch (kind) {
        case REDIS_KILL, REDIS_HANG -> " " + millis + "ms";
        case PUBSUB_CUT, DB_CUT -> "";
        case REDIS_PARTITION, DB_PARTITION -> (node < 0 ? " every node" : " node " + node) + " "
            + mode + " " + millis + "ms";
        case STORE_SLOW, STORE_FAIL, STORE_ERROR -> " node " + node + " " + mode + " " + millis + "ms";
        case RESTART -> " node " + node;
      };
    }
  }
}
