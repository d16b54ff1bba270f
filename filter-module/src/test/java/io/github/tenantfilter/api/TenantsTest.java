// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.testing.FakeHttp;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantsTest {

  private static final Tenant ACME =
      new Tenant("acme", "Acme", "acme", List.of(), "pro", "active", "{}", null);

  @Test
  void fromRequest_tenantBound_returnsIt() {
    FakeHttp.Request request = FakeHttp.request("acme.app.example.com", "/orders");
    request.setAttribute(CurrentTenant.REQUEST_ATTRIBUTE, ACME);

    assertThat(Tenants.fromRequest(request)).isSameAs(ACME);
  }

  @Test
  void fromRequest_throughApplicationWrapper_returnsTheWrappedRequestsTenant() {
    FakeHttp.Request request = FakeHttp.request("acme.app.example.com", "/orders");
    request.setAttribute(CurrentTenant.REQUEST_ATTRIBUTE, ACME);

    assertThat(Tenants.fromRequest(new HttpServletRequestWrapper(request))).isSameAs(ACME);
  }

  @Test
  void fromRequest_noTenant_throwsNoTenantException() {
    FakeHttp.Request request = FakeHttp.request("acme.app.example.com", "/health");

    assertThatThrownBy(() -> Tenants.fromRequest(request))
        .isInstanceOf(NoTenantException.class)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this request has no tenant");
  }

  @Test
  void fromRequest_attributeNotATenant_throwsNoTenantException() {
    FakeHttp.Request request = FakeHttp.request("acme.app.example.com", "/orders");
    request.setAttribute(CurrentTenant.REQUEST_ATTRIBUTE, "acme");

    assertThatThrownBy(() -> Tenants.fromRequest(request))
        .isInstanceOf(NoTenantException.class);
  }

  @Test
  void fromRequest_agreesWithCurrentTenantOf() {
    FakeHttp.Request with = FakeHttp.request("acme.app.example.com", "/orders");
    with.setAttribute(CurrentTenant.REQUEST_ATTRIBUTE, ACME);
    FakeHttp.Request without = FakeHttp.request("acme.app.example.com", "/health");

    assertThat(CurrentTenant.of(with)).containsSame(Tenants.fromRequest(with));
    assertThat(CurrentTenant.of(without)).isEmpty();
  }

  @Test
  void fromRequest_null_throwsNullPointerException() {
    assertThatThrownBy(() -> Tenants.fromRequest(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("request");
  }
}
