CREATE TABLE "rollup_case_mix_slice_daily" (
	"day" date NOT NULL,
	"slice" text NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"reason" text NOT NULL,
	"opened" integer NOT NULL,
	"cost_cents" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_cases_slice_daily" (
	"day" date NOT NULL,
	"slice" text NOT NULL,
	"opened" integer NOT NULL,
	"refund_cents" bigint NOT NULL,
	"compensation_cents" bigint NOT NULL,
	"freight_cents" bigint NOT NULL,
	"finished" integer NOT NULL,
	"resolved" integer NOT NULL,
	"resolution_minutes" bigint NOT NULL,
	"resolution_met" integer NOT NULL,
	"first_responses" integer NOT NULL,
	"first_response_minutes" bigint NOT NULL,
	"first_response_met" integer NOT NULL,
	"decisions" integer NOT NULL,
	"decision_met" integer NOT NULL,
	"still_open" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP INDEX "cases_created_customer_idx";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "order_channel" "order_channel";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "main_product_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "main_category" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_cases_channel_daily" ADD COLUMN "still_open" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_cases_daily" ADD COLUMN "still_open" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "rollup_case_mix_slice_daily_idx" ON "rollup_case_mix_slice_daily" USING btree ("slice","dim","day");--> statement-breakpoint
CREATE INDEX "rollup_cases_slice_daily_slice_day_idx" ON "rollup_cases_slice_daily" USING btree ("slice","day");--> statement-breakpoint
CREATE INDEX "cases_created_dims_idx" ON "cases" USING btree ("created_at","customer_id","order_channel","main_category","team_id");--> statement-breakpoint
-- Report dimensions on cases (db/schema/cases.ts): fill them for existing cases, then triggers keep them.
UPDATE cases c SET order_channel = o.channel FROM orders o WHERE o.id = c.order_id;
--> statement-breakpoint
UPDATE cases c SET main_product_id = m.product_id, main_category = coalesce(m.category, '')
FROM (
  SELECT DISTINCT ON (ci.case_id) ci.case_id, oi.product_id, p.category
  FROM case_items ci JOIN order_items oi ON oi.id = ci.order_item_id LEFT JOIN products p ON p.id = oi.product_id
  ORDER BY ci.case_id, ci.id
) m
WHERE m.case_id = c.id;
--> statement-breakpoint
CREATE FUNCTION cases_set_order_channel() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT channel INTO NEW.order_channel FROM orders WHERE id = NEW.order_id;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER cases_order_channel BEFORE INSERT OR UPDATE OF order_id ON cases
  FOR EACH ROW EXECUTE FUNCTION cases_set_order_channel();
--> statement-breakpoint
-- The main product is the case's first item (lowest id); written only when it changes.
CREATE FUNCTION cases_set_main_product(target bigint) RETURNS void LANGUAGE sql AS $$
  UPDATE cases c SET main_product_id = m.product_id, main_category = coalesce(m.category, '')
  FROM (SELECT target AS id) k
  LEFT JOIN LATERAL (
    SELECT oi.product_id, p.category
    FROM case_items ci JOIN order_items oi ON oi.id = ci.order_item_id LEFT JOIN products p ON p.id = oi.product_id
    WHERE ci.case_id = target ORDER BY ci.id LIMIT 1
  ) m ON true
  WHERE c.id = k.id AND (c.main_product_id IS DISTINCT FROM m.product_id OR c.main_category <> coalesce(m.category, ''));
$$;
--> statement-breakpoint
CREATE FUNCTION case_items_main_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM cases_set_main_product(NEW.case_id); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM cases_set_main_product(OLD.case_id); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER case_items_main_product AFTER INSERT OR DELETE OR UPDATE OF case_id, order_item_id ON case_items
  FOR EACH ROW EXECUTE FUNCTION case_items_main_product();
--> statement-breakpoint
CREATE FUNCTION orders_case_channel() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET order_channel = NEW.channel WHERE order_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER orders_case_channel AFTER UPDATE OF channel ON orders
  FOR EACH ROW WHEN (OLD.channel IS DISTINCT FROM NEW.channel) EXECUTE FUNCTION orders_case_channel();
--> statement-breakpoint
-- A rare admin change: it rewrites that product's cases (a scan of cases; no index kept for it).
CREATE FUNCTION products_case_category() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET main_category = coalesce(NEW.category, '') WHERE main_product_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER products_case_category AFTER UPDATE OF category ON products
  FOR EACH ROW WHEN (OLD.category IS DISTINCT FROM NEW.category) EXECUTE FUNCTION products_case_category();
--> statement-breakpoint
-- The case rollups now read these columns: a change of any of them re-rolls the case's days.
DROP TRIGGER cases_rollup_dirty ON cases;
--> statement-breakpoint
CREATE TRIGGER cases_rollup_dirty AFTER INSERT OR DELETE OR UPDATE OF status, type, reason, team_id, assignee_id, refund_cents, compensation_cents,
    return_freight_cents, created_at, first_responded_at, decided_at, completed_at, closed_at, order_channel, main_product_id, main_category ON cases
  FOR EACH ROW EXECUTE FUNCTION rollup_mark_dirty('created_at', 'first_responded_at', 'decided_at', 'completed_at', 'closed_at');
--> statement-breakpoint
-- Fill the slice summaries and the backlog-age counts for days rolled up before they existed.
INSERT INTO rollup_dirty (at) SELECT DISTINCT date_trunc('hour', t) FROM cases, unnest(array[created_at, first_responded_at, decided_at, completed_at, closed_at]) t WHERE t IS NOT NULL ON CONFLICT DO NOTHING;
