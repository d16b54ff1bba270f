// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider of the sample, looked up once. The static methods of {@code
 * jakarta.json.Json} ({@code Json.createObjectBuilder()}, {@code Json.createReader(...)}) call
 * {@link JsonProvider#provider()} each time, and that is a {@code ServiceLoader} scan of the class
 * path (every JAR of the WAR and the server's API class loader): about a third of the time of the
 * sample's JSON endpoints went there (docs/sample-performance.md). Use this one instead.
 */
final class SampleJson {

  /** The provider, found when the class is first used (by a request of this application). */
  static final JsonProvider JSON = JsonProvider.provider();

  private SampleJson() {}
}
