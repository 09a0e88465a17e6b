ALTER TABLE "cases" ADD COLUMN "next_due_at" timestamp with time zone GENERATED ALWAYS AS (least(
        case when first_responded_at is null then first_response_due_at end,
        case when decided_at is null then decision_due_at end,
        case when status in ('received', 'inspected', 'needs_action', 'refunding') then refund_due_at end,
        case when completed_at is null then resolution_due_at end)) STORED;--> statement-breakpoint
CREATE INDEX "cases_open_next_due_idx" ON "cases" USING btree ("next_due_at") WHERE "cases"."status" not in ('closed', 'cancelled') and "cases"."paused_since" is null;