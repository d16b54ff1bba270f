// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

/**
 * What {@link TenantIdentifier} made of a request: a key to look up, no tenant to look for (the
 * apex of a base domain, an IP address), or a malformed request.
 */
public final class Identification {

  /** The possible outcomes. */
  public enum Outcome {
    /** Look up {@link Identification#key()}. */
    KEY,
    /** The request names no tenant. */
    NONE,
    /** The request is malformed; answer 400. */
    MALFORMED
  }

  private static final Identification NONE = new Identification(Outcome.NONE, null, "no tenant");

  private final Outcome outcome;
  private final LookupKey key;
  private final String reason;

  private Identification(Outcome outcome, LookupKey key, String reason) {
    this.outcome = outcome;
    this.key = key;
    this.reason = reason;
  }

  /** A request that names {@code key}. */
  public static Identification of(LookupKey key) {
    return new Identification(Outcome.KEY, key, null);
  }

  /** A request that names no tenant. */
  public static Identification none() {
    return NONE;
  }

  /** A malformed request; {@code reason} is safe to show to the client. */
  public static Identification malformed(String reason) {
    return new Identification(Outcome.MALFORMED, null, reason);
  }

  /** The outcome. */
  public Outcome outcome() {
    return outcome;
  }

  /** The key to look up, or {@code null} unless the outcome is {@link Outcome#KEY}. */
  public LookupKey key() {
    return key;
  }

  /** Why the request is malformed or names no tenant; never client input. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return outcome == Outcome.KEY ? "key " + key : outcome + " (" + reason + ")";
  }
}
