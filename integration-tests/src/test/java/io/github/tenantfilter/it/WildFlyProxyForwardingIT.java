// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ReloadIfRequired;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WildFly with {@code proxy-address-forwarding=true} rewrites Host from X-Forwarded-Host before
 * any filter runs, so the filter cannot stop a client that reaches the server from choosing its
 * tenant; it must say so at startup. (WildFly only: the payara execution leaves this class out.)
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup({WildFlyOperatorSetup.class, WildFlyProxyForwardingIT.Forwarding.class})
@RunAsClient
class WildFlyProxyForwardingIT {

  private static final String LISTENER = "/subsystem=undertow/server=default-server/http-listener=default";
  /** The server log's length before this class's deployment: what it says after is ours. */
  private static long logStart;

  private static Path log() {
    return ItServices.wildflyHome().resolve("standalone/log/server.log");
  }

  /** Turns proxy-address-forwarding on for this class, and off again. */
  @ReloadIfRequired
  public static class Forwarding implements ServerSetupTask {
    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
      logStart = Files.size(log());
      write(client, true);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
      write(client, false);
    }

    private static void write(ManagementClient client, boolean value) throws IOException {
      ModelNode op = new ModelNode();
      op.get("operation").set("write-attribute");
      ModelNode address = op.get("address");
      for (String part : LISTENER.substring(1).split("/")) {
        String[] pair = part.split("=");
        address.add(pair[0], pair[1]);
      }
      op.get("name").set("proxy-address-forwarding");
      op.get("value").set(value);
      ModelNode result = client.getControllerClient().execute(op);
      if (!"success".equals(result.get("outcome").asString())) {
        throw new IllegalStateException("write-attribute failed: " + result);
      }
    }
  }

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("forwarding");
  }

  @ArquillianResource URL url;

  @Test
  void serverRewritesHost_startupWarns_andTheClientsHostWins() throws IOException {
    byte[] all = Files.readAllBytes(log());
    String text = new String(all, (int) logStart, all.length - (int) logStart,
        StandardCharsets.UTF_8);
    assertThat(text).contains("tenant-filter: the server rewrites Host and the client address from"
        + " X-Forwarded-* headers itself (Undertow proxy-address-forwarding=true on http-listener"
        + " default)");
    // what the warning is about: the client's X-Forwarded-Host decides, the filter cannot tell
    assertThat(new Http(url).get("acme.app.localhost", "/probe/whoami", "X-Forwarded-Host",
        "globex.app.localhost").body()).isEqualTo("tenant=globex cdi=globex");
  }
}
