CREATE TABLE "rollup_case_mix_daily" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"reason" text NOT NULL,
	"opened" integer NOT NULL,
	"cost_cents" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_cases_channel_daily" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
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
DROP INDEX "cases_created_idx";--> statement-breakpoint
CREATE INDEX "rollup_case_mix_daily_dim_day_idx" ON "rollup_case_mix_daily" USING btree ("dim","channel","day");--> statement-breakpoint
CREATE INDEX "rollup_cases_channel_daily_day_idx" ON "rollup_cases_channel_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "cases_created_customer_idx" ON "cases" USING btree ("created_at","customer_id");--> statement-breakpoint
-- Fill the new summaries for days rolled up before they existed.
INSERT INTO rollup_dirty (at) SELECT DISTINCT date_trunc('hour', t) FROM cases, unnest(array[created_at, first_responded_at, decided_at, completed_at, closed_at]) t WHERE t IS NOT NULL ON CONFLICT DO NOTHING;
