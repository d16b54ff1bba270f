// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.web.stats.HitRateHistory.Point;
import io.github.tenantfilter.web.stats.HitRateHistory.Sample;
import org.junit.jupiter.api.Test;

class HitRateHistoryTest {

  @Test
  void points_ratesBetweenConsecutiveSamples() {
    HitRateHistory history = new HitRateHistory(10);
    history.add(new Sample(1000, 0, 0, 0, 0, 0));
    // 40 lookups: 36 heap hits, 4 heap misses of which Redis answered 1, 3 store loads
    history.add(new Sample(2000, 40, 36, 4, 1, 3));
    // 10 more, all heap hits
    history.add(new Sample(3000, 50, 46, 4, 1, 3));
    assertThat(history.points()).containsExactly(
        new Point(2000, 40, 0.9, 0.25, 0.925, 3),
        new Point(3000, 10, 1.0, null, 1.0, 0));
  }

  @Test
  void points_noLookupsInAnInterval_ratesUndefined() {
    HitRateHistory history = new HitRateHistory(3);
    history.add(new Sample(1000, 5, 5, 0, 0, 0));
    history.add(new Sample(2000, 5, 5, 0, 0, 0));
    assertThat(history.points()).containsExactly(new Point(2000, 0, null, null, null, 0));
  }

  @Test
  void add_full_dropsOldestFirst() {
    HitRateHistory history = new HitRateHistory(3);
    for (int i = 1; i <= 5; i++) {
      history.add(new Sample(i * 1000L, i, i, 0, 0, 0));
    }
    assertThat(history.samples()).extracting(Sample::timeMillis)
        .containsExactly(3000L, 4000L, 5000L);
    assertThat(history.points()).hasSize(2);
  }

  @Test
  void points_oneSample_none() {
    HitRateHistory history = new HitRateHistory(2);
    history.add(new Sample(1000, 1, 1, 0, 0, 0));
    assertThat(history.points()).isEmpty();
  }

  @Test
  void constructor_capacityBelowTwo_refused() {
    assertThatThrownBy(() -> new HitRateHistory(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
