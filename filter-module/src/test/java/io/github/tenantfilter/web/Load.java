// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Steady concurrent requests against a {@link Node}, each for a random host of a given set, with
 * every answer checked: a request fails if it is not 200, or if the application saw another
 * tenant than the host's.
 */
public final class Load implements AutoCloseable {

  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong wrongTenant = new AtomicLong();
  private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;

  /**
   * Starts {@code threads} threads.
   *
   * @param hosts the hosts to ask for
   * @param expected the tenant id each host must resolve to
   */
  public Load(Node node, int threadCount, List<String> hosts, Function<String, String> expected) {
    for (int i = 0; i < threadCount; i++) {
      Thread thread = new Thread(() -> {
        while (running) {
          String host = hosts.get(ThreadLocalRandom.current().nextInt(hosts.size()));
          Node.Result result = node.request(host);
          requests.incrementAndGet();
          latencies.add(result.nanos());
          if (result.status() != 200) {
            failed.incrementAndGet();
            failures.add(host + " -> " + result.status());
          } else if (!expected.apply(host).equals(result.tenant())) {
            wrongTenant.incrementAndGet();
            failures.add(host + " -> tenant " + result.tenant());
          }
        }
      }, "load-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  /** Requests sent so far. */
  public long requests() {
    return requests.get();
  }

  /** Requests answered other than 200. */
  public long failed() {
    return failed.get();
  }

  /** Requests the application served with another tenant than the host's. */
  public long wrongTenant() {
    return wrongTenant.get();
  }

  /** A few of the failures, for the assertion message. */
  public List<String> someFailures() {
    return failures.stream().limit(10).toList();
  }

  /** Latencies recorded since the last call, in nanoseconds, sorted; and forgets them. */
  public List<Long> drainLatencies() {
    List<Long> drained = new ArrayList<>();
    Long next;
    while ((next = latencies.poll()) != null) {
      drained.add(next);
    }
    Collections.sort(drained);
    return drained;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join(10_000);
    }
  }
}
