// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.spi.event.container.AfterStart;
import org.jboss.arquillian.container.spi.event.container.BeforeSetup;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * The operator's set-up of a Payara Server domain, run with the distribution's own {@code
 * bin/asadmin} around the start of the managed container (the {@code payara-server} failsafe
 * execution only: its {@code META-INF/services} entry is on that execution's class path alone).
 *
 * <p>Before the container is set up (it checks that its domain exists): a domain of the build's
 * own, {@code asadmin create-domain --nopassword --portbase}, in the unpacked distribution under
 * {@code target/} (a leftover of an interrupted build is stopped and deleted first). Once the
 * container has started (the connector itself would start the domain at its first deployment
 * only), what an operator does (docs/server-payara-server.md): {@code start-domain}, {@code
 * add-library} of the PostgreSQL driver, {@code create-system-properties} with the {@code
 * ${tf.*}} values {@code src/payara/setup.asadmin} refers to (from {@code
 * target/it-services.properties}, which ItServices writes), {@code multimode --file
 * src/payara/setup.asadmin} as it is, {@code restart-domain} (Payara's documentation asks for it
 * after {@code add-library}), and {@code ping-connection-pool tenants-pool}: a pool that does not ping
 * stops the run here, with asadmin's answer, before any deployment.
 *
 * <p>The connector stops the domain after the last test class, failed or not; a JVM shutdown hook
 * registered here stops it too (a run that failed before the tests), and the build's
 * post-integration-test phase once more (a test JVM that was killed).
 */
public final class PayaraServerOperatorSetup implements LoadableExtension {

  private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

  @Override
  public void register(ExtensionBuilder builder) {
    builder.observer(Observer.class);
  }

  /** The observer Arquillian calls around the container's set-up and start. */
  public static final class Observer {

    public void createDomain(@Observes BeforeSetup event) throws IOException {
      if (!onPayaraServer()) {
        return;
      }
      Path domainDir = home().resolve("glassfish/domains").resolve(domain());
      if (Files.isDirectory(domainDir)) {
        // an earlier build of this checkout that was killed: its domain may still run
        asadmin("stop-leftover", false, List.of("stop-domain", "--kill=true", domain()));
        deleteTree(domainDir);
      }
      int portBase = Integer.getInteger("tf.payara.server.portbase");
      int adminPort = Integer.getInteger("tf.payara.server.admin.port");
      if (adminPort != portBase + 48) {
        throw new IllegalStateException("tf.payara.server.admin.port " + adminPort
            + " is not the admin port of --portbase " + portBase + " (" + (portBase + 48) + ")");
      }
      asadmin("create-domain", true, List.of("create-domain", "--nopassword",
          "--portbase", Integer.toString(portBase), domain()));
    }

    public void setUpDomain(@Observes AfterStart event) throws IOException {
      if (!onPayaraServer()) {
        return;
      }
      Properties services = ItServices.get(); // writes target/it-services.properties
      Path script = Path.of(System.getProperty("tf.src.dir"), "payara", "setup.asadmin");

      // the connector starts a domain that is not running at its first deployment, and stops it
      // after the last test class; it is started here, to be set up before that deployment
      Runtime.getRuntime().addShutdownHook(new Thread(Observer::stopDomain, "stop-payara-domain"));
      asadmin("start-domain", true, List.of("start-domain", domain()));
      // the driver to the domain's lib/, the common class loader (no console page)
      asadmin("add-library", true, remote("add-library",
          Path.of(services.getProperty("tf.jdbc.driver.jar")).toString()));
      // Configurations > server-config > System Properties: the values the script refers to
      asadmin("create-system-properties", true,
          remote("create-system-properties", systemProperties(script, services)));
      asadmin("setup.asadmin", true, remote("multimode", "--file", script.toString()));
      // Payara's documentation asks for a restart after add-library (6.2025.9 did not need it);
      // it also shows that the set-up holds once read back from domain.xml. By name: a local
      // command (without it, next to the distribution's domain1, it started domain1)
      asadmin("restart-domain", true, List.of("restart-domain", domain()));
      // Resources > JDBC > JDBC Connection Pools > tenants-pool > Ping
      asadmin("ping-connection-pool", true, remote("ping-connection-pool", "tenants-pool"));
    }

    /** At the test JVM's end: the domain is stopped, whatever happened (exit 1: it was). */
    private static void stopDomain() {
      try {
        asadmin("stop-domain-at-exit", false, List.of("stop-domain", domain()));
      } catch (IOException e) {
        System.err.println("payara-server: could not stop the domain: " + e);
      }
    }
  }

  private static boolean onPayaraServer() {
    return ItServices.server().equals("payara-server");
  }

  private static Path home() {
    return Path.of(System.getProperty("tf.payara.server.home"));
  }

  private static String domain() {
    return System.getProperty("tf.payara.server.domain");
  }

  /** A remote command: to the domain's admin port, as the domain's admin user (no password). */
  private static List<String> remote(String... command) {
    List<String> line = new ArrayList<>(List.of(
        "--port", System.getProperty("tf.payara.server.admin.port"), "--user", "admin"));
    line.addAll(List.of(command));
    return line;
  }

  /**
   * {@code create-system-properties}' operand: every {@code ${name}} of the script's commands with its value
   * from the services file, as {@code name=value:name=value} ({@code \} before {@code :}, {@code
   * =} and {@code \} in a value, as asadmin reads them).
   */
  static String systemProperties(Path script, Properties services) throws IOException {
    Set<String> names = new LinkedHashSet<>();
    for (String line : Files.readAllLines(script)) {
      if (line.strip().startsWith("#")) {
        continue; // asadmin's comments
      }
      Matcher matcher = PROPERTY_REFERENCE.matcher(line);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    List<String> pairs = new ArrayList<>();
    for (String name : names) {
      String value = services.getProperty(name);
      if (value == null) {
        throw new IllegalStateException(script + " refers to ${" + name
            + "}, which it-services.properties does not give");
      }
      pairs.add(name + "=" + value.replaceAll("([\\\\:=])", "\\\\$1"));
    }
    return String.join(":", pairs);
  }

  /**
   * Runs {@code bin/asadmin} non-interactively; its output goes to {@code
   * target/asadmin-<step>.log}. A {@code required} step that fails stops the run with that output.
   */
  private static void asadmin(String step, boolean required, List<String> arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(home().resolve("bin/asadmin").toString());
    command.add("--interactive=false");
    command.addAll(arguments);
    Path log = Path.of(System.getProperty("tf.build.dir"), "asadmin-" + step + ".log");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean done;
    try {
      done = process.waitFor(300, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = false;
    }
    if (!done) {
      process.destroyForcibly();
    }
    int exit = done ? process.exitValue() : -1;
    System.out.printf("payara-server: asadmin %s: exit %d in %.1f s%n", step, exit,
        (System.nanoTime() - start) / 1e9);
    if (required && exit != 0) {
      throw new IllegalStateException("asadmin " + step + " failed (exit " + exit + ", "
          + (done ? "" : "timed out, ") + log + "):\n" + Files.readString(log));
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
