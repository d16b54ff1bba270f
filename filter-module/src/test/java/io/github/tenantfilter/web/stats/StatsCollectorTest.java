// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.internal.util.BackgroundThreads;
import io.github.tenantfilter.internal.util.FakeManagedThreadFactory;
import io.github.tenantfilter.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StatsCollectorTest {

  private static CacheStats stats(long lookups, long localHits, long localMisses) {
    return new CacheStats(lookups, localHits, 0, localMisses, 0, localMisses, 0, 0, 0,
        localMisses, 0, 0, 0, 0, 0, 1, true, true, false);
  }

  private static final StatsPageConfig CONFIG =
      new StatsPageConfig(true, "/stats", "ops", Duration.ofSeconds(1), 5, 2);

  @Test
  void sample_addsRatesSinceTheLastSample() {
    MutableClock clock = new MutableClock();
    AtomicReference<CacheStats> now = new AtomicReference<>(stats(0, 0, 0));
    StatsCollector collector = new StatsCollector(CONFIG, now::get, clock, BackgroundThreads.plain());
    collector.sample();
    now.set(stats(10, 8, 2));
    clock.advance(Duration.ofSeconds(1));
    collector.sample();
    assertThat(collector.points()).singleElement().satisfies(p -> {
      assertThat(p.lookups()).isEqualTo(10);
      assertThat(p.localHitRate()).isEqualTo(0.8);
      assertThat(p.hitRate()).isEqualTo(0.8);
      assertThat(p.redisHitRate()).isEqualTo(0.0);
      assertThat(p.storeLoads()).isEqualTo(2);
    });
  }

  @Test
  void record_topTenantsLimitedToTheSetting() {
    StatsCollector collector = new StatsCollector(CONFIG, () -> stats(0, 0, 0), new MutableClock(),
        BackgroundThreads.plain());
    for (String id : new String[] {"a", "b", "b", "c", "c", "c"}) {
      collector.record(id);
    }
    assertThat(collector.topTenants()).extracting(TopTenants.Entry::tenantId)
        .containsExactly("c", "b");
    assertThat(collector.tenantRequests()).isEqualTo(6);
  }

  @Test
  void close_stopsTheSamplingThread() throws Exception {
    StatsCollector collector = new StatsCollector(CONFIG, () -> stats(0, 0, 0), new MutableClock(),
        BackgroundThreads.plain());
    collector.start();
    assertThat(samplingThreads()).isEqualTo(1);
    collector.close();
    // awaitTermination returns as the worker leaves its loop; the thread itself ends just after
    for (int i = 0; i < 500 && samplingThreads() > 0; i++) {
      Thread.sleep(10);
    }
    assertThat(samplingThreads()).isZero();
    collector.close(); // twice: nothing left to do
  }

  @Test
  void samplesOnTheServersThread_closeStopsIt_thoughNotADaemon() throws Exception {
    FakeManagedThreadFactory server = new FakeManagedThreadFactory();
    StatsCollector collector = new StatsCollector(CONFIG, () -> stats(0, 0, 0),
        new MutableClock(), BackgroundThreads.managedBy(server));
    collector.start();
    assertThat(server.made()).singleElement().satisfies(thread -> {
      assertThat(thread.getName()).isEqualTo(StatsCollector.THREAD_NAME);
      assertThat(thread.isDaemon()).isFalse();
    });
    collector.close();
    assertThat(server.awaitAllEnded()).isEmpty();
  }

  private static long samplingThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(StatsCollector.THREAD_NAME) && t.isAlive()).count();
  }
}
