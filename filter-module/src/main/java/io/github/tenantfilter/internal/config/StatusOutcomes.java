// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a tenant's {@code status} makes of a request: served, or answered with a status code. Set
 * as {@code active=serve, suspended=403, deleted=410, *=403}: one entry per status (compared
 * without case), {@code *} for every status not listed. A status that is not listed and no
 * {@code *} is 403: only statuses named {@code serve} are ever served.
 */
public final class StatusOutcomes {

  /** Status codes a tenant's status may map to. */
  public static final Set<Integer> CODES = Set.of(403, 404, 410, 423, 451, 503);

  /** Marks a status whose tenant is served. */
  public static final int SERVE = 0;

  private static final Pattern ENTRY_SEPARATOR = Pattern.compile("\\s*,\\s*");
  private static final Pattern STATUS = Pattern.compile("\\*|[a-z0-9_.-]{1,64}");
  private static final Pattern CODE = Pattern.compile("\\d{3}");

  private final Map<String, Integer> outcomes;
  private final int others;
  private final String text;

  private StatusOutcomes(Map<String, Integer> outcomes, int others, String text) {
    this.outcomes = Map.copyOf(outcomes);
    this.others = others;
    this.text = text;
  }

  /**
   * Parses the setting's text.
   *
   * @throws IllegalArgumentException naming the entry that is wrong
   */
  public static StatusOutcomes parse(String text) {
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    Integer others = null;
    for (String entry : ENTRY_SEPARATOR.split(text.trim())) {
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String status = eq < 0 ? "" : entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String outcome = eq < 0 ? "" : entry.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
      if (status.isEmpty() || !STATUS.matcher(status).matches()) {
        throw new IllegalArgumentException(
            "\"" + entry + "\": entries are status=outcome, such as suspended=403 or *=403");
      }
      int code;
      if (outcome.equals("serve")) {
        code = SERVE;
      } else if (CODE.matcher(outcome).matches() && CODES.contains(Integer.parseInt(outcome))) {
        code = Integer.parseInt(outcome);
      } else {
        throw new IllegalArgumentException("\"" + entry + "\": the outcome must be serve or one of "
            + CODES.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")));
      }
      if (status.equals("*")) {
        others = code;
      } else if (outcomes.putIfAbsent(status, code) != null) {
        throw new IllegalArgumentException("status " + status + " is given twice");
      }
    }
    if (!outcomes.containsValue(SERVE) && (others == null || others != SERVE)) {
      throw new IllegalArgumentException("no status is served (give at least one status=serve)");
    }
    return new StatusOutcomes(new HashMap<>(outcomes), others == null ? 403 : others, text.trim());
  }

  /** {@link #SERVE}, or the status code for a tenant with {@code status}. */
  public int outcome(String status) {
    Integer code = outcomes.get(status);
    if (code == null) {
      code = outcomes.get(status.toLowerCase(Locale.ROOT));
    }
    return code == null ? others : code;
  }

  @Override
  public String toString() {
    return text;
  }
}
