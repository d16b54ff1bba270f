// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * How a region's values become the text stored in Redis, and back. The heap tier holds the
 * values themselves (by reference); only Redis sees this form.
 *
 * <pre>{@code
 * CacheSerializer<Plan> plans = CacheSerializer.of(Plan::toJson, Plan::fromJson);
 * }</pre>
 *
 * <p>A text that {@link #deserialize} rejects (written by an older version, corrupted) is
 * treated as a miss and deleted from Redis: the loader answers instead.
 *
 * @param <V> the values' type
 */
public interface CacheSerializer<V> {

  /**
   * The text form of {@code value}.
   *
   * @param value never {@code null}
   * @return the text stored in Redis
   */
  String serialize(V value);

  /**
   * The value of {@code text}.
   *
   * @param text a text that {@link #serialize} made
   * @return the value
   * @throws RuntimeException (any) if {@code text} is not a value of this serializer
   */
  V deserialize(String text);

  /** {@return a serializer that stores strings as they are} */
  static CacheSerializer<String> strings() {
    return of(Function.identity(), Function.identity());
  }

  /** {@return a serializer that stores longs in decimal} */
  static CacheSerializer<Long> longs() {
    return of(value -> Long.toString(value), Long::valueOf);
  }

  /**
   * A serializer from two functions.
   *
   * @param <V> the values' type
   * @param serialize a value to its text
   * @param deserialize a text back to its value; throws for a text it does not know
   * @return the serializer
   * @throws NullPointerException if either is {@code null}
   */
  static <V> CacheSerializer<V> of(
      Function<? super V, String> serialize, Function<String, ? extends V> deserialize) {
    Objects.requireNonNull(serialize, "serialize");
    Objects.requireNonNull(deserialize, "deserialize");
    return new CacheSerializer<>() {
      @Override
      public String serialize(V value) {
        return serialize.apply(value);
      }

      @Override
      public V deserialize(String text) {
        return deserialize.apply(text);
      }
    };
  }
}
