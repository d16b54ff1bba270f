// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.context;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.Tenant;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TenantContextProviderTest {

  private final TenantContextProvider provider = new TenantContextProvider();
  private final Tenant acme = tenant("acme", "acme");
  private final Tenant globex = tenant("globex", "globex");

  @AfterEach
  void threadKeepsNothing() {
    assertThat(TenantThreadContext.current()).isNull();
  }

  @Test
  void snapshot_ofARequestThread_appliesItsTenant_andRestoresWhatWasThere() {
    Optional<Tenant> outer = TenantThreadContext.enter(Optional.of(acme));
    ThreadContextSnapshot snapshot = provider.currentContext(Map.of());
    Optional<Tenant> inner = TenantThreadContext.enter(Optional.of(globex));
    ThreadContextRestorer restorer = snapshot.begin();
    assertThat(TenantThreadContext.current()).contains(acme);
    restorer.endContext();
    assertThat(TenantThreadContext.current()).contains(globex);
    TenantThreadContext.restore(inner);
    TenantThreadContext.restore(outer);
  }

  @Test
  void snapshot_ofAThreadThatKnowsNothing_givesNoTenant_neverAGuess() {
    ThreadContextSnapshot snapshot = provider.currentContext(Map.of());
    Optional<Tenant> pooled = TenantThreadContext.enter(Optional.of(globex));
    ThreadContextRestorer restorer = snapshot.begin();
    assertThat(TenantThreadContext.current()).isEmpty();
    restorer.endContext();
    TenantThreadContext.restore(pooled);
  }

  @Test
  void clearedContext_givesNoTenant() {
    Optional<Tenant> outer = TenantThreadContext.enter(Optional.of(acme));
    ThreadContextRestorer restorer = provider.clearedContext(Map.of()).begin();
    assertThat(TenantThreadContext.current()).isEmpty();
    restorer.endContext();
    assertThat(TenantThreadContext.current()).contains(acme);
    TenantThreadContext.restore(outer);
  }

  @Test
  void type_isTenant() {
    assertThat(provider.getThreadContextType()).isEqualTo("Tenant");
  }

  /**
   * Random nestings of snapshots captured and applied in any order (as a pool runs them) leave
   * each task seeing exactly the tenant of the thread that captured it, and the thread with
   * nothing at the end. Replay a failure with -Dtf.seed.
   */
  @Test
  void randomNesting_eachTaskSeesItsCapturersTenant() {
    long seed = Long.getLong("tf.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    Tenant[] tenants = {acme, globex, tenant("initech", "initech")};
    for (int round = 0; round < 1_000; round++) {
      run(random, tenants, 0, seed);
    }
  }

  private void run(SplittableRandom random, Tenant[] tenants, int depth, long seed) {
    int pick = random.nextInt(tenants.length + 1);
    Optional<Tenant> captured = pick == tenants.length ? Optional.empty()
        : Optional.of(tenants[pick]);
    Optional<Tenant> before = TenantThreadContext.current();
    Optional<Tenant> previous = TenantThreadContext.enter(captured);
    ThreadContextSnapshot snapshot = provider.currentContext(Map.of());
    TenantThreadContext.restore(previous);
    ThreadContextRestorer restorer = snapshot.begin();
    assertThat(TenantThreadContext.current()).as("seed " + seed).isEqualTo(captured);
    if (depth < 4 && random.nextBoolean()) {
      run(random, tenants, depth + 1, seed);
    }
    assertThat(TenantThreadContext.current()).as("seed " + seed).isEqualTo(captured);
    restorer.endContext();
    assertThat(TenantThreadContext.current()).as("seed " + seed).isEqualTo(before);
  }
}
