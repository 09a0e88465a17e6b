ALTER TABLE "cases" ADD COLUMN "sla_warned_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sla_alerted_due_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "cases_completed_idx" ON "cases" USING btree ("completed_at") WHERE "cases"."status" in ('refunded', 'delivered', 'repaired_shipped', 'resolved', 'rejected');