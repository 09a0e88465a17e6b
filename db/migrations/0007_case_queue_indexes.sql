DROP INDEX "cases_assignee_idx";--> statement-breakpoint
DROP INDEX "cases_team_idx";--> statement-breakpoint
CREATE INDEX "cases_open_created_idx" ON "cases" USING btree ("created_at","id") WHERE "cases"."status" not in ('closed', 'cancelled');--> statement-breakpoint
CREATE INDEX "cases_open_assignee_idx" ON "cases" USING btree ("assignee_id","created_at","id") WHERE "cases"."status" not in ('closed', 'cancelled');--> statement-breakpoint
CREATE INDEX "cases_open_team_idx" ON "cases" USING btree ("team_id","created_at","id") WHERE "cases"."status" not in ('closed', 'cancelled');--> statement-breakpoint
CREATE INDEX "cases_open_unassigned_idx" ON "cases" USING btree ("created_at","id") WHERE "cases"."status" not in ('closed', 'cancelled') and "cases"."assignee_id" is null;