// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JAR present but turned off by one context-param: every request passes through. */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class DisabledIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("disabled", contextParam("tenant-filter.enabled", "false"));
  }

  @ArquillianResource URL url;

  @Test
  void disabled_unknownAndMalformedHostsPassThroughWithoutTenant() {
    Http http = new Http(url);
    assertThat(http.get("acme.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=none cdi=none");
    assertThat(http.get("nobody.app.localhost", "/probe/whoami").status()).isEqualTo(200);
    assertThat(http.get("bad..host", "/probe/whoami").status()).isEqualTo(200);
    assertThat(http.get("acme.app.localhost", "/probe/stats").body()).startsWith("lookups=0");
  }
}
