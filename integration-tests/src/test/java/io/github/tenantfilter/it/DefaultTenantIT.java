// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.fullpath.TenantPathServlet;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The default tenant on the real server ({@code default-tenant=acme}, custom domains off): a
 * request whose host names no tenant gets it, one that names a tenant still gets its own, a
 * malformed Host is still 400. And the path segment with {@code path.forward=false}: the
 * application, mapped under the prefix, sees the full path.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class DefaultTenantIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("defaulttenant",
            contextParam("tenant-filter.default-tenant", "acme")
                + contextParam("tenant-filter.custom-domains", "false")
                + contextParam("tenant-filter.path.prefix", "/t"))
        .addClass(TenantPathServlet.class);
  }

  @ArquillianResource URL url;

  @Test
  void hostNamingNoTenant_getsTheDefault_otherwiseItsOwn() {
    Http http = new Http(url);
    for (String host : new String[] {"localhost", "app.localhost", "127.0.0.1", "shop.example"}) {
      assertThat(http.get(host, "/probe/whoami").body()).as(host)
          .isEqualTo("tenant=acme cdi=acme");
    }
    assertThat(http.get("globex.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=globex cdi=globex");
    assertThat(http.get("nobody.app.localhost", "/probe/whoami").status()).isEqualTo(404);
    assertThat(http.get("bad..host", "/probe/whoami").status()).isEqualTo(400);
  }

  @Test
  void pathSegment_withoutForward_theApplicationSeesTheFullPath() {
    Http http = new Http(url);
    assertThat(http.get("localhost", "/t/globex/orders/7").body())
        .isEqualTo("path=/t/globex/orders/7 tenant=globex");
  }
}
