// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.client;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.context.TenantThreadContext;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class TenantHeaderClientFilterTest {

  private final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
  private final ClientRequestContext call = Mockito.mock(ClientRequestContext.class);

  TenantHeaderClientFilterTest() {
    Mockito.when(call.getHeaders()).thenReturn(headers);
  }

  private void filterWith(Optional<Tenant> bound, TenantHeaderClientFilter filter) {
    Optional<Tenant> previous = TenantThreadContext.enter(bound);
    try {
      filter.filter(call);
    } finally {
      TenantThreadContext.restore(previous);
    }
  }

  @Test
  void call_withATenant_carriesItsId_replacingTheApplicationsValue() {
    headers.add("X-Tenant-Id", "globex");
    headers.add("X-Tenant-Id", "initech");
    filterWith(Optional.of(tenant("acme", "acme")), new TenantHeaderClientFilter());
    assertThat(headers.get("X-Tenant-Id")).isEqualTo(List.of("acme"));
  }

  @Test
  void call_withNoTenant_carriesNoTenantHeader() {
    headers.add("X-Org", "globex");
    filterWith(Optional.empty(), new TenantHeaderClientFilter("X-Org"));
    assertThat(headers).doesNotContainKey("X-Org");
  }

  @Test
  void call_fromAThreadThatKnowsNothing_carriesNoTenantHeader() {
    headers.add("X-Tenant-Id", "globex");
    new TenantHeaderClientFilter().filter(call);
    assertThat(headers).doesNotContainKey("X-Tenant-Id");
  }

  @Test
  void header_thatIsNoTokenOrIsHost_isRefused() {
    for (String bad : new String[] {"", "X Tenant", "X-Tenant:", "X-Ténant", "Host", "HOST"}) {
      assertThatThrownBy(() -> new TenantHeaderClientFilter(bad))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(new TenantHeaderClientFilter("x_org-id").header()).isEqualTo("x_org-id");
  }
}
