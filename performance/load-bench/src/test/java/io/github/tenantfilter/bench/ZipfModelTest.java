// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ZipfModelTest {

  private final ZipfModel zipf = new ZipfModel(10_000, 1.0);

  @Test
  void sequence_followsTheDistribution() {
    int[] ranks = zipf.sequence(1_000_000, 7);
    long first = Arrays.stream(ranks).filter(r -> r == 1).count();
    assertThat(first / 1e6).isCloseTo(zipf.probability(1), within(0.002));
    assertThat(zipf.sequence(1000, 7)).containsExactly(Arrays.copyOf(ranks, 1000));
  }

  @Test
  void cheApproximation_matchesExactLruSimulation() {
    int[] ranks = zipf.sequence(600_000, 11);
    double simulated = ZipfModel.simulateLru(ranks, 1000, 100_000);
    assertThat(zipf.cheLru(1000)).isCloseTo(simulated, within(0.01));
    assertThat(zipf.cheLru(1000)).isLessThan(zipf.topMass(1000));
  }

  @Test
  void sampledLru_liesBetweenRandomAndExactLru() {
    int[] ranks = zipf.sequence(600_000, 13);
    double exact = ZipfModel.simulateLru(ranks, 1000, 100_000);
    double sampled = ZipfModel.simulateSampledLru(ranks, 1000, 8, 100_000, 1);
    double random = ZipfModel.simulateSampledLru(ranks, 1000, 1, 100_000, 1);
    assertThat(sampled).isGreaterThan(random).isCloseTo(exact, within(0.03));
  }

  @Test
  void cacheHoldingEveryKey_hitsAlways() {
    assertThat(zipf.cheLru(10_000)).isEqualTo(1.0);
    assertThat(zipf.topMass(10_000)).isCloseTo(1.0, within(1e-9));
  }
}
