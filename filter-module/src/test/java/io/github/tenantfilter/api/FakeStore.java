// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** An in-memory store that counts its queries and can be made to fail or to block. */
public class FakeStore implements TenantStore {

  private final Map<String, Tenant> byId = new ConcurrentHashMap<>();
  private final AtomicInteger queries = new AtomicInteger();
  private volatile boolean down;
  private volatile Throwable failWith;
  private volatile CountDownLatch gate;
  private volatile CountDownLatch entered;

  public static Tenant tenant(String id, String subdomain, String... domains) {
    return new Tenant(id, "Tenant " + id, subdomain, List.of(domains), "pro", "active", "{}", null);
  }

  public FakeStore put(Tenant tenant) {
    byId.put(tenant.id(), tenant);
    return this;
  }

  public void remove(String id) {
    byId.remove(id);
  }

  public int queries() {
    return queries.get();
  }

  public void down(boolean down) {
    this.down = down;
  }

  /** Makes every query throw {@code thrown} (an Error, say), as a broken store would. */
  public void failWith(Throwable thrown) {
    this.failWith = thrown;
  }

  /** Makes the next queries wait until {@link #open()}; {@link #awaitEntered()} sees them arrive. */
  public void block() {
    gate = new CountDownLatch(1);
    entered = new CountDownLatch(1);
  }

  public void awaitEntered() throws InterruptedException {
    entered.await();
  }

  public void open() {
    gate.countDown();
  }

  private Optional<Tenant> answer(Predicate<Tenant> match) {
    queries.incrementAndGet();
    CountDownLatch g = gate;
    if (g != null) {
      entered.countDown();
      try {
        g.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (down) {
      throw new TenantStoreException("fake store is down");
    }
    Throwable thrown = failWith;
    if (thrown instanceof RuntimeException e) {
      throw e;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
    return byId.values().stream().filter(match).findFirst();
  }

  @Override
  public Optional<Tenant> findById(String id) {
    return answer(t -> t.id().equals(id));
  }

  @Override
  public Optional<Tenant> findBySubdomain(String subdomain) {
    return answer(t -> subdomain.equals(t.subdomain()));
  }

  @Override
  public Optional<Tenant> findByDomain(String domain) {
    return answer(t -> t.customDomains().contains(domain));
  }
}
