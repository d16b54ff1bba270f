// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The checker on histories made by hand: the ones that keep every bound pass, and each kind of
 * violation is found. Times in milliseconds from an arbitrary zero.
 */
class HistoryCheckerTest {

  private static final Bounds BOUNDS = new Bounds(50, 100, 3_000, 1_000, 2_000, 500);
  private static final String HOST = "s0.app.example";

  private final History history = new History(Schedule.initialModel());

  private static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }

  /** t0 renamed at [100, 110], announced through the API, the call returning at 120. */
  private void renameAt100(Step.Announce announce, boolean failed) {
    Write write = new Write(Write.Kind.RENAME, "t0", "t0@1");
    history.writes.add(new History.Committed(new Step.Change(100, write, announce, 0), ms(100),
        ms(110), history.initial.apply(write), announce == Step.Announce.NONE ? -1 : 0, ms(120),
        failed));
  }

  private void lookup(long start, long end, String answer) {
    history.lookups.add(new History.Lookup(0, HOST, ms(start), ms(end), answer));
  }

  private List<HistoryChecker.Kind> violations() {
    return HistoryChecker.check(history, BOUNDS).violations().stream()
        .map(HistoryChecker.Violation::kind).toList();
  }

  @Test
  void check_answersWithinTheirBounds_pass() {
    renameAt100(Step.Announce.API, false);
    lookup(0, 1, "200 t0 t0@0");
    lookup(150, 151, "200 t0 t0@1");
    history.lookups.add(new History.Lookup(1, HOST, ms(160), ms(161), "200 t0 t0@0")); // within ε
    lookup(105, 106, "200 t0 t0@1"); // during the commit: the new one is fine too
    assertThat(violations()).isEmpty();
    assertThat(HistoryChecker.check(history, BOUNDS).worstStaleness()).containsEntry("api", 40L);
  }

  @Test
  void check_theAnnouncingNode_oldAnswerAfterTheCallReturned_isStale() {
    renameAt100(Step.Announce.API, false);
    lookup(119, 125, "200 t0 t0@0"); // began before the call returned
    assertThat(violations()).isEmpty();
    lookup(121, 122, "200 t0 t0@0"); // node 0 announced: no ε for it
    assertThat(violations()).containsExactly(HistoryChecker.Kind.STALE);
  }

  @Test
  void check_oldAnswerPastTheApiBound_isStale() {
    renameAt100(Step.Announce.API, false);
    history.lookups.add(new History.Lookup(1, HOST, ms(171), ms(172), "200 t0 t0@0")); // 51 ms
    assertThat(violations()).containsExactly(HistoryChecker.Kind.STALE);
  }

  @Test
  void check_sqlOnly_oldAnswerWithinNotifyBoundPassesAfterItIsStale() {
    renameAt100(Step.Announce.NONE, false);
    lookup(200, 201, "200 t0 t0@0"); // 90 ms after the commit
    assertThat(violations()).isEmpty();
    lookup(211, 212, "200 t0 t0@0"); // 101 ms
    assertThat(violations()).containsExactly(HistoryChecker.Kind.STALE);
  }

  @Test
  void check_faultDuringTheAnnouncement_boundIsTheLostMessageOne() {
    renameAt100(Step.Announce.API, false);
    history.faults.add(new History.Fault(Step.Kind.PUBSUB_CUT, -1, null, ms(90), ms(1_090)));
    lookup(3_000, 3_001, "200 t0 t0@0"); // within 3 s of the commit
    assertThat(violations()).isEmpty();
    lookup(3_200, 3_201, "200 t0 t0@0");
    assertThat(violations()).containsExactly(HistoryChecker.Kind.STALE);
  }

  @Test
  void check_faultThatEndedJustBeforeTheWrite_stillCountsWhileNodesRecover() {
    history.faults.add(new History.Fault(Step.Kind.DB_PARTITION, 0, "refuse", ms(-1_000), ms(-200)));
    renameAt100(Step.Announce.NONE, false);
    lookup(2_000, 2_001, "200 t0 t0@0"); // the fault ended 300 ms before the write: recovering
    assertThat(violations()).isEmpty();
  }

  @Test
  void check_faultLongOver_isNoExcuse() {
    history.faults.add(new History.Fault(Step.Kind.PUBSUB_CUT, -1, null, ms(-5_000), ms(-4_000)));
    renameAt100(Step.Announce.NONE, false);
    lookup(2_000, 2_001, "200 t0 t0@0");
    assertThat(violations()).containsExactly(HistoryChecker.Kind.STALE);
  }

  @Test
  void check_announcementThatThrew_boundIsTheLostMessageOne() {
    renameAt100(Step.Announce.API, true);
    lookup(2_000, 2_001, "200 t0 t0@0");
    assertThat(violations()).isEmpty();
  }

  @Test
  void check_announcerCutOffFromRedis_boundRunsFromWhenItReachesRedisAgain() {
    renameAt100(Step.Announce.API, false);
    history.faults.add(
        new History.Fault(Step.Kind.REDIS_PARTITION, 0, "refuse", ms(50), ms(10_000)));
    lookup(10_400, 10_401, "200 t0 t0@0"); // the partition ended at 10 s: paid within 0.5 s
    assertThat(violations()).isEmpty();
    lookup(10_600, 10_601, "200 t0 t0@0");
    assertThat(violations()).containsExactly(HistoryChecker.Kind.STALE);
  }

  @Test
  void check_anotherNodeCutOffFromRedis_isJustALostMessage() {
    renameAt100(Step.Announce.API, false);
    history.faults.add(
        new History.Fault(Step.Kind.REDIS_PARTITION, 1, "refuse", ms(50), ms(10_000)));
    lookup(3_200, 3_201, "200 t0 t0@0");
    assertThat(violations()).containsExactly(HistoryChecker.Kind.STALE);
  }

  @Test
  void check_tenantThatNeverOwnedTheHost_isWrongTenant() {
    lookup(0, 1, "200 t1 t1@0");
    assertThat(violations()).containsExactly(HistoryChecker.Kind.WRONG_TENANT);
  }

  @Test
  void check_recordNoStateHad_isWrongRecord() {
    lookup(0, 1, "200 t0 t0@7");
    assertThat(violations()).containsExactly(HistoryChecker.Kind.WRONG_RECORD);
  }

  @Test
  void check_answerOfAWriteNotYetStarted_isFuture() {
    renameAt100(Step.Announce.API, false);
    lookup(50, 60, "200 t0 t0@1");
    assertThat(violations()).containsExactly(HistoryChecker.Kind.FUTURE);
  }

  @Test
  void check_500_isServerError_andA503WithoutStoreFault_isUnexpected() {
    lookup(0, 1, "500 java.lang.IllegalStateException");
    lookup(2, 3, "503");
    assertThat(violations()).containsExactly(HistoryChecker.Kind.SERVER_ERROR,
        HistoryChecker.Kind.UNEXPECTED_503);
  }

  @Test
  void check_503WhileTheNodesStoreFails_isFine_andStaleWithinTheWindowToo() {
    renameAt100(Step.Announce.API, false);
    history.faults.add(new History.Fault(Step.Kind.STORE_FAIL, 0, "fail", ms(150), ms(5_000)));
    lookup(200, 201, "503");
    lookup(1_100, 1_101, "200 t0 t0@0"); // what it had at 150, less the 1 s window: valid then
    assertThat(violations()).isEmpty();
  }

  @Test
  void check_storeFaultOnAnotherNode_excusesNothing() {
    history.faults.add(new History.Fault(Step.Kind.STORE_FAIL, 1, "fail", ms(0), ms(5_000)));
    lookup(200, 201, "503");
    assertThat(violations()).containsExactly(HistoryChecker.Kind.UNEXPECTED_503);
  }

  @Test
  void check_slowLookup_andHang_areFound() {
    lookup(0, 2_500, "200 t0 t0@0");
    history.hangs.add("checker-lookups-0 still in a lookup after 30 s");
    assertThat(violations()).containsExactlyInAnyOrder(HistoryChecker.Kind.SLOW,
        HistoryChecker.Kind.HANG);
  }

  @Test
  void check_injectedStoreDelay_isAllowedOnTopOfTheTimeout() {
    history.faults.add(new History.Fault(Step.Kind.STORE_SLOW, 0, "slow:300", ms(0), ms(5_000)));
    lookup(0, 2_500, "200 t0 t0@0");
    assertThat(violations()).isEmpty();
  }

  @Test
  void check_lookupOnANodeBeingRestarted_isNotCounted() {
    history.faults.add(new History.Fault(Step.Kind.RESTART, 0, null, ms(0), ms(1_000)));
    lookup(10, 20, "500 closed");
    assertThat(violations()).isEmpty();
    assertThat(HistoryChecker.check(history, BOUNDS).checked()).isZero();
  }

  @Test
  void generate_sameSeed_sameSchedule_andEveryWriteFitsItsState() {
    Schedule a = Schedule.generate(42, 3, 20_000);
    assertThat(Schedule.generate(42, 3, 20_000).steps()).isEqualTo(a.steps());
    Model model = a.initial();
    for (Step step : a.steps()) {
      if (step instanceof Step.Change change) {
        assertThat(model.allows(change.write())).as(change.toString()).isTrue();
        model = model.apply(change.write());
      }
    }
  }
}
