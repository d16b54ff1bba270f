// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every two-tier cache of the engine keeps (heap tier, Redis, single flight, the
 * generation guard, owed invalidations), written once and run on each: the tenant cache
 * ({@code TenantLookupTest.Contract}) and a named region ({@code TieredRegionTest.Contract}).
 * What only one of them does (stale-if-error, remembered misses, serializers, TTL classes) is
 * tested in its own class.
 */
public abstract class TwoTierCacheContract {

  /**
   * One cache under test, as the contract drives it.
   *
   * @param get the cache's value for a key, or {@code null} if the source has none
   * @param invalidate invalidates a key as the application would (both tiers, other nodes told)
   * @param invalidateAll invalidates everything
   * @param expireHeap lets the heap tier's entries expire (the clock moves past its TTL, not
   *     Redis's)
   * @param sharedKey the name a key has in the shared tier
   * @param close releases the cache
   */
  public record Subject(UnaryOperator<String> get, Consumer<String> invalidate,
      Runnable invalidateAll, Runnable expireHeap, UnaryOperator<String> sharedKey,
      Runnable close) {}

  /** The shared tier of {@link #cache()}. */
  protected final FakeSharedTier redis = new FakeSharedTier();
  /** The source of {@link #cache()}: a test changes what it answers. */
  protected final Source source = new Source();
  private final List<Subject> subjects = new ArrayList<>();

  /**
   * A new cache over {@code redis} ({@code null}: without a shared tier) whose source answers
   * {@code source.apply(key)} ({@code null}: it has none).
   */
  protected abstract Subject subject(FakeSharedTier redis, Function<String, String> source);

  /** The cache over {@link #redis} and {@link #source}, made once per test. */
  private Subject cache() {
    if (subjects.isEmpty()) {
      subjects.add(subject(redis, source));
    }
    return subjects.get(0);
  }

  /** Another cache (another node), closed after the test. */
  private Subject another(FakeSharedTier shared) {
    cache();
    Subject other = subject(shared, source);
    subjects.add(other);
    return other;
  }

  @AfterEach
  void closeSubjects() {
    subjects.forEach(subject -> subject.close().run());
  }

  private String get(String key) {
    return cache().get().apply(key);
  }

  private String sharedKey(String key) {
    return cache().sharedKey().apply(key);
  }

  /** A source a test can change, count and hold. */
  protected static final class Source implements Function<String, String> {
    final AtomicInteger calls = new AtomicInteger();
    volatile Function<String, String> answer = key -> "v1 of " + key;

    @Override
    public String apply(String key) {
      calls.incrementAndGet();
      return answer.apply(key);
    }
  }

  @Test
  void miss_loadsOnceFromTheSourceAndFillsRedis() {
    assertThat(get("pro")).isEqualTo("v1 of pro");

    assertThat(source.calls).hasValue(1);
    assertThat(redis.values).containsKey(sharedKey("pro"));
  }

  @Test
  void repeated_isHeapHitWithoutRedisOrSource() {
    get("pro");
    int readsBefore = redis.reads.get();

    for (int i = 0; i < 100; i++) {
      assertThat(get("pro")).isEqualTo("v1 of pro");
    }

    assertThat(redis.reads.get()).isEqualTo(readsBefore);
    assertThat(source.calls).hasValue(1);
  }

  @Test
  void afterHeapTtl_redisAnswersWithoutTheSource() {
    get("pro");
    cache().expireHeap().run();

    assertThat(get("pro")).isEqualTo("v1 of pro");

    assertThat(source.calls).hasValue(1);
  }

  @Test
  void anotherNodeFilledRedis_itsValueAnswersWithoutTheSource() {
    get("pro");
    Subject otherNode = another(redis);

    assertThat(otherNode.get().apply("pro")).isEqualTo("v1 of pro");

    assertThat(source.calls).hasValue(1);
  }

  @Test
  void withoutRedis_theHeapTierStandsInFrontOfTheSource() {
    Subject alone = another(null);

    assertThat(alone.get().apply("pro")).isEqualTo("v1 of pro");
    assertThat(alone.get().apply("pro")).isEqualTo("v1 of pro");

    assertThat(source.calls).hasValue(1);
  }

  @Test
  void redisDown_theSourceAnswersAndNothingIsThrown() {
    redis.down = true;

    assertThat(get("pro")).isEqualTo("v1 of pro");
    assertThat(get("pro")).isEqualTo("v1 of pro");

    assertThat(source.calls).hasValue(1);
  }

  @Test
  void concurrentMisses_shareOneLoad() throws Exception {
    HeldFirstCall held = new HeldFirstCall(key -> "v1 of " + key, key -> "v1 of " + key);
    Subject cache = cache();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(threads.submit(() -> cache.get().apply("pro")));
      }
      held.awaitLoading();
      Thread.sleep(50); // let the others pile up behind the first load
      held.release.countDown();
      for (Future<String> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("v1 of pro");
      }
      assertThat(source.calls).hasValue(1);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void invalidate_duringLoad_theOldValueIsWrittenToNeitherTier() throws Exception {
    whileLoadingV1(() -> {
      source.answer = key -> "v2 of " + key; // the data changed meanwhile
      cache().invalidate().accept("pro");
    });

    assertThat(redis.values).doesNotContainKey(sharedKey("pro"));
    assertThat(get("pro")).isEqualTo("v2 of pro");
  }

  @Test
  void invalidateAll_duringLoad_theOldValueIsWrittenToNeitherTier() throws Exception {
    whileLoadingV1(() -> {
      source.answer = key -> "v2 of " + key;
      cache().invalidateAll().run();
    });

    assertThat(redis.values).doesNotContainKey(sharedKey("pro"));
    assertThat(get("pro")).isEqualTo("v2 of pro");
  }

  /**
   * Regression (defect 2): an invalidation owed while Redis failed was paid only after the next
   * Redis read, whose old value then went into the heap tier.
   */
  @Test
  void invalidate_whileRedisDown_owedInvalidationIsPaidBeforeRedisIsTrustedAgain() {
    get("pro");
    redis.down = true;
    source.answer = key -> "v2 of " + key;
    cache().invalidate().accept("pro"); // Redis owes it, and still holds v1
    assertThat(redis.values).containsKey(sharedKey("pro"));
    redis.down = false;

    assertThat(get("pro")).isEqualTo("v2 of pro");
    assertThat(get("pro")).isEqualTo("v2 of pro");
    assertThat(redis.published).as("the other nodes are told when it is paid").contains("pro");
  }

  /**
   * Regression (defect 6): a get that began after {@code invalidate} returned joined a load that
   * began before it, and got the old value.
   */
  @Test
  void afterInvalidateReturned_aGetDoesNotJoinALoadThatBeganBefore() throws Exception {
    HeldFirstCall held = new HeldFirstCall(key -> "v1 of " + key, key -> "v2 of " + key);
    Subject cache = cache();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<String> early = threads.submit(() -> cache.get().apply("pro"));
      held.awaitLoading();
      cache.invalidate().accept("pro");
      Future<String> late = threads.submit(() -> cache.get().apply("pro"));
      try {
        assertThat(late.get(10, TimeUnit.SECONDS)).isEqualTo("v2 of pro");
      } finally {
        held.release.countDown();
      }
      assertThat(early.get(10, TimeUnit.SECONDS)).isEqualTo("v1 of pro"); // what it read
      assertThat(cache.get().apply("pro")).isEqualTo("v2 of pro");
    } finally {
      threads.shutdownNow();
    }
  }

  /** Regression (defect 5): waiters of a load that threw an {@link Error} waited forever. */
  @Test
  void sourceThrowsError_everyWaiterGetsIt() throws Exception {
    HeldFirstCall held = new HeldFirstCall(key -> {
      throw new AssertionError("the source broke");
    }, key -> "v1 of " + key);
    Subject cache = cache();
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<String>> results = new ArrayList<>();
      results.add(threads.submit(() -> cache.get().apply("pro")));
      held.awaitLoading();
      for (int i = 0; i < 2; i++) {
        results.add(threads.submit(() -> cache.get().apply("pro")));
      }
      held.release.countDown();
      assertThatThrownBy(() -> results.get(0).get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(AssertionError.class);
      for (Future<String> result : results.subList(1, results.size())) {
        try {
          assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("v1 of pro"); // loaded after
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(AssertionError.class); // or shared the failure
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** The source's first call held until released, then {@code first}; later calls {@code later}. */
  private final class HeldFirstCall {
    final CountDownLatch loading = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    HeldFirstCall(Function<String, String> first, Function<String, String> later) {
      AtomicInteger call = new AtomicInteger();
      source.answer = key -> {
        if (call.incrementAndGet() > 1) {
          return later.apply(key);
        }
        loading.countDown();
        await(release);
        return first.apply(key);
      };
    }

    void awaitLoading() throws InterruptedException {
      assertThat(loading.await(10, TimeUnit.SECONDS)).as("the source called").isTrue();
    }
  }

  /**
   * Runs a get whose source answers v1 but is held until {@code meanwhile} has run; its caller
   * gets v1, what it read.
   */
  private void whileLoadingV1(Runnable meanwhile) throws Exception {
    HeldFirstCall held = new HeldFirstCall(key -> "v1 of " + key, key -> "v1 of " + key);
    Subject cache = cache();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<String> old = thread.submit(() -> cache.get().apply("pro"));
      held.awaitLoading();
      meanwhile.run();
      held.release.countDown();
      assertThat(old.get(10, TimeUnit.SECONDS)).isEqualTo("v1 of pro");
    } finally {
      thread.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
