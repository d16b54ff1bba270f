// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.context;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.Tenant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.context.spi.ThreadContextController;
import org.eclipse.microprofile.context.spi.ThreadContextSnapshot;
import org.junit.jupiter.api.Test;

class MicroProfileTenantContextProviderTest {

  private final MicroProfileTenantContextProvider provider =
      new MicroProfileTenantContextProvider();

  @Test
  void snapshot_carriesTheCapturersTenant_andClearedNone_andRestores() {
    Tenant acme = tenant("acme", "acme");
    Optional<Tenant> outer = TenantThreadContext.enter(Optional.of(acme));
    ThreadContextSnapshot captured = provider.currentContext(Map.of());
    TenantThreadContext.restore(outer);

    Optional<Tenant> pooled = TenantThreadContext.enter(Optional.of(tenant("globex", "globex")));
    ThreadContextController controller = captured.begin();
    assertThat(TenantThreadContext.current()).contains(acme);
    ThreadContextController cleared = provider.clearedContext(Map.of()).begin();
    assertThat(TenantThreadContext.current()).isEmpty();
    cleared.endContext();
    controller.endContext();
    assertThat(TenantThreadContext.current()).map(Tenant::id).contains("globex");
    TenantThreadContext.restore(pooled);
    assertThat(TenantThreadContext.current()).isNull();
    assertThat(provider.getThreadContextType()).isEqualTo(TenantContextProvider.TYPE);
  }

  @Test
  void snapshot_ofAThreadThatKnowsNothing_givesNoTenant() {
    ThreadContextController controller = provider.currentContext(Map.of()).begin();
    assertThat(TenantThreadContext.current()).isEmpty();
    controller.endContext();
    assertThat(TenantThreadContext.current()).isNull();
  }
}
