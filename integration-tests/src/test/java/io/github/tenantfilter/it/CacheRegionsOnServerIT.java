// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application injects {@code CacheRegions} from the JAR in its {@code WEB-INF/lib} and caches
 * its own data in a named region, on the real server with the operator's Redis: loaded once,
 * then served from the heap tier; invalidated, loaded again.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class CacheRegionsOnServerIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.war("regions");
  }

  @Test
  void region_injectedIntoTheApplication_loadsOnce_invalidateReloads(@ArquillianResource URL url) {
    Http http = new Http(url);
    String probe = "/regionprobe?key=" + UUID.randomUUID();

    assertThat(http.get("acme.app.localhost", probe).body())
        .isEqualTo("value=v1 loads=1 regions=tenant,probe");
    assertThat(http.get("acme.app.localhost", probe).body())
        .isEqualTo("value=v1 loads=1 regions=tenant,probe");
    assertThat(http.get("acme.app.localhost", probe + "&invalidate=true").body())
        .isEqualTo("invalidated");
    assertThat(http.get("acme.app.localhost", probe).body())
        .isEqualTo("value=v2 loads=2 regions=tenant,probe");
  }
}
