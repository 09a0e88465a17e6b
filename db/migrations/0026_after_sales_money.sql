CREATE TYPE "public"."compensation_method" AS ENUM('coupon', 'cash', 'points');--> statement-breakpoint
CREATE TYPE "public"."compensation_status" AS ENUM('pending_approval', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."freight_payer" AS ENUM('shop', 'customer');--> statement-breakpoint
ALTER TYPE "public"."case_type" ADD VALUE 'price_protection' BEFORE 'complaint';--> statement-breakpoint
ALTER TYPE "public"."case_type" ADD VALUE 'compensation' BEFORE 'complaint';--> statement-breakpoint
CREATE TABLE "case_compensations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_compensations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"amount_cents" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"method" "compensation_method" NOT NULL,
	"reason" text NOT NULL,
	"status" "compensation_status" NOT NULL,
	"recorded_by_id" uuid,
	"recorded_by_label" text NOT NULL,
	"decided_by_id" uuid,
	"decided_by_label" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_compensations_amount_positive" CHECK ("case_compensations"."amount_cents" > 0)
);
--> statement-breakpoint
ALTER TABLE "shop_settings" ADD COLUMN "compensation_approval_cents" bigint DEFAULT 10000 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_items" ADD COLUMN "claimed_unit_cents" bigint;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "return_freight_payer" "freight_payer";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "replacement_carrier" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "replacement_tracking_no" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "replacement_shipped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "return_policies" ADD COLUMN "price_protection_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_compensations" ADD CONSTRAINT "case_compensations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_compensations" ADD CONSTRAINT "case_compensations_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_compensations" ADD CONSTRAINT "case_compensations_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_compensations_case_idx" ON "case_compensations" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_compensations_recorded_by_idx" ON "case_compensations" USING btree ("recorded_by_id");--> statement-breakpoint
CREATE INDEX "case_compensations_decided_by_idx" ON "case_compensations" USING btree ("decided_by_id");--> statement-breakpoint
-- Reports count return freight only where the shop pays it, so a change of payer must re-roll the
-- case's days too: the rollup trigger gains return_freight_payer (drop and recreate, as in 0020).
DROP TRIGGER cases_rollup_dirty ON cases;--> statement-breakpoint
CREATE TRIGGER cases_rollup_dirty AFTER INSERT OR DELETE OR UPDATE OF status, type, reason, team_id, assignee_id, refund_cents, compensation_cents,
    return_freight_cents, return_freight_payer, created_at, first_responded_at, decided_at, completed_at, closed_at, order_channel, main_product_id, main_category ON cases
  FOR EACH ROW EXECUTE FUNCTION rollup_mark_dirty('created_at', 'first_responded_at', 'decided_at', 'completed_at', 'closed_at');
