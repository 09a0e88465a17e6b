-- Bulk writers (the history import) mark the hours they touch themselves, once per batch, in the
-- same transaction: with `set_config('afterdesk.rollups_deferred', 'on', true)` the per-row marking
-- triggers return at once instead of running an INSERT (and, for order lines, a lookup) per row.
-- The setting is transaction-local, so every other writer keeps the triggers as they were.
CREATE OR REPLACE FUNCTION rollup_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text;
  ts timestamptz;
BEGIN
  IF current_setting('afterdesk.rollups_deferred', true) = 'on' THEN RETURN NULL; END IF;
  FOREACH col IN ARRAY TG_ARGV LOOP
    IF TG_OP <> 'DELETE' THEN
      ts := (to_jsonb(NEW) ->> col)::timestamptz;
      IF ts IS NOT NULL THEN
        INSERT INTO rollup_dirty (at) VALUES (date_trunc('hour', ts)) ON CONFLICT DO NOTHING;
      END IF;
    END IF;
    IF TG_OP <> 'INSERT' THEN
      ts := (to_jsonb(OLD) ->> col)::timestamptz;
      IF ts IS NOT NULL THEN
        INSERT INTO rollup_dirty (at) VALUES (date_trunc('hour', ts)) ON CONFLICT DO NOTHING;
      END IF;
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_mark_order_items_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('afterdesk.rollups_deferred', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO rollup_dirty (at)
  SELECT date_trunc('hour', t) FROM orders o, unnest(array[o.placed_at, o.delivered_at]) t
  WHERE o.id IN (CASE WHEN TG_OP <> 'DELETE' THEN NEW.order_id END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.order_id END) AND t IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
