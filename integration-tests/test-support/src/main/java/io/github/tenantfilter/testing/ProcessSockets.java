// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A local process's established TCP connections, read from {@code /proc} (Linux; the process
 * runs on this machine as this user): which of a server's sockets lead to PostgreSQL, say.
 */
public final class ProcessSockets {

  private ProcessSockets() {}

  /** The local ports of process {@code pid}'s established connections to {@code remotePort}. */
  public static Set<Integer> localPortsTo(long pid, int remotePort) {
    try {
      Set<String> inodes = new HashSet<>();
      try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
        for (Path fd : (Iterable<Path>) fds::iterator) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring(8, target.length() - 1));
            }
          } catch (IOException e) {
            // closed meanwhile
          }
        }
      }
      Set<Integer> localPorts = new TreeSet<>();
      for (String table : List.of("tcp", "tcp6")) {
        Path file = Path.of("/proc", Long.toString(pid), "net", table);
        if (!Files.exists(file)) {
          continue;
        }
        for (String line : Files.readAllLines(file)) {
          String[] f = line.trim().split("\\s+");
          if (f.length < 10 || !f[2].contains(":") || f[0].equals("sl")) {
            continue;
          }
          int remote = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
          boolean established = f[3].equals("01");
          if (remote == remotePort && established && inodes.contains(f[9])) {
            localPorts.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
          }
        }
      }
      return localPorts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
