// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TopTenantsTest {

  @Test
  void top_fewerTenantsThanCounters_exactCountsBusiestFirst() {
    TopTenants top = new TopTenants(10, 4);
    for (int i = 0; i < 30; i++) {
      top.record("acme");
    }
    for (int i = 0; i < 10; i++) {
      top.record("globex");
    }
    top.record("initech");
    assertThat(top.top(10)).containsExactly(
        new TopTenants.Entry("acme", 30, 0),
        new TopTenants.Entry("globex", 10, 0),
        new TopTenants.Entry("initech", 1, 0));
    assertThat(top.total()).isEqualTo(41);
  }

  @Test
  void top_limitsToN_tiesById() {
    TopTenants top = new TopTenants(10, 1);
    for (String id : List.of("c", "b", "a", "d", "d")) {
      top.record(id);
    }
    assertThat(top.top(3)).extracting(TopTenants.Entry::tenantId).containsExactly("d", "a", "b");
  }

  @Test
  void top_manyMoreTenantsThanCounters_findsHeavyHittersWithinTheErrorBound() {
    int capacity = 20;
    TopTenants top = new TopTenants(capacity, 1);
    Map<String, Long> truth = new HashMap<>();
    Random random = new Random(42);
    List<String> stream = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      for (int n = 0; n < 2000 / (i + 1); n++) {
        stream.add("hot-" + i);
      }
    }
    for (int n = 0; n < 5000; n++) {
      stream.add("tail-" + random.nextInt(2000)); // 2000 tenants of ~2.5 requests each
    }
    Collections.shuffle(stream, random);
    for (String id : stream) {
      top.record(id);
      truth.merge(id, 1L, Long::sum);
    }
    List<TopTenants.Entry> busiest = top.top(5);
    assertThat(busiest).extracting(TopTenants.Entry::tenantId)
        .containsExactly("hot-0", "hot-1", "hot-2", "hot-3", "hot-4");
    for (TopTenants.Entry e : busiest) {
      long actual = truth.get(e.tenantId());
      assertThat(e.count()).as(e.tenantId()).isGreaterThanOrEqualTo(actual);
      assertThat(e.count() - e.error()).as(e.tenantId()).isLessThanOrEqualTo(actual);
      // Space-Saving's bound: overestimated by at most total / capacity
      assertThat(e.error()).isLessThanOrEqualTo(stream.size() / capacity);
    }
    assertThat(top.total()).isEqualTo(stream.size());
  }

  @Test
  void record_fromManyThreads_countsEveryRequest() throws Exception {
    TopTenants top = new TopTenants(50, 4);
    int threads = 8;
    int perThread = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perThread; i++) {
          top.record("tenant-" + (i % 3));
        }
      });
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    long each = (long) threads * perThread / 3;
    assertThat(top.top(3)).extracting(TopTenants.Entry::count)
        .allSatisfy(count -> assertThat(count).isBetween(each - threads, each + threads));
    assertThat(top.top(3)).extracting(TopTenants.Entry::error).containsOnly(0L);
    assertThat(top.top(3).stream().mapToLong(TopTenants.Entry::count).sum())
        .isEqualTo((long) threads * perThread);
  }

  @Test
  void top_mergesStripes_countsOfOneTenantFromSeveralThreadsAddUp() throws Exception {
    TopTenants top = new TopTenants(5, 8);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      Thread worker = new Thread(() -> {
        for (int i = 0; i < 100; i++) {
          top.record("acme");
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    assertThat(top.top(1)).containsExactly(new TopTenants.Entry("acme", 600, 0));
  }

  @Test
  void constructor_zeroCapacity_refused() {
    assertThatThrownBy(() -> new TopTenants(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
