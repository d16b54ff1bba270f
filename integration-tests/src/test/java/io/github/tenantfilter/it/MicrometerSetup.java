// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import org.jboss.as.arquillian.api.ReloadIfRequired;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * WildFly: the {@code micrometer} subsystem with its Prometheus registry at {@code /prometheus}
 * on the management interface, as docs/operations.md tells an operator to add it. WildFly 39
 * ships the extension but none of its standalone configurations has it, and adding it leaves
 * the server {@code reload-required} (tried by hand): so it is not in the operator script
 * {@code src/wildfly/setup.cli}, which runs without a reload, and this task reloads ({@link
 * ReloadIfRequired}) after adding it and again after removing it, so that the test classes that
 * run later on the same server find it as it was.
 */
@ReloadIfRequired
public class MicrometerSetup implements ServerSetupTask {

  /** The Prometheus registry's context on the management interface. */
  public static final String CONTEXT = "/prometheus";

  private boolean added;

  @Override
  public void setup(ManagementClient client, String containerId) throws Exception {
    if (succeeds(client, operation("read-resource", "subsystem", "micrometer"))) {
      return; // the operator's (or an earlier run's): left as it is
    }
    if (!succeeds(client, operation("read-resource", "extension",
        "org.wildfly.extension.micrometer"))) {
      execute(client, operation("add", "extension", "org.wildfly.extension.micrometer"));
    }
    execute(client, operation("add", "subsystem", "micrometer"));
    ModelNode registry = operation("add", "subsystem", "micrometer");
    registry.get("address").add("registry", "prometheus");
    registry.get("context").set(CONTEXT);
    registry.get("security-enabled").set(false);
    execute(client, registry);
    added = true;
  }

  @Override
  public void tearDown(ManagementClient client, String containerId) throws Exception {
    if (added) {
      execute(client, operation("remove", "subsystem", "micrometer"));
      execute(client, operation("remove", "extension", "org.wildfly.extension.micrometer"));
      added = false;
    }
  }

  private static ModelNode operation(String name, String type, String value) {
    ModelNode op = new ModelNode();
    op.get("operation").set(name);
    op.get("address").add(type, value);
    return op;
  }

  private static boolean succeeds(ManagementClient client, ModelNode op) throws Exception {
    return "success".equals(client.getControllerClient().execute(op).get("outcome").asString());
  }

  private static void execute(ManagementClient client, ModelNode op) throws Exception {
    ModelNode result = client.getControllerClient().execute(op);
    if (!"success".equals(result.get("outcome").asString())) {
      throw new IllegalStateException(op + " failed: " + result);
    }
  }
}
