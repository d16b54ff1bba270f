// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.restclient.WhoAmI;
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
 * {@code TenantHeaderClientFilter} as a MicroProfile REST Client provider ({@code
 * @RegisterProvider}) on the real server: the call carries the request's tenant, which the
 * receiving filter (the header accepted from loopback only) resolves. Payara and WildFly lanes
 * (the Liberty test server has no {@code mpRestClient}); the JAX-RS client form runs everywhere
 * in OutgoingCallsIT.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class RestClientHeaderIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("restclient",
            contextParam("tenant-filter.header", "X-Tenant-Id")
                + contextParam("tenant-filter.header.sources", "127.0.0.1/32, ::1/128"))
        .addPackage(WhoAmI.class.getPackage());
  }

  @ArquillianResource URL url;

  @Test
  void restClientCall_carriesTheRequestsTenant() {
    Http http = new Http(url);
    for (String tenant : new String[] {"acme", "globex", "acme"}) {
      assertThat(http.get(tenant + ".app.localhost", "/restclient").body())
          .isEqualTo("200 tenant=" + tenant + " cdi=" + tenant);
    }
  }
}
