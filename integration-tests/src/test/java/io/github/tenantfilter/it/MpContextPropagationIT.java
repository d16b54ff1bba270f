// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.mpcontext.MpContextServlet;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The tenant through MicroProfile Context Propagation, on the one server of ours that has it
 * (Open Liberty, {@code mpContextPropagation-1.3}; the {@code liberty} lane only): a {@code
 * ManagedExecutor} that propagates {@code Tenant} runs the work with the request's tenant, on a
 * pooled thread that ran another tenant's work before; one that clears it, with none.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MpContextPropagationIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("mpcontext").addClass(MpContextServlet.class);
  }

  @ArquillianResource URL url;

  @Test
  void managedExecutor_propagatesTheTenant_orClearsIt() {
    Http http = new Http(url);
    for (int i = 0; i < 3; i++) {
      for (String tenant : new String[] {"acme", "globex"}) {
        assertThat(http.get(tenant + ".app.localhost", "/mpcontext").body())
            .isEqualTo("propagated=" + tenant + " cleared=none");
      }
    }
  }
}
