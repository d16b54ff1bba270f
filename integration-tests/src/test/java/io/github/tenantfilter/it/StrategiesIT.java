// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.strategies.OrgParameterResolver;
import io.github.tenantfilter.testing.RawHttp;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The strategies beside the host on the real server: the path segment ({@code /t/{id}/...},
 * forwarded to the rest of the path), the application's own {@code TenantKeyResolver} bean, and
 * their order (path, then the resolver, then the host). Hostile paths and keys are 400 or name
 * no tenant, or name exactly the tenant of the path the container normalised, never another; a
 * resolver's own failure is 503, never a 500.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class StrategiesIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("strategies",
            contextParam("tenant-filter.path.prefix", "/t")
                + contextParam("tenant-filter.path.forward", "true"))
        .addPackage(OrgParameterResolver.class.getPackage());
  }

  @ArquillianResource URL url;

  @Test
  void pathSegment_namesTheTenant_andTheApplicationSeesTheRest() {
    Http http = new Http(url);
    for (String tenant : new String[] {"acme", "globex", "acme"}) {
      // the host names no known tenant: the path does
      assertThat(http.get("nobody.app.localhost", "/t/" + tenant + "/probe/whoami").body())
          .isEqualTo("tenant=" + tenant + " cdi=" + tenant);
    }
    assertThat(http.get("nobody.app.localhost", "/t/acme/probe/forward").body())
        .isEqualTo("tenant=acme cdi=acme");
    assertThat(http.get("acme.app.localhost", "/t/acme/probe/whoami").body())
        .isEqualTo("tenant=acme cdi=acme");
    // a path naming another tenant than the host: refused, so that no session or cookie of
    // acme's host reaches globex
    RawHttp.Response crossed = http.get("acme.app.localhost", "/t/globex/probe/whoami");
    assertThat(crossed.status()).isEqualTo(400);
    assertThat(crossed.body())
        .isEqualTo("Bad Request: the path and the host name different tenants\n");
    assertThat(http.get("acme.app.localhost", "/t/nobody/probe/whoami").status()).isEqualTo(404);
    // outside the prefix the host decides
    assertThat(http.get("globex.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=globex cdi=globex");
  }

  /**
   * The tenant is read from the path as the container decoded and normalised it, the one the
   * application's mapping sees: dot segments and path parameters are the container's to resolve
   * (a server may also refuse them). A hostile path either names no tenant (400, 404) or is
   * served with exactly the tenant of its normalised path, never another.
   */
  @Test
  void hostilePaths_serveNoTenant_orExactlyTheirNormalisedPathsOne() {
    Http http = new Http(url);
    String base = http.path("");
    Map<String, String> cases = new LinkedHashMap<>();
    for (String path : new String[] {"/t//probe/whoami", "/t/-acme/probe/whoami",
        "/t/ac%20me/probe/whoami", "/t/%61cme%00/probe/whoami",
        "/t/%2e%2e/probe/whoami", "/t/..%2fglobex/probe/whoami", "/t/acme%2Fglobex/probe/whoami",
        "/t/%C3%A4cme/probe/whoami", "/x/../t/a%63me%3F/probe/whoami", "/t/acme%23/probe/whoami"}) {
      cases.put(path, null);
    }
    cases.put("/t/acme/../globex/probe/whoami", "globex");
    cases.put("/t/acme;x=1/probe/whoami", "acme");
    // Open Liberty decodes %3B, then drops ";x" as a path parameter: its mapping sees /t/acme/...
    cases.put("/t/acme%3Bx/probe/whoami", "acme");
    cases.put("/t/acme/probe/..;/whoami", "acme");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      RawHttp.Response response = RawHttp.send(http.port(), "GET " + base + c.getKey()
          + " HTTP/1.1\r\nHost: nobody.app.localhost\r\nConnection: close\r\n\r\n");
      if (ItServices.server().startsWith("liberty") && response.body().contains("CWWWC0005I")) {
        // Open Liberty refuses some encoded characters (dot, slash, NUL, '#') itself, before any
        // filter, with 400 and its own error page (docs/server-open-liberty.md): no tenant
        assertThat(response.status()).as(c.getKey()).isEqualTo(400);
        continue;
      }
      assertThat(response.body()).as(c.getKey()).doesNotContain("Exception");
      if (c.getValue() != null && response.status() == 200) {
        assertThat(response.body()).as(c.getKey())
            .isEqualTo("tenant=" + c.getValue() + " cdi=" + c.getValue());
      } else {
        assertThat(response.status()).as(c.getKey()).isIn(400, 404);
        assertThat(response.body()).as(c.getKey()).doesNotContain("tenant=");
      }
    }
  }

  @Test
  void applicationsResolver_answersAfterThePath_beforeTheHost() {
    Http http = new Http(url);
    assertThat(http.get("acme.app.localhost", "/probe/whoami?org=globex").body())
        .isEqualTo("tenant=globex cdi=globex");
    assertThat(http.get("acme.app.localhost", "/probe/whoami?orghost=globex.app.localhost").body())
        .isEqualTo("tenant=globex cdi=globex");
    assertThat(http.get("nobody.app.localhost", "/t/acme/probe/whoami?org=globex").body())
        .isEqualTo("tenant=acme cdi=acme");
    // nothing for the resolver in this query: the host
    assertThat(http.get("acme.app.localhost", "/probe/whoami?other=1").body())
        .isEqualTo("tenant=acme cdi=acme");
  }

  @Test
  void applicationsResolver_hostileKey_is400_andItsFailure503() {
    Http http = new Http(url);
    for (String query : new String[] {"org=..%2Facme", "org=acme%20x", "org=", "orghost=a..b",
        "orghost=%5B%3A%3A1"}) {
      RawHttp.Response response = http.get("acme.app.localhost", "/probe/whoami?" + query);
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.body()).as(query).isEqualTo("Bad Request: invalid tenant key\n");
    }
    RawHttp.Response failed = http.get("acme.app.localhost", "/probe/whoami?boom");
    assertThat(failed.status()).isEqualTo(503);
    assertThat(failed.body()).isEqualTo("Service Unavailable: tenant resolution failed\n");
  }
}
