// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.RedisProcess;
import io.github.tenantfilter.testing.TenantSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A stampede on one cold key, and a flood of unknown hosts, against real Redis and PostgreSQL. */
class HotKeyAndFloodIT {

  private static LocalPostgres.Schema schema;
  private static RedisProcess redis;

  @BeforeAll
  static void prepare() {
    schema = TenantSchema.create("hotkey_it");
    for (int i = 0; i < 20; i++) {
      TenantSchema.insert(schema, "k" + i, "k" + i);
    }
    redis = RedisProcess.start();
  }

  @AfterAll
  static void cleanUp() {
    redis.close();
    schema.close();
  }

  private static Map<String, String> settings(String keyPrefix) {
    Map<String, String> settings = new HashMap<>();
    settings.put("tenant-filter.base-domains", "app.example");
    settings.put("tenant-filter.jdbc.url", schema.jdbcUrl());
    settings.put("tenant-filter.jdbc.user", schema.user());
    settings.put("tenant-filter.redis.url", redis.url());
    settings.put("tenant-filter.redis.key-prefix", keyPrefix);
    return settings;
  }

  private static void report(String line) throws Exception {
    System.out.println("COHERENCE " + line);
    Files.writeString(Path.of("target", "coherence-report.md"), "\n" + line + "\n",
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void thousandConcurrentColdRequests_oneDatabaseQueryPerNode() throws Exception {
    // two nodes in class loaders of their own, with Redis prefixes of their own, so that
    // neither can answer from what the other put in Redis: each must query once itself
    try (IsolatedNode first = new IsolatedNode(settings("hot-a:"));
        IsolatedNode second = new IsolatedNode(settings("hot-b:"))) {
      ExecutorService pool = Executors.newFixedThreadPool(200);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          IsolatedNode node = i % 2 == 0 ? first : second;
          answers.add(pool.submit(() -> {
            go.await();
            return node.tenantOf("k7.app.example");
          }));
        }
        go.countDown();
        for (Future<String> answer : answers) {
          assertThat(answer.get()).isEqualTo("k7");
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(first.counters().storeLoads()).as("database queries on the first node").isEqualTo(1);
      assertThat(second.counters().storeLoads()).as("database queries on the second node").isEqualTo(1);
      assertThat(first.counters().lookups() + second.counters().lookups()).isEqualTo(1000);
      report(String.format("single flight: 1000 concurrent cold requests for one tenant over 2"
          + " nodes: %d and %d database queries", first.counters().storeLoads(),
          second.counters().storeLoads()));
    }
  }

  @Test
  void hundredThousandUnknownHosts_heapBounded_realTenantsKeepHitting_queriesAtMostOnePerHost()
      throws Exception {
    try (Node node = Node.start(settings("flood:"))) {
      // subscribed: the first subscription drops what was loaded before it
      assertThat(node.awaitInvalidationChannel(10_000)).as("subscribed").isTrue();
      for (int i = 0; i < 20; i++) {
        assertThat(node.request("k" + i + ".app.example").tenant()).isEqualTo("k" + i);
      }
      CacheStats warm = node.stats();
      int hosts = 100_000;
      AtomicLong knownRequests = new AtomicLong();
      AtomicLong knownWrong = new AtomicLong();
      AtomicLong unknownNot404 = new AtomicLong();
      AtomicLong maxHeap = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int part = t;
          parts.add(pool.submit(() -> {
            for (int i = part; i < hosts; i += 4) {
              if (node.request("random-" + i + ".example").status() != 404) {
                unknownNot404.incrementAndGet();
              }
              if (i % 10 == 0) { // real tenants keep coming, one request in ten
                String tenant = "k" + (i / 10 % 20);
                knownRequests.incrementAndGet();
                if (!tenant.equals(node.request(tenant + ".app.example").tenant())) {
                  knownWrong.incrementAndGet();
                }
              }
              if (i % 1000 == 0) {
                maxHeap.accumulateAndGet(node.stats().localSize(), Math::max);
              }
            }
          }));
        }
        for (Future<?> part : parts) {
          part.get();
        }
      } finally {
        pool.shutdownNow();
      }
      CacheStats after = node.stats();
      long storeQueries = after.storeLoads() - warm.storeLoads();
      long realHits = after.localHits() - warm.localHits();

      assertThat(unknownNot404).hasValue(0);
      assertThat(knownWrong).hasValue(0);
      assertThat(storeQueries).as("database queries").isLessThanOrEqualTo(hosts);
      // the heap tier's two spaces: 1000 tenants and 10000 unknown keys (defaults)
      assertThat(maxHeap.get()).isLessThanOrEqualTo(1_000 + 10_000);
      assertThat(realHits).as("real tenants answered by the heap tier")
          .isEqualTo(knownRequests.get());
      report(String.format("flood: %d distinct unknown hosts with %d real-tenant requests among"
              + " them: %d database queries, heap tier at most %d entries, %d of %d real-tenant"
              + " requests answered by the heap tier", hosts, knownRequests.get(), storeQueries,
          maxHeap.get(), realHits, knownRequests.get()));
    }
  }
}
