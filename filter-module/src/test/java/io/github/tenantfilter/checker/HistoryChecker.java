// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.checker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Checks a {@link History} against the {@link Bounds}: a pure function, so that it can be tested
 * on histories made by hand ({@code HistoryCheckerTest}).
 *
 * <p>Per host, the database's answers form a timeline of states. A write that changes the answer
 * has a deadline: after it, no lookup that starts may return the answer before the write. A
 * lookup (start s, end e, answer r) is valid if some state answered r, was committed by e (its
 * write had started), and was not yet past its deadline at s. While the node's store fails (and
 * for a lookup that overlaps that), s counts as the fault's start less the stale-if-error window:
 * a failing store is answered with what the node had.
 */
final class HistoryChecker {

  private HistoryChecker() {}

  /** What went wrong. */
  enum Kind {
    /** A record of a tenant that never owned the host. */
    WRONG_TENANT,
    /** A record of the right tenant that no state ever had. */
    WRONG_RECORD,
    /** An answer past its deadline. */
    STALE,
    /** An answer of a write that had not started when the lookup ended. */
    FUTURE,
    /** An exception out of the filter (a 500). */
    SERVER_ERROR,
    /** A 503 with no store or database fault to explain it. */
    UNEXPECTED_503,
    /** A lookup slower than the timeout bound. */
    SLOW,
    /** A lookup that never returned. */
    HANG
  }

  /** One violation: the lookup, and what it should have been. */
  record Violation(Kind kind, History.Lookup lookup, String detail) {}

  /**
   * What a history shows.
   *
   * @param worstStaleness per path (api, sql, lost), the longest time after the path's reference
   *     point (the API call's return, the commit) at which a lookup began and still got the
   *     previous answer, in ms: how close the nodes came to each bound
   */
  record Result(List<Violation> violations, long lookups, long checked,
      Map<String, Long> worstStaleness, long zero) {}

  /** A host's answer between two writes. */
  private record State(String answer, long committedFrom, long deadline, long reference,
      String path, String cause, int announcer, long announcerDeadline) {

    /** The deadline for a lookup on {@code node}: the announcing node's own is sooner. */
    long deadline(int node) {
      return node == announcer ? Math.min(deadline, announcerDeadline) : deadline;
    }
  }

  static synchronized Result check(History history, Bounds bounds) {
    zero = history.zero;
    List<History.Committed> writes = new ArrayList<>(history.writes);
    writes.sort(Comparator.comparingLong(History.Committed::start));
    List<History.Fault> faults = List.copyOf(history.faults);
    Map<String, List<State>> timelines = new TreeMap<>();
    List<Violation> violations = new ArrayList<>();
    Map<String, Long> worst = new TreeMap<>();
    long checked = 0;
    for (String hang : history.hangs) {
      violations.add(new Violation(Kind.HANG, null, hang));
    }
    for (History.Lookup lookup : List.copyOf(history.lookups)) {
      if (during(faults, lookup, Step.Kind.RESTART, 0)) {
        continue; // its node was being stopped under it: not a request a live node served
      }
      checked++;
      List<State> states =
          timelines.computeIfAbsent(lookup.host(), host -> timeline(history, writes, faults, host, bounds));
      long millis = TimeUnit.NANOSECONDS.toMillis(lookup.end() - lookup.start());
      long allowed = bounds.timeout() + storeDelay(faults, lookup);
      if (millis > allowed) {
        violations.add(new Violation(Kind.SLOW, lookup, millis + " ms > " + allowed + " ms"));
      }
      String answer = lookup.answer();
      if (answer.startsWith("500")) {
        violations.add(new Violation(Kind.SERVER_ERROR, lookup, answer));
        continue;
      }
      boolean storeFailing = storeFailing(faults, lookup);
      if (answer.equals("503")) {
        if (!storeFailing) {
          violations.add(new Violation(Kind.UNEXPECTED_503, lookup, "no store fault on node "
              + lookup.node()));
        }
        continue;
      }
      long start = lookup.start();
      if (storeFailing) {
        start = Math.min(start, failureStart(faults, lookup))
            - TimeUnit.MILLISECONDS.toNanos(bounds.staleIfError());
      }
      State best = null;
      boolean seen = false;
      boolean committed = false;
      int node = lookup.node();
      for (State state : states) {
        if (!state.answer.equals(answer)) {
          continue;
        }
        seen = true;
        if (state.committedFrom <= lookup.end()) {
          committed = true;
          if (best == null || state.deadline(node) > best.deadline(node)) {
            best = state;
          }
        }
      }
      if (best != null && best.deadline(node) >= start) {
        if (best.path != null && lookup.start() > best.reference) {
          worst.merge(best.path, TimeUnit.NANOSECONDS.toMillis(lookup.start() - best.reference),
              Math::max);
        }
        continue;
      }
      if (!seen) {
        String tenant = answer.startsWith("200 ") ? answer.split(" ")[1] : null;
        boolean everOwned = tenant != null && states.stream().anyMatch(
            state -> state.answer.startsWith("200 " + tenant + " ") || owned(history, writes,
                lookup.host(), tenant));
        violations.add(new Violation(everOwned ? Kind.WRONG_RECORD : Kind.WRONG_TENANT, lookup,
            "answers of this host: " + answers(states)));
      } else if (!committed) {
        violations.add(new Violation(Kind.FUTURE, lookup, "not yet written when it ended; "
            + answers(states)));
      } else {
        violations.add(new Violation(Kind.STALE, lookup, String.format(
            "%s path%s: began %d ms past the deadline; answers of this host: %s", best.path,
            node == best.announcer ? " (the announcing node)" : "",
            TimeUnit.NANOSECONDS.toMillis(start - best.deadline(node)), answers(states))));
      }
    }
    return new Result(violations, history.lookups.size(), checked, worst, history.zero);
  }

  private static boolean owned(History history, List<History.Committed> writes, String host,
      String tenant) {
    if (tenant.equals(history.initial.owner(host))) {
      return true;
    }
    return writes.stream().anyMatch(write -> tenant.equals(write.after().owner(host)));
  }

  private static long zero;

  private static String answers(List<State> states) {
    StringBuilder text = new StringBuilder();
    for (State state : states) {
      text.append('[').append(state.answer).append(" until ")
          .append(state.deadline == Long.MAX_VALUE ? "now" : state.path + " deadline "
              + TimeUnit.NANOSECONDS.toMillis(state.deadline - zero) + " ms of " + state.cause)
          .append(']');
    }
    return text.toString();
  }

  /** The states of {@code host}, each with the deadline of the write that ended it. */
  private static List<State> timeline(History history, List<History.Committed> writes,
      List<History.Fault> faults, String host, Bounds bounds) {
    List<State> states = new ArrayList<>();
    String answer = history.initial.answer(host);
    long from = Long.MIN_VALUE;
    for (History.Committed write : writes) {
      String next = write.after().answer(host);
      if (next.equals(answer)) {
        continue;
      }
      boolean sqlOnly = write.step().announce() == Step.Announce.NONE;
      long reference = sqlOnly ? write.end() : write.announced();
      long deadline = reference + TimeUnit.MILLISECONDS.toNanos(
          sqlOnly ? bounds.notification() : bounds.apiEpsilon());
      // the node that announced it: at once once the call returned (0 + no ε)
      long announcerDeadline = sqlOnly ? deadline : write.announced();
      String path = sqlOnly ? "sql" : "api";
      if (write.announceFailed()
          || messageLost(faults, write.start(), deadline, bounds.recovery())) {
        reference = write.end();
        deadline = Math.max(deadline, reference + TimeUnit.MILLISECONDS.toNanos(bounds.lost()));
        announcerDeadline = deadline;
        path = "lost";
      }
      long cutOff = cutOffFromRedis(faults, write);
      if (cutOff > write.end()) {
        // the announcing node could not reach Redis: it owes the invalidation, and pays it (and
        // tells the others) before it reads Redis again, and within a tick of its watchdog
        reference = cutOff;
        deadline = Math.max(deadline, cutOff + TimeUnit.MILLISECONDS.toNanos(bounds.recovery()));
        announcerDeadline = deadline;
        path = "owed";
      }
      states.add(new State(answer, from, deadline, reference, path, write.step().toString(),
          write.announcer(), announcerDeadline));
      answer = next;
      from = write.start();
    }
    states.add(new State(answer, from, Long.MAX_VALUE, Long.MAX_VALUE, null, null, -1,
        Long.MAX_VALUE));
    return states;
  }

  /**
   * When the node that announced {@code write} could reach Redis again, if a partition between
   * them overlapped the announcement; else {@link Long#MIN_VALUE}.
   */
  private static long cutOffFromRedis(List<History.Fault> faults, History.Committed write) {
    long end = Long.MIN_VALUE;
    for (History.Fault fault : faults) {
      if (fault.kind() == Step.Kind.REDIS_PARTITION && write.announcer() >= 0
          && (fault.node() < 0 || fault.node() == write.announcer())
          && fault.start() <= write.announced() && fault.end() >= write.start()) {
        end = Math.max(end, fault.end());
      }
    }
    return end;
  }

  /**
   * Whether a fault that can lose or delay a message overlapped {@code [from, to]}, counting the
   * {@code recovery} after it in which a node may still not hear.
   */
  private static boolean messageLost(List<History.Fault> faults, long from, long to,
      long recovery) {
    for (History.Fault fault : faults) {
      boolean losing = switch (fault.kind()) {
        case REDIS_KILL, REDIS_HANG, PUBSUB_CUT, DB_CUT, REDIS_PARTITION, DB_PARTITION -> true;
        default -> false;
      };
      if (losing && fault.start() <= to
          && fault.end() + TimeUnit.MILLISECONDS.toNanos(recovery) >= from) {
        return true;
      }
    }
    return false;
  }

  private static boolean during(List<History.Fault> faults, History.Lookup lookup, Step.Kind kind,
      long slackMillis) {
    long slack = TimeUnit.MILLISECONDS.toNanos(slackMillis);
    for (History.Fault fault : faults) {
      if (fault.kind() == kind && (fault.node() == lookup.node() || fault.node() < 0)
          && fault.start() <= lookup.end() && fault.end() + slack >= lookup.start()) {
        return true;
      }
    }
    return false;
  }

  /** Whether the lookup's node could not load from its store at some time during it. */
  private static boolean storeFailing(List<History.Fault> faults, History.Lookup lookup) {
    return during(faults, lookup, Step.Kind.STORE_FAIL, 0)
        || during(faults, lookup, Step.Kind.STORE_ERROR, 0)
        || during(faults, lookup, Step.Kind.DB_CUT, 0)
        || during(faults, lookup, Step.Kind.DB_PARTITION, 0);
  }

  private static long failureStart(List<History.Fault> faults, History.Lookup lookup) {
    long start = Long.MAX_VALUE;
    for (History.Fault fault : faults) {
      boolean failing = fault.kind() == Step.Kind.STORE_FAIL
          || fault.kind() == Step.Kind.STORE_ERROR || fault.kind() == Step.Kind.DB_CUT
          || fault.kind() == Step.Kind.DB_PARTITION;
      if (failing && (fault.node() == lookup.node() || fault.node() < 0)
          && fault.start() <= lookup.end() && fault.end() >= lookup.start()) {
        start = Math.min(start, fault.start());
      }
    }
    return start;
  }

  /** The injected store delay a lookup may have waited for, in ms. */
  private static long storeDelay(List<History.Fault> faults, History.Lookup lookup) {
    long delay = 0;
    for (History.Fault fault : faults) {
      if (fault.kind() == Step.Kind.STORE_SLOW && fault.node() == lookup.node()
          && fault.start() <= lookup.end() && fault.end() >= lookup.start()) {
        delay = Math.max(delay, Long.parseLong(fault.mode().substring(5)));
      }
    }
    return 2 * delay; // a load may wait for another one's before its own
  }
}
