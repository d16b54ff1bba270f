// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.api.Tenant;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis form of a tenant: a versioned JSON object. Decoding is strict: anything that is not
 * exactly this shape is rejected, never half-read.
 *
 * <pre>
 * {"v":1,"id":"acme","name":"Acme","subdomain":"acme","customDomains":["acme.example"],
 *  "plan":"pro","status":"active","settings":"{\"theme\":\"dark\"}","updatedAt":"2026-..Z"}
 * </pre>
 */
public final class TenantCodec {

  /** Format version written in {@code "v"}. */
  static final int VERSION = 1;

  private final JsonProvider json;

  /** Creates a codec over the server's JSON-P provider (looked up once: the lookup is slow). */
  public TenantCodec() {
    this(JsonProvider.provider());
  }

  TenantCodec(JsonProvider json) {
    this.json = json;
  }

  /** A decoded value: the tenant and until when (epoch millis) it is fresh. */
  public record Value(Tenant tenant, long freshUntil) {}

  /** Encodes {@code tenant} as always fresh. */
  public String encode(Tenant tenant) {
    return encode(tenant, Long.MAX_VALUE);
  }

  /** Encodes {@code tenant}, fresh until {@code freshUntil} (epoch millis). */
  public String encode(Tenant tenant, long freshUntil) {
    JsonArrayBuilder domains = json.createArrayBuilder();
    tenant.customDomains().forEach(domains::add);
    JsonObjectBuilder object =
        json.createObjectBuilder()
            .add("v", VERSION)
            .add("id", tenant.id())
            .add("name", tenant.name());
    if (tenant.subdomain() == null) {
      object.addNull("subdomain");
    } else {
      object.add("subdomain", tenant.subdomain());
    }
    object
        .add("customDomains", domains)
        .add("plan", tenant.plan())
        .add("status", tenant.status())
        .add("settings", tenant.settings());
    if (tenant.updatedAt() == null) {
      object.addNull("updatedAt");
    } else {
      object.add("updatedAt", tenant.updatedAt().toString());
    }
    if (freshUntil != Long.MAX_VALUE) {
      object.add("freshUntil", freshUntil);
    }
    return object.build().toString();
  }

  /**
   * Decodes a value written by {@link #encode(Tenant, long)}.
   *
   * @throws IllegalArgumentException if {@code text} is not such a value
   */
  public Value decodeValue(String text) {
    JsonObject object = parse(text);
    long freshUntil = Long.MAX_VALUE;
    JsonValue fresh = object.get("freshUntil");
    if (fresh != null) {
      if (!(fresh instanceof JsonNumber number) || !number.isIntegral()) {
        throw new IllegalArgumentException("freshUntil is not a whole number");
      }
      freshUntil = number.longValue();
    }
    return new Value(tenant(object), freshUntil);
  }

  /**
   * Decodes a value written by {@link #encode(Tenant)}.
   *
   * @throws IllegalArgumentException if {@code text} is not such a value
   */
  public Tenant decode(String text) {
    return tenant(parse(text));
  }

  private JsonObject parse(String text) {
    try (JsonReader reader = json.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      // JsonException, IllegalStateException, and what a provider's limits throw (Parsson's
      // "too deeply nested" is a plain RuntimeException)
      throw new IllegalArgumentException("not a JSON object");
    }
  }

  private static Tenant tenant(JsonObject object) {
    if (!(object.get("v") instanceof JsonNumber v) || v.intValue() != VERSION) {
      throw new IllegalArgumentException("unknown format version");
    }
    JsonValue domainsValue = object.get("customDomains");
    if (!(domainsValue instanceof JsonArray array)) {
      throw new IllegalArgumentException("customDomains is not an array");
    }
    List<String> domains = new ArrayList<>(array.size());
    for (JsonValue domain : array) {
      if (!(domain instanceof JsonString s)) {
        throw new IllegalArgumentException("customDomains holds a non-string");
      }
      domains.add(s.getString());
    }
    String updatedAt = optionalString(object, "updatedAt");
    try {
      return new Tenant(
          requiredString(object, "id"),
          requiredString(object, "name"),
          optionalString(object, "subdomain"),
          domains,
          requiredString(object, "plan"),
          requiredString(object, "status"),
          requiredString(object, "settings"),
          updatedAt == null ? null : Instant.parse(updatedAt));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("updatedAt is not an instant");
    }
  }

  /**
   * Tells whether {@code text} is a JSON object (what a tenant's settings must be).
   */
  public boolean isJsonObject(String text) {
    try (JsonReader reader = json.createReader(new StringReader(text))) {
      reader.readObject();
      return true;
    } catch (RuntimeException e) {
      return false; // not JSON, not an object, or beyond the provider's limits (see parse)
    }
  }

  private static String requiredString(JsonObject object, String name) {
    if (!(object.get(name) instanceof JsonString s)) {
      throw new IllegalArgumentException(name + " is not a string");
    }
    return s.getString();
  }

  private static String optionalString(JsonObject object, String name) {
    JsonValue value = object.get(name);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonString s)) {
      throw new IllegalArgumentException(name + " is not a string");
    }
    return s.getString();
  }
}
