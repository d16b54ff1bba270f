// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.stats;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * WildFly: the Elytron application security domain {@value #DOMAIN} that StatsIT's WAR names in
 * its {@code jboss-web.xml}, mapped to {@code ApplicationDomain} with {@code
 * integrated-jaspi=false}, so that the identity a Jakarta Security {@code IdentityStore} of the
 * application returns is used as it is (with {@code true}, WildFly's default, it must also exist
 * in the domain's realm, and a valid login fails with ELY01177 and a 500). Added without a
 * reload; it stays afterwards, since removing it would leave the server, which the other test
 * classes share, waiting for a reload (it only serves WARs that name it).
 */
public class StatsSecurityDomainSetup implements ServerSetupTask {

  /** The domain's name. */
  public static final String DOMAIN = "tenant-filter-stats-it";

  @Override
  public void setup(ManagementClient client, String containerId) throws Exception {
    ModelNode read = operation("read-resource");
    if ("success".equals(client.getControllerClient().execute(read).get("outcome").asString())) {
      return; // from an earlier run on this server
    }
    ModelNode add = operation("add");
    add.get("security-domain").set("ApplicationDomain");
    add.get("integrated-jaspi").set(false);
    execute(client, add);
  }

  @Override
  public void tearDown(ManagementClient client, String containerId) {
    // kept: see the class comment
  }

  private static ModelNode operation(String name) {
    ModelNode op = new ModelNode();
    op.get("operation").set(name);
    op.get("address").add("subsystem", "undertow").add("application-security-domain", DOMAIN);
    return op;
  }

  private static void execute(ManagementClient client, ModelNode op) throws Exception {
    ModelNode result = client.getControllerClient().execute(op);
    if (!"success".equals(result.get("outcome").asString())) {
      throw new IllegalStateException(op + " failed: " + result);
    }
    if (result.hasDefined("response-headers")
        && result.get("response-headers").hasDefined("operation-requires-reload")) {
      throw new IllegalStateException(op + " needs a reload: " + result);
    }
  }
}
