// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import io.github.tenantfilter.web.stats.TopTenants;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the stats page adds to a request when it is on: one {@code TopTenants.record} (the
 * busiest-tenants counter the filter feeds), with the default 100 counters per stripe and this
 * machine's stripes, on one thread and on two. Tenants come from a Zipf-like mix (about 1/rank)
 * of {@code tenants} ids: 50, fewer than the counters (every record finds its counter), or
 * 1,000, so that the counter is full and the tail keeps taking over the smallest counts (the
 * expensive case). Run: {@code java -jar performance/jmh/target/benchmarks.jar
 * TopTenantsBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class TopTenantsBench {

  /** The counter, shared by the threads as in a server. */
  @State(Scope.Benchmark)
  public static class Counter {
    TopTenants top;

    @Setup
    public void setUp() {
      top = new TopTenants(100, TopTenants.defaultStripes());
    }
  }

  /** Each thread's own stream of tenant ids. */
  @State(Scope.Thread)
  public static class Ids {
    @Param({"50", "1000"})
    int tenants;
    final String[] ids = new String[4096];
    int next;

    @Setup
    public void setUp() {
      Random random = new Random(Thread.currentThread().getId());
      for (int i = 0; i < ids.length; i++) {
        // about 1/rank: a few hot tenants, a long tail
        int rank = (int) Math.floor(Math.exp(random.nextDouble() * Math.log(tenants)));
        ids[i] = ("tenant-" + rank).intern();
      }
    }

    String nextId() {
      String id = ids[next];
      next = (next + 1) & (ids.length - 1);
      return id;
    }
  }

  @Benchmark
  @Threads(1)
  public void record1Thread(Counter counter, Ids ids) {
    counter.top.record(ids.nextId());
  }

  @Benchmark
  @Threads(2)
  public void record2Threads(Counter counter, Ids ids) {
    counter.top.record(ids.nextId());
  }
}
