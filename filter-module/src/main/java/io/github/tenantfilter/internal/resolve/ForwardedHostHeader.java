// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

/**
 * Which header a trusted proxy writes the client's host into: the only one the filter reads
 * ({@code tenant-filter.trusted-proxies.host-header}). The other one is never read, whatever it
 * says: a client can send either, and only the one the proxy writes is the proxy's word.
 */
public enum ForwardedHostHeader {
  /** Neither: the host is always {@code Host}. */
  NONE,
  /** RFC 7239 {@code Forwarded}, the {@code host=} of the element the nearest trusted hops wrote. */
  FORWARDED,
  /** {@code X-Forwarded-Host}, which the proxy sets (replacing what a client sent). */
  X_FORWARDED_HOST
}
