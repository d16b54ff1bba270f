// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One load per key at a time, shared by every caller that asks meanwhile, with two rules that
 * keep it coherent:
 *
 * <ul>
 *   <li>a caller joins a running load only if it began in the caller's generation (the cache's
 *       count of invalidations): a load that began before an invalidation may have read what the
 *       invalidation removed, so a caller after it starts a load of its own, which later callers
 *       join;
 *   <li>whatever the load throws, an {@link Error} too, reaches every caller waiting for it: no
 *       waiter waits forever.
 * </ul>
 *
 * @param <V> what a load returns
 */
public final class SingleFlight<V> {

  /** A running load and the generation it began in. */
  private record Load<V>(CompletableFuture<V> result, long generation) {}

  private final ConcurrentHashMap<String, Load<V>> running = new ConcurrentHashMap<>();

  /**
   * {@code load}'s result for {@code key}: from a running load of the same generation, or from
   * this call's own, which callers meanwhile share.
   *
   * @throws RuntimeException or {@link Error}: what the load threw, to every caller sharing it
   */
  public V load(String key, long generation, Supplier<? extends V> load) {
    Load<V> mine = new Load<>(new CompletableFuture<>(), generation);
    Load<V> current = running.compute(key,
        (k, other) -> other != null && other.generation == generation ? other : mine);
    if (current != mine) {
      return await(current.result);
    }
    try {
      V result = load.get();
      mine.result.complete(result);
      return result;
    } catch (Throwable e) {
      mine.result.completeExceptionally(e);
      throw e;
    } finally {
      running.remove(key, mine);
    }
  }

  /**
   * Starts {@code load} for {@code key} on {@code executor}, unless a load of the key (of any
   * generation) runs. Callers that ask meanwhile share it; if it fails, or the executor refuses
   * it, they get {@code onFailure}'s value.
   *
   * @return whether the load was started
   */
  public boolean loadInBackground(String key, long generation, Executor executor,
      Supplier<? extends V> load, Function<Throwable, ? extends V> onFailure) {
    Load<V> mine = new Load<>(new CompletableFuture<>(), generation);
    if (running.putIfAbsent(key, mine) != null) {
      return false;
    }
    try {
      executor.execute(() -> {
        try {
          mine.result.complete(load.get());
        } catch (Throwable e) {
          mine.result.complete(onFailure.apply(e));
        } finally {
          running.remove(key, mine);
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      running.remove(key, mine);
      mine.result.complete(onFailure.apply(e));
      return false;
    }
  }

  /** Loads running now. */
  public int running() {
    return running.size();
  }

  private static <V> V await(CompletableFuture<V> load) {
    try {
      return load.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}
