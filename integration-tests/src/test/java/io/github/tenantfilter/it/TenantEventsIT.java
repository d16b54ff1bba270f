// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.events.AuditObserver;
import io.github.tenantfilter.testing.LocalPostgres;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The filter's CDI events on the real server, observed by the application's own bean: {@link
 * io.github.tenantfilter.api.TenantResolved} once per served request (not again on its forward),
 * with the tenant already bound where the observer runs; {@link
 * io.github.tenantfilter.api.TenantRefused} with the status, reason and, for a tenant refused for
 * its status, its id.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class TenantEventsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("events").addPackage(AuditObserver.class.getPackage());
  }

  @ArquillianResource URL url;

  @Test
  void requests_fireResolvedAndRefused_onceEach_withTheTenantBound() {
    String suspended = ItServices.addTenant("evs", "suspended");
    LocalPostgres.Schema schema = ItServices.schema();
    try {
      Http http = new Http(url);
      assertThat(http.get("acme.app.localhost", "/probe/whoami").status()).isEqualTo(200);
      assertThat(http.get("nobody.app.localhost", "/probe/whoami").status()).isEqualTo(404);
      assertThat(http.get("bad..host", "/probe/whoami").status()).isEqualTo(400);
      assertThat(http.get(suspended + ".app.localhost", "/probe/whoami").status())
          .isEqualTo(403);
      assertThat(http.get("globex.app.localhost", "/probe/forward").status()).isEqualTo(200);

      List<String> seen = http.get("acme.app.localhost", "/events").body().lines().toList();
      String context = http.path("");
      assertThat(seen).hasSize(5);
      assertThat(seen.get(0)).isEqualTo("resolved acme bound=acme " + context + "/probe/whoami");
      assertThat(seen.get(1)).isEqualTo("refused 404 - Not Found: unknown tenant");
      assertThat(seen.get(2)).startsWith("refused 400 - Bad Request: ");
      assertThat(seen.get(3))
          .isEqualTo("refused 403 " + suspended + " Forbidden: tenant not active");
      assertThat(seen.get(4))
          .isEqualTo("resolved globex bound=globex " + context + "/probe/forward");
    } finally {
      schema.execute("DELETE FROM tenants WHERE id = '" + suspended + "'");
    }
  }
}
