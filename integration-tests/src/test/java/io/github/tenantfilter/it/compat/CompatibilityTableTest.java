// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table's rows come from the reports as they are: a failure or a skip is never a pass. */
class CompatibilityTableTest {

  @TempDir Path target;

  private void report(String execution, String testClass, int tests, int failures, int errors,
      int skipped, String kind) throws Exception {
    Path dir = Files.createDirectories(target.resolve("failsafe-reports").resolve(execution));
    Files.writeString(dir.resolve("TEST-io.github.tenantfilter.it." + testClass + ".xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuite name=\"io.github.tenantfilter.it." + testClass + "\" tests=\"" + tests
            + "\" errors=\"" + errors + "\" skipped=\"" + skipped + "\" failures=\"" + failures
            + "\"><properties>"
            + "<property name=\"tf.server.name\" value=\"Payara Micro\"/>"
            + "<property name=\"tf.server.version\" value=\"7.2026.11\"/>"
            + "<property name=\"tf.lane.kind\" value=\"" + kind + "\"/>"
            + "</properties>" + testCases(testClass, failures, errors, skipped)
            + "</testsuite>\n");
  }

  private static String testCases(String testClass, int failures, int errors, int skipped) {
    StringBuilder cases = new StringBuilder();
    String cls = "io.github.tenantfilter.it." + testClass;
    for (int i = 0; i < failures; i++) {
      cases.append("<testcase name=\"fails").append(i).append("\" classname=\"").append(cls)
          .append("\"><failure message=\"expected 200&#10;but was 503\" type=\"x\"/></testcase>");
    }
    for (int i = 0; i < errors; i++) {
      cases.append("<testcase name=\"errs").append(i).append("\" classname=\"").append(cls)
          .append("\"><error message=\"Connection refused\" type=\"x\"/></testcase>");
    }
    for (int i = 0; i < skipped; i++) {
      cases.append("<testcase name=\"skips").append(i).append("\" classname=\"").append(cls)
          .append("\"><skipped/></testcase>");
    }
    return cases.toString();
  }

  private void serverInfo(String execution, String servlet, String java) throws Exception {
    Path dir = Files.createDirectories(target.resolve("compat"));
    Files.writeString(dir.resolve(execution + ".properties"),
        "servlet.container=" + servlet + "\njava.version=" + java + "\njava.vendor=Vendor\n");
  }

  @Test
  void passingExecution_rowWithWhatTheServerAnswered() throws Exception {
    report("payara7", "ServerInfoIT", 1, 0, 0, 0, "compatibility");
    report("payara7", "FragmentPickUpIT", 17, 0, 0, 0, "compatibility");
    serverInfo("payara7", "6.1", "25.0.3");

    List<CompatibilityTable.Row> rows = CompatibilityTable.rows(target);

    assertThat(rows).hasSize(1);
    assertThat(CompatibilityTable.markdown(rows)).contains(
        "| Payara Micro | 7.2026.11 | 11 (Servlet 6.1) | 25.0.3 (Vendor) | `payara7`"
            + " (compatibility) | 2 classes, 18 tests: FragmentPickUpIT, ServerInfoIT | pass |");
  }

  @Test
  void failureErrorOrSkip_isNeverAPass_andNoServerInfoIsSaid() throws Exception {
    report("failing", "AIT", 3, 1, 0, 0, "reference");
    report("erring", "BIT", 3, 0, 1, 0, "reference");
    report("skipping", "CIT", 3, 0, 0, 1, "reference");

    List<CompatibilityTable.Row> rows = CompatibilityTable.rows(target);

    assertThat(rows).extracting(CompatibilityTable.Row::passed).containsOnly(false);
    String table = CompatibilityTable.markdown(rows);
    assertThat(table).doesNotContain("| pass |").contains("not recorded")
        .contains("**FAIL** (1 failed, 0 skipped)").contains("**FAIL** (0 failed, 1 skipped)");
    assertThat(CompatibilityTable.failures(rows)).isEqualTo(
        "not passed in `erring`: BIT.errs0: error: Connection refused\n"
            + "not passed in `failing`: AIT.fails0: failure: expected 200\n"
            + "not passed in `skipping`: CIT.skips0: skipped\n");
  }

  @Test
  void passingRows_nameNoFailure() throws Exception {
    report("payara7", "ServerInfoIT", 1, 0, 0, 0, "compatibility");
    assertThat(CompatibilityTable.failures(CompatibilityTable.rows(target))).isEmpty();
  }

  @Test
  void executionWithoutTests_hasNoRow() throws Exception {
    Files.createDirectories(target.resolve("failsafe-reports").resolve("empty"));
    assertThat(CompatibilityTable.rows(target)).isEmpty();
  }

  @Test
  void docs_tableReplacedBetweenTheMarkers_only() {
    String doc = "intro\n" + CompatibilityTable.BEGIN + "\nold table\n" + CompatibilityTable.END
        + "\nafter\n";
    assertThat(CompatibilityTable.replaceBetweenMarkers(doc, "| new |\n"))
        .isEqualTo("intro\n" + CompatibilityTable.BEGIN + "\n| new |\n" + CompatibilityTable.END
            + "\nafter\n");
    assertThatThrownBy(() -> CompatibilityTable.replaceBetweenMarkers("no markers", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
