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

  private final String forward;
  private final LookupKey hostKey;

  private Identification(Outcome outcome, LookupKey key, String reason) {
    this(outcome, key, reason, null);
  }

  private Identification(Outcome outcome, LookupKey key, String reason, String forward) {
    this(outcome, key, reason, forward, null);
  }

  private Identification(Outcome outcome, LookupKey key, String reason, String forward,
      LookupKey hostKey) {
    this.outcome = outcome;
    this.key = key;
    this.reason = reason;
    this.forward = forward;
    this.hostKey = hostKey;
  }

  /**
   * This identification, for a tenant named by a path segment on a host that names a tenant too
   * ({@code hostKey}): served only if both are the same tenant.
   */
  public Identification withHostKey(LookupKey hostKey) {
    return new Identification(outcome, key, reason, forward, hostKey);
  }

  /**
   * The key of the tenant the host names, where a path segment named the tenant and the host
   * names one too, or {@code null}: the filter refuses the request if they differ.
   */
  public LookupKey hostKey() {
    return hostKey;
  }

  /** A request that names {@code key}. */
  public static Identification of(LookupKey key) {
    return new Identification(Outcome.KEY, key, null);
  }

  /**
   * A request that names {@code key} in a path segment, to be forwarded to {@code forward} (the
   * rest of its path, decoded, starting with {@code /}), or {@code null} to run as it is.
   */
  public static Identification of(LookupKey key, String forward) {
    return new Identification(Outcome.KEY, key, null, forward);
  }

  /**
   * The path, within the application and decoded, the request is to be forwarded to once its
   * tenant is served, or {@code null}: it runs as it came.
   */
  public String forward() {
    return forward;
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
