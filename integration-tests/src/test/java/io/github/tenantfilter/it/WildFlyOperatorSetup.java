// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

/**
 * Runs the operator's jboss-cli scripts ({@code src/wildfly/setup.cli}, {@code teardown.cli};
 * {@link Standalone}: {@code setup-standalone.cli}, {@code teardown-standalone.cli})
 * with WildFly's own {@code bin/jboss-cli.sh} against the server Arquillian started, before the
 * test class's deployment and after it.
 */
public class WildFlyOperatorSetup implements ServerSetupTask {

  private final String setup;
  private final String teardown;

  public WildFlyOperatorSetup() {
    this("setup.cli", "teardown.cli");
  }

  WildFlyOperatorSetup(String setup, String teardown) {
    this.setup = setup;
    this.teardown = teardown;
  }

  /** {@code src/wildfly/setup-standalone.cli}: a WildFly started with plain standalone.xml. */
  public static final class Standalone extends WildFlyOperatorSetup {
    public Standalone() {
      super("setup-standalone.cli", "teardown-standalone.cli");
    }
  }

  @Override
  public void setup(ManagementClient client, String containerId) throws Exception {
    cli(client, setup);
  }

  @Override
  public void tearDown(ManagementClient client, String containerId) throws Exception {
    cli(client, teardown);
  }

  private static void cli(ManagementClient client, String script)
      throws IOException, InterruptedException {
    ItServices.get(); // writes the properties file the script reads
    Path home = ItServices.wildflyHome();
    Path log = Path.of(System.getProperty("tf.build.dir"), "jboss-cli-" + script + ".log");
    Process process =
        new ProcessBuilder(
                List.of(
                    home.resolve("bin/jboss-cli.sh").toString(),
                    "--connect",
                    "--controller=" + client.getMgmtAddress() + ":" + client.getMgmtPort(),
                    "--resolve-parameter-values",
                    "--properties="
                        + Path.of(System.getProperty("tf.build.dir"), "it-services.properties"),
                    "--file=" + Path.of(System.getProperty("tf.src.dir"), "wildfly", script)))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "jboss-cli " + script + " failed:\n" + Files.readString(log));
    }
  }
}
