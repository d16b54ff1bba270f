// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.util.SplittableRandom;

/**
 * Requests drawn from Zipf(s) over {@code n} keys with a seed: the load benchmark's workload
 * (performance/load-bench), also replayed in-process by the heap tier's hit-rate test, so that
 * both see the same sequence for the same seed.
 */
public final class ZipfSequence {

  private ZipfSequence() {}

  /** The cumulative distribution of ranks 1..{@code n}: index 0 is rank 1, the last is 1.0. */
  public static double[] cdf(int n, double s) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1 / Math.pow(i + 1, s);
      cdf[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cdf[i] /= sum;
    }
    cdf[n - 1] = 1.0;
    return cdf;
  }

  /** {@code length} ranks (1-based) drawn from {@code cdf} with {@code seed}. */
  public static int[] ranks(double[] cdf, int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] ranks = new int[length];
    for (int k = 0; k < length; k++) {
      double u = random.nextDouble();
      int low = 0;
      int high = cdf.length - 1;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (cdf[mid] < u) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      ranks[k] = low + 1;
    }
    return ranks;
  }
}
