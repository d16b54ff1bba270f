// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Payara Micro in a process of its own, serving one WAR at the root context.
 *
 * <pre>{@code
 * try (PayaraMicro payara = PayaraMicro.start(jar, war, 8080, settings, workDir, log)) {
 *   payara.awaitReady("/api/health", Duration.ofMinutes(3));
 * }
 * }</pre>
 */
public final class PayaraMicro implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private PayaraMicro(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts Payara Micro.
   *
   * @param systemProperties passed to its JVM with {@code -D} (the filter reads them)
   * @param log where its output goes, or {@code null} to share this process's console
   */
  public static PayaraMicro start(
      Path payaraJar,
      Path war,
      int port,
      Map<String, String> systemProperties,
      Path workDir,
      Path log) {
    return start(payaraJar, war, port, List.of("-Xmx512m"), systemProperties, workDir, log);
  }

  /**
   * Starts Payara Micro with JVM options of the caller's choice (heap size, a flight recording).
   *
   * @param jvmOptions passed to its JVM before the system properties, such as {@code -Xmx512m}
   * @param systemProperties passed to its JVM with {@code -D} (the filter reads them)
   * @param log where its output goes, or {@code null} to share this process's console
   */
  public static PayaraMicro start(
      Path payaraJar,
      Path war,
      int port,
      List<String> jvmOptions,
      Map<String, String> systemProperties,
      Path workDir,
      Path log) {
    return start(payaraJar, war, port, jvmOptions, List.of(), systemProperties, workDir, log);
  }

  /**
   * Starts Payara Micro with JVM options and Payara Micro options of the caller's choice.
   *
   * @param microOptions passed to Payara Micro after its own ones, such as {@code --addlibs}
   */
  public static PayaraMicro start(
      Path payaraJar,
      Path war,
      int port,
      List<String> jvmOptions,
      List<String> microOptions,
      Map<String, String> systemProperties,
      Path workDir,
      Path log) {
    requireFile(payaraJar, "Payara Micro (run mvn package first)");
    requireFile(war, "the WAR (run mvn package first)");
    try {
      // one directory per instance: two instances (even one after another) must not share the
      // exploded runtime and application, or one sees the other's half-deleted classes
      Path tmp = Files.createDirectories(workDir.resolve("payara-tmp").resolve("port-" + port));
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      // Payara Micro unpacks itself into java.io.tmpdir: keep it inside target/
      command.add("-Djava.io.tmpdir=" + tmp);
      systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
      command.addAll(
          List.of(
              "-jar", payaraJar.toString(),
              "--deploy", war.toString(),
              "--contextroot", "/",
              "--port", Integer.toString(port),
              "--nocluster",
              "--disablephonehome"));
      command.addAll(microOptions);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      if (log == null) {
        builder.inheritIO();
      } else {
        builder.redirectOutput(log.toFile());
      }
      return new PayaraMicro(builder.start(), port, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Payara Micro", e);
    }
  }

  private static void requireFile(Path path, String what) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("no " + what + " at " + path);
    }
  }

  /** Waits until {@code path} answers 200 on any host, or fails with the end of the log. */
  public void awaitReady(String path, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + tail());
      }
      try {
        if (RawHttp.get(port, "localhost", path).status() == 200) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      Await.sleep(250);
    }
    throw new IllegalStateException("Payara Micro was not ready within " + timeout + tail());
  }

  private String tail() {
    if (log == null) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(log);
      return "; last lines of " + log + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Waits until Payara Micro says it is ready (whether or not the deployment worked) and returns
   * its log so far.
   */
  public String awaitBooted(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      String text = Files.readString(log);
      if (text.contains("Payara Micro") && text.contains(" ready in ")) {
        return text;
      }
      Await.sleep(250);
    }
    return Files.readString(log);
  }

  /** The process id of its JVM (for jcmd). */
  public long pid() {
    return process.pid();
  }

  /** The HTTP port. */
  public int port() {
    return port;
  }

  /** Waits until the process ends. */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
