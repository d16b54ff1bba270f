package io.github.tenantfilter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} process of the test's own on a free loopback port, which the test may
 * kill, pause and restart without disturbing anybody else.
 *
 * <pre>{@code
 * try (RedisProcess redis = RedisProcess.start()) {
 *   String url = redis.url();   // redis://127.0.0.1:<port>
 *   redis.kill();               // SIGKILL
 *   redis.restart();            // same port, empty data
 * }
 * }</pre>
 *
 * <p>The binary is {@code redis-server} from {@code PATH}, or else the Linux x86-64 binary
 * inside {@code com.github.codemonstur:embedded-redis}. {@code DEBUG} commands are enabled for
 * local clients so that tests can use {@code DEBUG SLEEP}.
 */
public final class RedisProcess implements AutoCloseable {

  private static final String EMBEDDED_BINARY = "redis-server-6.2.6-v5-linux-amd64";

  private final Path executable;
  private final int port;
  private final List<String> extraArgs;
  private Process process;

  private RedisProcess(Path executable, int port, List<String> extraArgs) {
    this.executable = executable;
    this.port = port;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /** Starts a Redis on a free port. */
  public static RedisProcess start(String... extraArgs) {
    RedisProcess redis = new RedisProcess(executable(), Ports.free(), List.of(extraArgs));
    redis.launch();
    return redis;
  }

  /** Path of the {@code redis-server} this class runs. */
  public static Path executable() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, "redis-server");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return extractEmbedded();
  }

  private static synchronized Path extractEmbedded() {
    try (InputStream in = RedisProcess.class.getClassLoader().getResourceAsStream(EMBEDDED_BINARY)) {
      if (in == null) {
        throw new IllegalStateException(
            "no redis-server on PATH and no " + EMBEDDED_BINARY + " in embedded-redis");
      }
      Path target = Path.of(System.getProperty("java.io.tmpdir"), "tf-" + EMBEDDED_BINARY);
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("could not extract the embedded redis-server", e);
    }
  }

  private void launch() {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(
        List.of(
            "--port", String.valueOf(port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no",
            "--loglevel", "warning"));
    if (!executable.toString().contains(EMBEDDED_BINARY)) {
      // 7.0+ refuses DEBUG unless allowed; 6.2 (the embedded binary) allows it and rejects the flag
      command.addAll(List.of("--enable-debug-command", "local"));
    }
    command.addAll(extraArgs);
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Ports.answers(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on port " + port + ": " + command);
      }
      sleep(20);
    }
  }

  /** The port this Redis listens on. */
  public int port() {
    return port;
  }

  /** A {@code redis://} URL for this Redis. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Operating-system id of the running process. */
  public long pid() {
    return process.pid();
  }

  /** Kills the process with SIGKILL and waits until it is gone. */
  public void kill() {
    signal("KILL");
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Freezes the process (SIGSTOP): connections stay open, nothing answers. */
  public void pause() {
    signal("STOP");
  }

  /** Thaws a process frozen by {@link #pause()} (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  /** Starts the server again on the same port, with no data. */
  public void restart() {
    if (process.isAlive()) {
      kill();
    }
    launch();
  }

  /** Tells whether the process is running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      resume();
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
