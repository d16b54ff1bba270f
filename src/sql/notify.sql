-- SPDX-License-Identifier: Apache-2.0
-- Copyright 2026 the tenant-filter authors
-- tenant-filter: optional automatic invalidation. Any change to a tenant or to its domains,
-- made by any tool (even plain SQL), notifies the channel tenant_filter with the tenant's id;
-- nodes with tenant-filter.store.notify-channel=tenant_filter drop that tenant from both cache
-- tiers. For the default schema (schema.sql); adapt the column names for tables of your own.
-- Idempotent: safe to run again.

CREATE OR REPLACE FUNCTION tenant_filter_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'tenant_domains' THEN
        IF TG_OP <> 'INSERT' THEN
            PERFORM pg_notify('tenant_filter', OLD.tenant_id);
        END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.tenant_id IS DISTINCT FROM OLD.tenant_id
                                  OR NEW.domain IS DISTINCT FROM OLD.domain) THEN
            PERFORM pg_notify('tenant_filter', NEW.tenant_id);
        END IF;
    ELSE
        IF TG_OP <> 'INSERT' THEN
            PERFORM pg_notify('tenant_filter', OLD.id);
        END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.id IS DISTINCT FROM OLD.id) THEN
            PERFORM pg_notify('tenant_filter', NEW.id);
        END IF;
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS tenant_filter_notify ON tenants;
CREATE TRIGGER tenant_filter_notify AFTER INSERT OR UPDATE OR DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION tenant_filter_notify();

DROP TRIGGER IF EXISTS tenant_filter_notify ON tenant_domains;
CREATE TRIGGER tenant_filter_notify AFTER INSERT OR UPDATE OR DELETE ON tenant_domains
    FOR EACH ROW EXECUTE FUNCTION tenant_filter_notify();
