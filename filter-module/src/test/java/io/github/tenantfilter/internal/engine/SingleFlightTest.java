// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

  private final SingleFlight<String> flight = new SingleFlight<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  /** Starts a load of "k" in generation 0 that waits for {@code release}; returns its result. */
  private Future<String> blockedLoad(CountDownLatch started, CountDownLatch release,
      AtomicInteger calls, String value) {
    return threads.submit(() -> flight.load("k", 0, () -> {
      calls.incrementAndGet();
      started.countDown();
      await(release);
      return value;
    }));
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code task} on a thread of its own, its outcome (value or what it threw) in the future. */
  private static Thread start(Supplier<String> task,
      CompletableFuture<Object> outcome) {
    Thread thread = new Thread(() -> {
      try {
        outcome.complete(task.get());
      } catch (Throwable e) {
        outcome.complete(e);
      }
    });
    thread.start();
    return thread;
  }

  /** Waits until {@code thread} is parked: a joiner waiting for the running load. */
  private static void awaitParked(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).as("joined").isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  @Test
  void load_callersOfTheSameGeneration_shareOneLoad() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Future<String> first = blockedLoad(started, release, calls, "v1");
    await(started);
    List<CompletableFuture<Object>> joiners = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      CompletableFuture<Object> outcome = new CompletableFuture<>();
      joiners.add(outcome);
      awaitParked(start(() -> flight.load("k", 0, () -> {
        calls.incrementAndGet();
        return "own";
      }), outcome));
    }
    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
    for (CompletableFuture<Object> joiner : joiners) {
      assertThat(joiner.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
    }
    assertThat(calls).hasValue(1);
    assertThat(flight.running()).isZero();
  }

  @Test
  void load_callerOfANewerGeneration_neverJoinsAnOlderLoad() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Future<String> old = blockedLoad(started, release, calls, "old");
    await(started);
    // an invalidation came (generation 1): this caller loads by itself, while the old one runs
    assertThat(flight.load("k", 1, () -> "new")).isEqualTo("new");
    release.countDown();
    assertThat(old.get(10, TimeUnit.SECONDS)).isEqualTo("old");
  }

  @Test
  void load_loadThrowsAnError_everyWaiterGetsIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<String> first = threads.submit(() -> flight.load("k", 0, () -> {
      started.countDown();
      await(release);
      throw new NoClassDefFoundError("gone");
    }));
    await(started);
    CompletableFuture<Object> waiter = new CompletableFuture<>();
    awaitParked(start(() -> flight.load("k", 0, () -> "own"), waiter));
    release.countDown();
    assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(NoClassDefFoundError.class);
    assertThat(waiter.get(10, TimeUnit.SECONDS)).isInstanceOf(NoClassDefFoundError.class);
    assertThat(flight.running()).isZero();
  }

  @Test
  void loadInBackground_whileALoadOfTheKeyRuns_isNotStarted() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<String> first = blockedLoad(started, release, new AtomicInteger(), "v1");
    await(started);
    assertThat(flight.loadInBackground("k", 0, threads, () -> "v2", e -> "failed")).isFalse();
    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
  }

  @Test
  void loadInBackground_failureOrRefusal_givesWaitersTheFallback() throws Exception {
    assertThat(flight.loadInBackground("k", 0, task -> {
      throw new RejectedExecutionException("stopping");
    }, () -> "v", e -> "fallback")).isFalse();
    assertThat(flight.running()).isZero();

    CountDownLatch release = new CountDownLatch(1);
    assertThat(flight.loadInBackground("k", 0, threads, () -> {
      await(release);
      throw new IllegalStateException("store down");
    }, e -> "fallback")).isTrue();
    CompletableFuture<Object> waiter = new CompletableFuture<>();
    awaitParked(start(() -> flight.load("k", 0, () -> "own"), waiter));
    release.countDown();
    assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo("fallback");
  }
}
