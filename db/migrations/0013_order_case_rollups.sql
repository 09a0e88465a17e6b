CREATE TABLE "rollup_agents_daily" (
	"day" date NOT NULL,
	"agent_id" uuid NOT NULL,
	"resolved" integer NOT NULL,
	"resolution_minutes" bigint NOT NULL,
	"first_responses" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_cases_daily" (
	"day" date NOT NULL,
	"type" text NOT NULL,
	"reason" text NOT NULL,
	"channel" text NOT NULL,
	"product_id" uuid,
	"category" text NOT NULL,
	"team_id" uuid,
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
	"decision_met" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_categories_daily" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"category" text NOT NULL,
	"orders_placed" integer NOT NULL,
	"revenue_cents" bigint NOT NULL,
	"orders_delivered" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_deliveries_daily" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"orders" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_orders_daily" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"orders" integer NOT NULL,
	"total_cents" bigint NOT NULL,
	"refunded_cents" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_products_daily" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"product_id" uuid NOT NULL,
	"category" text NOT NULL,
	"orders_placed" integer NOT NULL,
	"units" integer NOT NULL,
	"revenue_cents" bigint NOT NULL,
	"orders_delivered" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rollup_agents_daily_day_idx" ON "rollup_agents_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "rollup_cases_daily_day_idx" ON "rollup_cases_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "rollup_categories_daily_day_idx" ON "rollup_categories_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "rollup_deliveries_daily_day_idx" ON "rollup_deliveries_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "rollup_orders_daily_day_idx" ON "rollup_orders_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "rollup_products_daily_day_idx" ON "rollup_products_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "cases_created_idx" ON "cases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "cases_first_responded_idx" ON "cases" USING btree ("first_responded_at");--> statement-breakpoint
CREATE INDEX "cases_decided_idx" ON "cases" USING btree ("decided_at");--> statement-breakpoint
CREATE INDEX "cases_completed_at_idx" ON "cases" USING btree ("completed_at");--> statement-breakpoint
CREATE INDEX "cases_closed_at_idx" ON "cases" USING btree ("closed_at");--> statement-breakpoint
-- An order line's rollup day is its order's: placed (ordered) and delivered.
CREATE FUNCTION rollup_mark_order_items_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_dirty (at)
  SELECT date_trunc('hour', t) FROM orders o, unnest(array[o.placed_at, o.delivered_at]) t
  WHERE o.id IN (CASE WHEN TG_OP <> 'DELETE' THEN NEW.order_id END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.order_id END) AND t IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER orders_rollup_dirty AFTER INSERT OR DELETE OR UPDATE OF status, channel, total_cents, refunded_cents, placed_at, delivered_at, deleted_at ON orders
  FOR EACH ROW EXECUTE FUNCTION rollup_mark_dirty('placed_at', 'delivered_at');
--> statement-breakpoint
CREATE TRIGGER order_items_rollup_dirty AFTER INSERT OR DELETE OR UPDATE OF product_id, quantity, line_total_cents ON order_items
  FOR EACH ROW EXECUTE FUNCTION rollup_mark_order_items_dirty();
--> statement-breakpoint
CREATE TRIGGER cases_rollup_dirty AFTER INSERT OR DELETE OR UPDATE OF status, type, reason, team_id, assignee_id, refund_cents, compensation_cents, return_freight_cents, created_at, first_responded_at, decided_at, completed_at, closed_at ON cases
  FOR EACH ROW EXECUTE FUNCTION rollup_mark_dirty('created_at', 'first_responded_at', 'decided_at', 'completed_at', 'closed_at');
--> statement-breakpoint
INSERT INTO rollup_dirty (at) SELECT DISTINCT date_trunc('hour', placed_at) FROM orders ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO rollup_dirty (at) SELECT DISTINCT date_trunc('hour', delivered_at) FROM orders WHERE delivered_at IS NOT NULL ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO rollup_dirty (at) SELECT DISTINCT date_trunc('hour', t) FROM cases, unnest(array[created_at, first_responded_at, decided_at, completed_at, closed_at]) t WHERE t IS NOT NULL ON CONFLICT DO NOTHING;
