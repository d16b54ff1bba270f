// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The coherence engine on its own: what the tenant cache and every region rely on. */
class CoherenceTest {

  private final FakeSharedTier tier = new FakeSharedTier();
  /** What the heap tier was told, in order: a key dropped, or {@code *} for everything. */
  private final List<String> dropped = new CopyOnWriteArrayList<>();
  private final TierCounters counters = new TierCounters();
  private final Coherence coherence = new Coherence("test cache", new Coherence.Local() {
    @Override
    public void drop(String key) {
      dropped.add(key);
    }

    @Override
    public void dropAll() {
      dropped.add("*");
    }
  }, tier, new RemoteHealth("fake", "the test cache", "nothing"), counters, 3);

  @Test
  void invalidate_remoteTakesIt_heapDroppedBeforeAndAfter_othersTold_generationMovedTwice() {
    long before = coherence.generation();

    assertThat(coherence.invalidate("k", true)).isTrue();

    assertThat(dropped).containsExactly("k", "k");
    assertThat(coherence.generation()).isEqualTo(before + 2);
    assertThat(tier.invalidations).hasValue(1);
    assertThat(tier.published).containsExactly("k");
    assertThat(coherence.owes()).isFalse();
  }

  @Test
  void invalidate_remoteDown_owesIt_andStillDropsTheHeapTwice() {
    tier.down = true;

    assertThat(coherence.invalidate("k", true)).isFalse();

    assertThat(dropped).containsExactly("k", "k");
    assertThat(coherence.owes()).isTrue();
    assertThat(coherence.debts().keys()).containsOnlyKeys("k");
    assertThat(counters.redisErrors.sum()).isEqualTo(2); // the invalidation and the publish
  }

  @Test
  void putIfCurrent_generationMovedBeforeThePut_putsNothing() {
    long start = coherence.generation();
    coherence.drop("other"); // an invalidation between the load's start and its put
    List<String> puts = new CopyOnWriteArrayList<>();

    coherence.putIfCurrent(start, () -> puts.add("put"), () -> puts.add("undo"));

    assertThat(puts).isEmpty();
  }

  @Test
  void putIfCurrent_generationMovesDuringThePut_undoesIt() {
    long start = coherence.generation();
    List<String> puts = new CopyOnWriteArrayList<>();

    coherence.putIfCurrent(start, () -> {
      puts.add("put");
      coherence.drop("k"); // slipped in between the check and the put
    }, () -> puts.add("undo"));

    assertThat(puts).containsExactly("put", "undo");
  }

  @Test
  void readShared_debtOwed_isPaidFirst_thenTheTierIsRead_withTheGenerationAfterThePayment() {
    tier.down = true;
    coherence.invalidate("k", false);
    tier.down = false;
    tier.values.put("k", "old");
    long beforePaying = coherence.generation();

    Coherence.SharedRead read = coherence.readShared(tier, "k", tier, 10);

    assertThat(coherence.owes()).isFalse();
    assertThat(read.read()).isNotNull();
    assertThat(read.read().value()).as("the debt removed it before the read").isNull();
    assertThat(read.generation()).isGreaterThan(beforePaying);
    assertThat(tier.published).containsExactly("k");
  }

  @Test
  void readShared_moreDebtsThanTheLimit_doesNotReadTheTier() {
    tier.down = true;
    coherence.invalidate("a", false);
    coherence.invalidate("b", false);
    tier.down = false;
    int readsBefore = tier.reads.get();

    Coherence.SharedRead read = coherence.readShared(tier, "a", tier, 1);

    assertThat(read.read()).isNull();
    assertThat(tier.reads.get()).isEqualTo(readsBefore);
    assertThat(coherence.owes()).isTrue();
    assertThat(coherence.pay(Integer.MAX_VALUE)).isTrue(); // the background payer's share
    assertThat(coherence.owes()).isFalse();
  }

  @Test
  void pay_moreKeysOwedThanTheLedgerHolds_oneWholeInvalidationPaysThemAll() {
    tier.down = true;
    for (String key : List.of("a", "b", "c", "d")) {
      coherence.invalidate(key, false); // the ledger holds 3
    }
    tier.down = false;

    assertThat(coherence.debts().all()).isTrue();
    assertThat(coherence.pay(1)).isTrue();

    assertThat(tier.generations).hasValue(1);
    assertThat(tier.published).contains("*");
    assertThat(coherence.owes()).isFalse();
  }

  @Test
  void readShared_tierFails_answersWithoutARead_andCountsTheFailure() {
    tier.down = true;

    Coherence.SharedRead read = coherence.readShared(tier, "k", tier, 10);

    assertThat(read.read()).isNull();
    assertThat(counters.redisErrors.sum()).isEqualTo(1);
  }
}
