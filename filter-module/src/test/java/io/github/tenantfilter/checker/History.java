// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.checker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What happened in one run of a schedule, every time from {@link System#nanoTime()} of the one
 * JVM all nodes run in. Lookups are added from several threads; writes and faults from the
 * schedule's.
 */
final class History {

  /**
   * One request through a node's filter.
   *
   * @param answer {@code 200 <id> <name>}, or the status ({@code 500 ...} with the exception)
   */
  record Lookup(int node, String host, long start, long end, String answer) {}

  /**
   * A committed write and its announcement.
   *
   * @param after the tables once it committed
   * @param announcer the node that announced it through the API (-1: none)
   * @param announced when the announcement returned ({@code end} when there is none)
   * @param announceFailed whether an API call of the announcement threw
   */
  record Committed(Step.Change step, long start, long end, Model after, int announcer,
      long announced, boolean announceFailed) {}

  /** A fault, from when it was injected to when it was over (the node -1: every node). */
  record Fault(Step.Kind kind, int node, String mode, long start, long end) {}

  final Model initial;
  /** When the schedule started: times in reports are from here. */
  volatile long zero = System.nanoTime();
  final List<Lookup> lookups = Collections.synchronizedList(new ArrayList<>());
  final List<Committed> writes = Collections.synchronizedList(new ArrayList<>());
  final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
  /** Lookups that never returned (the thread's stack), found when the run ended. */
  final List<String> hangs = Collections.synchronizedList(new ArrayList<>());

  History(Model initial) {
    this.initial = initial;
  }
}
