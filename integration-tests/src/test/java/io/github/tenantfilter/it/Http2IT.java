// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.H2c;
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
 * HTTP/2 (cleartext, upgraded from HTTP/1.1): the tenant comes from {@code :authority} as the
 * server exposes it. Both servers expose {@code :authority} as the one Host the application sees
 * and do not pass a conflicting {@code host} field on, so the filter and the application always
 * agree; the filter's own check (Host against the server name, TenantIdentifierTest) is there
 * for a server that would.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class Http2IT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("h2");
  }

  @ArquillianResource URL url;

  private H2c.Response get(String authority, String host) {
    return H2c.get(url.getPort(), "initech.app.localhost", url.getPath() + "hostprobe",
        authority, host);
  }

  @Test
  void http2_tenantFromAuthority() {
    String acme = "acme.app.localhost:" + url.getPort();
    H2c.Response response = get(acme, null);
    assertThat(response.upgraded()).isTrue();
    assertThat(response.upgradeBody()).contains("tenant=initech");
    assertThat(response.body()).isEqualTo(
        "protocol=HTTP/2.0 host=[" + acme + "] server=acme.app.localhost tenant=acme");
    assertThat(get(acme, acme).body()).endsWith("tenant=acme");
  }

  @Test
  void http2_hostFieldOtherThanAuthority_neverNamesTheTenant() {
    String acme = "acme.app.localhost:" + url.getPort();
    for (String other : new String[] {"globex.app.localhost:" + url.getPort(),
        "globex.app.localhost", "bad..host"}) {
      String body = get(acme, other).body();
      assertThat(body).as(other).isEqualTo(
          "protocol=HTTP/2.0 host=[" + acme + "] server=acme.app.localhost tenant=acme");
    }
  }
}
