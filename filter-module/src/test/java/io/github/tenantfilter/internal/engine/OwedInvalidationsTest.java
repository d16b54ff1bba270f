// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.internal.engine.OwedInvalidations.Debts;
import org.junit.jupiter.api.Test;

class OwedInvalidationsTest {

  private final OwedInvalidations owed = new OwedInvalidations(3);

  @Test
  void paid_aDebtMadeWhileItWasBeingPaid_stays() {
    owed.owe("a");
    Debts snapshot = owed.debts();
    owed.owe("a"); // invalidated again while the first debt was being paid
    owed.paid(snapshot);
    assertThat(owed.owes()).isTrue();
    owed.paid(owed.debts());
    assertThat(owed.owes()).isFalse();
  }

  @Test
  void paid_oneKey_leavesTheOthers() {
    owed.owe("a");
    owed.owe("b");
    Debts debts = owed.debts();
    owed.paid(debts, "a");
    assertThat(owed.debts().keys()).containsOnlyKeys("b");
    owed.paid(debts.only("b"));
    assertThat(owed.owes()).isFalse();
  }

  @Test
  void owe_pastItsBound_becomesOneFullInvalidation() {
    owed.owe("a");
    owed.owe("b");
    owed.owe("c");
    owed.owe("d");
    Debts debts = owed.debts();
    assertThat(debts.all()).isTrue();
    assertThat(debts.keys()).isEmpty();
    owed.paid(debts);
    assertThat(owed.owes()).isFalse();
  }

  @Test
  void paid_aFullInvalidation_paysTheKeysItListed_notAFullOneOwedSince() {
    owed.owe("a");
    Debts before = owed.debts().asAll(); // an invalidateAll starts
    owed.oweAll(); // another one fails meanwhile
    owed.paid(before);
    Debts left = owed.debts();
    assertThat(left.keys()).isEmpty();
    assertThat(left.all()).isTrue();
  }
}
