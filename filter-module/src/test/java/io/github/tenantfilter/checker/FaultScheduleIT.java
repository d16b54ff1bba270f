// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The randomized fault-schedule checker: seeded schedules of writes, invalidations and faults
 * ({@link Schedule}) run against three real nodes sharing a real Redis and PostgreSQL ({@link
 * ScheduleRun}) while lookups run on every node; the history is then checked against the
 * promised bounds ({@link HistoryChecker}, {@link Bounds}). The test fails on any violation and
 * prints the seed, the violations with the host's answers, and the schedule.
 *
 * <p>{@code mvn verify} runs the fixed seeds below (together every fault kind). Soak, and
 * replay:
 *
 * <pre>
 * mvn -pl filter-module -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=FaultScheduleIT -Dchecker.seeds=1-500          # a range or a list: 7,11,13
 * ... -Dchecker.duration=PT2H                                  # seeds from 1000 on, for 2 hours
 * ... -Dchecker.seeds=42 -Dchecker.shrink=true                 # replay one, and shrink it
 * ... -Dchecker.keepGoing=true                                 # every seed, even after a failure
 * </pre>
 *
 * The report is written to {@code target/checker-report.md}.
 */
class FaultScheduleIT {

  /** Together they inject every fault kind (checked below); about 40 s each. */
  private static final List<Long> SEEDS = List.of(1L, 2L, 3L);
  private static final long SCHEDULE_MILLIS = Long.getLong("checker.millis", 20_000);

  /**
   * The circuit's open time, 1 s instead of 60: Fault Tolerance reads it through MicroProfile
   * Config when each node's container starts, process-wide (a node's own settings are not a
   * config source of its Fault Tolerance), as an operator's system property would be.
   */
  @org.junit.jupiter.api.BeforeAll
  static void shortCircuit() {
    System.setProperty("tenant-filter.redis.circuit.timeout",
        Integer.toString(Bounds.CIRCUIT_SECONDS));
  }

  @org.junit.jupiter.api.AfterAll
  static void restoreCircuit() {
    System.clearProperty("tenant-filter.redis.circuit.timeout");
  }

  @Test
  void schedules_everyLookupWithinItsBound_noWrongTenant_no500_noHang() throws Exception {
    Bounds bounds = Bounds.fromSystemProperties();
    List<Long> seeds = seeds();
    Duration duration = Duration.parse(System.getProperty("checker.duration", "PT0S"));
    long deadline = System.nanoTime() + duration.toNanos();
    Report report = new Report(bounds);
    long seed = seeds.isEmpty() ? 1000 : 0;
    List<Long> failures = new ArrayList<>();
    for (int i = 0; i < seeds.size() || System.nanoTime() < deadline; i++) {
      Schedule schedule =
          Schedule.generate(i < seeds.size() ? seeds.get(i) : seed++, ScheduleRun.NODES,
              SCHEDULE_MILLIS);
      HistoryChecker.Result result = run(schedule, bounds);
      report.add(schedule, result);
      if (!result.violations().isEmpty()) {
        String failure = describe(schedule, result, bounds);
        if (Boolean.getBoolean("checker.keepGoing")) {
          System.out.println(failure); // every seed, then fail (to survey a broken engine)
          failures.add(schedule.seed());
          continue;
        }
        if (Boolean.getBoolean("checker.shrink")) {
          failure += "\n" + shrink(schedule, bounds, result.violations().get(0).kind());
        }
        report.write();
        throw new AssertionError(failure);
      }
    }
    report.write();
    assertThat(failures).as("seeds with violations").isEmpty();
    if (seeds.equals(SEEDS)) {
      assertThat(report.faults.keySet()).as("fault kinds the fixed seeds inject")
          .containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Step.Kind.class));
    }
  }

  private static List<Long> seeds() {
    String text = System.getProperty("checker.seeds");
    if (text == null) {
      return Boolean.getBoolean("checker.soak") || System.getProperty("checker.duration") != null
          ? List.of() : SEEDS;
    }
    List<Long> seeds = new ArrayList<>();
    for (String part : text.split(",")) {
      String[] range = part.trim().split("-");
      long from = Long.parseLong(range[0]);
      long to = range.length > 1 ? Long.parseLong(range[1]) : from;
      for (long s = from; s <= to; s++) {
        seeds.add(s);
      }
    }
    return seeds;
  }

  private static HistoryChecker.Result run(Schedule schedule, Bounds bounds) throws Exception {
    try (ScheduleRun run = new ScheduleRun(schedule)) {
      // quiet after the last step, longer than the longest bound: a record still stale then,
      // in either tier, is caught however many writes came before
      History history = run.run(bounds.lost() + 2_000);
      return HistoryChecker.check(history, bounds);
    }
  }

  private static String describe(Schedule schedule, HistoryChecker.Result result, Bounds bounds) {
    StringBuilder text = new StringBuilder("fault-schedule checker: ")
        .append(result.violations().size()).append(" violation(s) in seed ")
        .append(schedule.seed()).append(" (bounds: ").append(bounds).append(")\n");
    Map<HistoryChecker.Kind, Long> kinds = new EnumMap<>(HistoryChecker.Kind.class);
    result.violations().forEach(v -> kinds.merge(v.kind(), 1L, Long::sum));
    text.append("by kind: ").append(kinds).append('\n');
    // grouped: one line per kind, node, host and answer, with the first one's detail; the worst
    // kinds first (a wrong tenant before a stale record before a 500...)
    Map<String, List<HistoryChecker.Violation>> groups = new LinkedHashMap<>();
    result.violations().stream()
        .sorted(Comparator.comparing(HistoryChecker.Violation::kind).thenComparingLong(
            v -> v.lookup() == null ? 0 : v.lookup().start()))
        .forEach(v -> groups.computeIfAbsent(v.kind() + (v.lookup() == null ? ""
            : " node " + v.lookup().node() + " " + v.lookup().host() + " got '"
                + v.lookup().answer() + "'"), k -> new ArrayList<>()).add(v));
    long zero = result.zero();
    groups.entrySet().stream().limit(20).forEach(group -> {
      List<HistoryChecker.Violation> list = group.getValue();
      HistoryChecker.Violation first = list.get(0);
      text.append("- ").append(group.getKey()).append(": ").append(list.size())
          .append(" lookup(s)");
      if (first.lookup() != null) {
        text.append(" starting ").append(TimeUnit.NANOSECONDS.toMillis(first.lookup().start() - zero))
            .append("..").append(TimeUnit.NANOSECONDS.toMillis(
                list.get(list.size() - 1).lookup().start() - zero)).append(" ms");
      }
      text.append("; first: ").append(first.detail()).append('\n');
    });
    text.append(schedule);
    text.append("replay: mvn -pl filter-module -am verify -Dtest=none")
        .append(" -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultScheduleIT")
        .append(" -Dchecker.seeds=").append(schedule.seed())
        .append(" [-Dchecker.shrink=true]\n");
    return text.toString();
  }

  /**
   * Delta debugging over the steps: removes chunks of them as long as a violation of the same
   * kind remains, within {@code checker.shrinkRuns} runs (default 30).
   */
  private static String shrink(Schedule schedule, Bounds bounds, HistoryChecker.Kind kind)
      throws Exception {
    List<Step> steps = new ArrayList<>(schedule.steps());
    int runs = Integer.getInteger("checker.shrinkRuns", 30);
    int chunks = 2;
    while (steps.size() > 1 && runs > 0) {
      int size = (int) Math.ceil(steps.size() / (double) chunks);
      boolean removed = false;
      for (int start = 0; start < steps.size() && runs > 0; start += size) {
        List<Step> candidate = new ArrayList<>(steps);
        candidate.subList(start, Math.min(start + size, candidate.size())).clear();
        runs--;
        boolean fails = run(schedule.with(candidate), bounds).violations().stream()
            .anyMatch(v -> v.kind() == kind);
        if (fails) {
          steps = candidate;
          chunks = Math.max(chunks - 1, 2);
          removed = true;
          break;
        }
      }
      if (!removed) {
        if (size == 1) {
          break;
        }
        chunks = Math.min(chunks * 2, steps.size());
      }
    }
    return "shrunk to " + steps.size() + " step(s) still showing " + kind + ":\n"
        + schedule.with(steps);
  }

  /** What the runs did, for target/checker-report.md. */
  private static final class Report {
    private final Bounds bounds;
    final Map<Step.Kind, Integer> faults = new EnumMap<>(Step.Kind.class);
    private int schedules;
    private long writes;
    private long lookups;
    private long checked;
    private long violations;
    private final Map<String, Long> worst = new TreeMap<>();
    private final long started = System.nanoTime();
    private final List<String> lines = new ArrayList<>();

    Report(Bounds bounds) {
      this.bounds = bounds;
    }

    void add(Schedule schedule, HistoryChecker.Result result) {
      schedules++;
      Set<Step.Kind> kinds = EnumSet.noneOf(Step.Kind.class);
      for (Step step : schedule.steps()) {
        if (step instanceof Step.Fault fault) {
          faults.merge(fault.kind(), 1, Integer::sum);
          kinds.add(fault.kind());
        } else {
          writes++;
        }
      }
      lookups += result.lookups();
      checked += result.checked();
      violations += result.violations().size();
      result.worstStaleness().forEach((path, millis) -> worst.merge(path, millis, Math::max));
      String line = String.format("seed %d (%s): %d steps, %d lookups checked, %d violations,"
              + " worst staleness %s", schedule.seed(), schedule.listen() ? "LISTEN" : "no LISTEN",
          schedule.steps().size(), result.checked(), result.violations().size(),
          result.worstStaleness());
      lines.add(line);
      System.out.println("CHECKER " + line);
    }

    void write() throws Exception {
      StringBuilder text = new StringBuilder("# Fault-schedule checker\n\n")
          .append("Bounds: ").append(bounds).append(".\n\n")
          .append(String.format("%d schedules in %d s: %d writes, %d faults %s, %d lookups"
                  + " (%d checked), %d violations. Worst staleness seen, per path (ms after the"
                  + " path's reference point): %s.%n%n", schedules,
              TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), writes,
              faults.values().stream().mapToInt(Integer::intValue).sum(), faults, lookups,
              checked, violations, worst));
      lines.forEach(line -> text.append("- ").append(line).append('\n'));
      Path file = Path.of("target", "checker-report.md");
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      System.out.println(text);
    }
  }
}
