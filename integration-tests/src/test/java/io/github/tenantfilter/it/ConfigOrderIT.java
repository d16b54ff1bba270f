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
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order settings are read in on the real servers, as MicroProfile Config users expect: the
 * WAR's web.xml holds packaged defaults; the operator's environment variables (set by failsafe
 * for the servers it starts: {@code CACHE_TTL_MEDIUM=1234}, {@code
 * TENANT_FILTER_TTL_CLASS_LONG=666}), system properties and admin-console properties override
 * them; server-wide defaults at an ordinal under 100 do not. The five TTL-class settings are
 * used by no other test. Read back through the filter's own MXBean (its settings in effect).
 *
 * <ul>
 *   <li>Payara: the admin console's properties are in the config source, put at ordinal 350
 *       (over the environment; Payara's default is 120, under it) and the server-wide defaults
 *       in the domain source, which src/payara/setup.asadmin puts at 90 (ItServices writes the
 *       post-boot file).
 *   <li>WildFly: the admin console's properties are system properties (ordinal 400) and the
 *       server-wide defaults a subsystem config source at 90 ({@link AdminProperties}).
 * </ul>
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup({WildFlyOperatorSetup.class, ConfigOrderIT.AdminProperties.class})
@RunAsClient
class ConfigOrderIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("configorder",
        contextParam("tenant-filter.jmx", "true")
            + contextParam("tenant-filter.ttl-class.short", "222")
            + contextParam("tenant-filter.ttl-class.medium", "999")
            + contextParam("tenant-filter.ttl-class.long", "555")
            + contextParam("tenant-filter.ttl-class.session", "1500"));
  }

  @ArquillianResource URL url;

  private String setting(String name) {
    return new Http(url).get("acme.app.localhost",
        "/jmxprobe?app=/configorder&attribute=Settings&key=tenant-filter." + name).body();
  }

  @Test
  void environmentVariable_shortName_overridesContextParam() {
    assertThat(setting("ttl-class.medium")).isEqualTo("1234");
  }

  @Test
  void adminConsoleProperty_overridesContextParam() {
    assertThat(setting("ttl-class.short")).isEqualTo("111");
  }

  @Test
  void adminConsoleProperty_overridesEnvironmentVariableToo() {
    // WildFly's admin property is a system property (400, over the environment's 300); Payara's
    // config source is put at 350 (its default, 120, is under the environment)
    assertThat(setting("ttl-class.long")).isEqualTo("777");
  }

  @Test
  void serverWideDefaultUnderOrdinal100_lostToContextParam_fillsInWhatWebXmlLeaves() {
    assertThat(setting("ttl-class.session")).isEqualTo("1500");
    assertThat(setting("ttl-class.rate-limit")).isEqualTo("42");
  }

  /**
   * WildFly: the admin console's properties as system properties, and server-wide defaults as a
   * config source at ordinal 90; both removed afterwards.
   */
  public static class AdminProperties implements ServerSetupTask {
    private static final String[][] SYSTEM_PROPERTIES = {
      {"tenant-filter.ttl-class.short", "111"}, {"tenant-filter.ttl-class.long", "777"}
    };

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
      for (String[] property : SYSTEM_PROPERTIES) {
        ModelNode add = op("add", "system-property", property[0]);
        add.get("value").set(property[1]);
        execute(client, add);
      }
      ModelNode source = op("add", "config-source", "tenant-filter-it-defaults");
      source.get("ordinal").set(90);
      source.get("properties").get("tenant-filter.ttl-class.session").set("1600");
      source.get("properties").get("tenant-filter.ttl-class.rate-limit").set("42");
      execute(client, source);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
      for (String[] property : SYSTEM_PROPERTIES) {
        execute(client, op("remove", "system-property", property[0]));
      }
      execute(client, op("remove", "config-source", "tenant-filter-it-defaults"));
    }

    private static ModelNode op(String name, String type, String resource) {
      ModelNode op = new ModelNode();
      op.get("operation").set(name);
      if (type.equals("config-source")) {
        op.get("address").add("subsystem", "microprofile-config-smallrye");
      }
      op.get("address").add(type, resource);
      return op;
    }

    private static void execute(ManagementClient client, ModelNode op) throws Exception {
      ModelNode result = client.getControllerClient().execute(op);
      if (!"success".equals(result.get("outcome").asString())) {
        throw new IllegalStateException(op + " failed: " + result);
      }
    }
  }
}
