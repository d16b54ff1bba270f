// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The {@code redis-server} the tests run: the one on PATH, else the one embedded-redis ships
 * (extracted once into the temporary directory); {@code -Dtf.test.redis.embedded=true} forces the
 * embedded one.
 */
final class RedisBinary {

  private static final String EMBEDDED_BINARY = "redis-server-6.2.6-v5-linux-amd64";

  private RedisBinary() {}

  /** Whether {@code executable} is the embedded binary (an old Redis: fewer options). */
  static boolean isEmbedded(Path executable) {
    return executable.toString().contains(EMBEDDED_BINARY);
  }

  /** Path of the {@code redis-server} to run. */
  static Path path() {
    String path = System.getenv("PATH");
    if (path != null && !Boolean.getBoolean("tf.test.redis.embedded")) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, "redis-server");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return extractEmbedded();
  }

  private static synchronized Path extractEmbedded() {
    try (InputStream in =
        RedisBinary.class.getClassLoader().getResourceAsStream(EMBEDDED_BINARY)) {
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
}
