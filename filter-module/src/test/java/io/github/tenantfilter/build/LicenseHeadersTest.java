// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every source file and script of the checkout carries the Apache-2.0 SPDX header in its first
 * lines (LICENSE holds the text): Java, shell, SQL, asadmin and jboss-cli files. Build output is
 * not looked at, nor data files such as the Unicode tables (their own terms, NOTICE).
 */
class LicenseHeadersTest {

  private static final Path ROOT = Path.of(
      Objects.requireNonNull(System.getProperty("tf.root.dir"), "tf.root.dir is not set"));
  private static final Set<String> SKIPPED = Set.of("target", ".git", ".mvn", "node_modules");
  private static final List<String> LABELLED = List.of(".java", ".sh", ".sql", ".asadmin", ".cli");

  @Test
  void everySourceFileAndScript_carriesTheSpdxHeader() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(ROOT)) {
      files = walk
          .filter(p -> ROOT.relativize(p).toString().isEmpty()
              || !SKIPPED.contains(ROOT.relativize(p).getName(0).toString()))
          .filter(p -> p.toString().split("/target/").length == 1)
          .filter(Files::isRegularFile)
          .filter(p -> LABELLED.stream().anyMatch(ext -> p.getFileName().toString().endsWith(ext))
              || ROOT.relativize(p).toString().equals(".ci/run"))
          .toList();
    }
    assertThat(files).hasSizeGreaterThan(300);
    List<String> unlabelled = files.stream()
        .filter(p -> !head(p).contains("SPDX-License-Identifier: Apache-2.0"))
        .map(p -> ROOT.relativize(p).toString())
        .sorted()
        .collect(Collectors.toList());
    assertThat(unlabelled).as("files without the two header lines every other file starts with")
        .isEmpty();
  }

  private static String head(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.substring(0, Math.min(text.length(), 300));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
