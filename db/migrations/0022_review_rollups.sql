ALTER TABLE "rollup_feedback_products_daily" ADD COLUMN "reviews" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_feedback_products_daily" ADD COLUMN "review_score_sum" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_feedback_products_daily" ADD COLUMN "reviews_low" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "import_jobs_kind_created_idx" ON "import_jobs" USING btree ("kind","created_at");--> statement-breakpoint
-- Days with reviews are rolled up again to fill the new columns (kind::text: the enum value may be
-- from this same migration run, see 0020).
INSERT INTO rollup_dirty (at) SELECT DISTINCT date_trunc('hour', created_at) FROM feedback WHERE kind::text = 'review' ON CONFLICT DO NOTHING;
