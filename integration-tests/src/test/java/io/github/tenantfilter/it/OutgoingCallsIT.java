// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.outgoing.OutgoingServlet;
import io.github.tenantfilter.testing.RawHttp;
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
 * The outgoing tenant header on the real server: the application calls a service (here: itself,
 * at an IP address, a Host that names no tenant) through a JAX-RS client with {@code
 * TenantHeaderClientFilter}; the receiving filter, which takes {@code X-Tenant-Id} from loopback
 * only, resolves the caller's tenant. A header value the application set for another tenant is
 * replaced; a call with no tenant carries none (404 there); a malformed or repeated header is
 * 400 at the receiving side.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class OutgoingCallsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("outgoing",
            contextParam("tenant-filter.header", "X-Tenant-Id")
                + contextParam("tenant-filter.header.sources", "127.0.0.1/32, ::1/128"))
        .addPackage(OutgoingServlet.class.getPackage());
  }

  @ArquillianResource URL url;

  @Test
  void outgoingCall_carriesTheRequestsTenant_andNoOther() {
    Http http = new Http(url);
    for (String tenant : new String[] {"acme", "globex", "acme"}) {
      assertThat(http.get(tenant + ".app.localhost", "/outgoing").body().strip())
          .isEqualTo("200 tenant=" + tenant + " cdi=" + tenant);
    }
    // the application's own value for the header does not survive the filter
    assertThat(http.get("acme.app.localhost", "/outgoing?spoof=globex").body().strip())
        .isEqualTo("200 tenant=acme cdi=acme");
  }

  @Test
  void outgoingCall_withNoTenant_namesNone() {
    Http http = new Http(url);
    assertThat(http.get("acme.app.localhost", "/outgoing?task").body().strip())
        .isEqualTo("404 Not Found: unknown tenant");
  }

  @Test
  void receivingSide_malformedOrRepeatedHeader_is400() {
    Http http = new Http(url);
    String path = http.path("/probe/whoami");
    for (String bad : new String[] {"../acme", "acme globex", "-acme", "acme\u00e9", ""}) {
      assertThat(RawHttp.send(http.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "X-Tenant-Id: " + bad + "\r\nConnection: close\r\n\r\n").status())
          .as(bad).isEqualTo(400);
    }
    assertThat(RawHttp.send(http.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "X-Tenant-Id: acme\r\nX-Tenant-Id: globex\r\nConnection: close\r\n\r\n").status())
        .isEqualTo(400);
  }
}
