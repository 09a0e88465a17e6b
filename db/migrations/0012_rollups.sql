CREATE TABLE "rollup_dirty" (
	"at" timestamp with time zone PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_feedback_agents_daily" (
	"day" date NOT NULL,
	"agent_id" uuid NOT NULL,
	"csat_n" integer NOT NULL,
	"csat_good" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_feedback_daily" (
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"score" smallint,
	"category_id" uuid,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_feedback_products_daily" (
	"day" date NOT NULL,
	"product_id" uuid NOT NULL,
	"total" integer NOT NULL,
	"complaints" integer NOT NULL,
	"csat_n" integer NOT NULL,
	"csat_good" integer NOT NULL,
	"nps_n" integer NOT NULL,
	"nps_promoters" integer NOT NULL,
	"nps_detractors" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_feedback_words_daily" (
	"day" date NOT NULL,
	"word" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_surveys_daily" (
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"offered" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rollup_feedback_agents_daily_day_idx" ON "rollup_feedback_agents_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "rollup_feedback_daily_day_idx" ON "rollup_feedback_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "rollup_feedback_products_daily_day_idx" ON "rollup_feedback_products_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "rollup_feedback_words_daily_day_idx" ON "rollup_feedback_words_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "rollup_surveys_daily_day_idx" ON "rollup_surveys_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "surveys_offered_idx" ON "surveys" USING btree ("offered_at");--> statement-breakpoint
-- Marks the hours of the given timestamp columns (old and new values) as needing their rollups
-- recomputed, in the writing transaction. See docs/decisions/0007-rollups.md.
CREATE FUNCTION rollup_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text;
  ts timestamptz;
BEGIN
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
CREATE TRIGGER feedback_rollup_dirty AFTER INSERT OR DELETE OR UPDATE OF kind, score, category_id, product_id, agent_id, words, created_at ON feedback
  FOR EACH ROW EXECUTE FUNCTION rollup_mark_dirty('created_at');
--> statement-breakpoint
CREATE TRIGGER surveys_rollup_dirty AFTER INSERT OR DELETE OR UPDATE OF kind, offered_at ON surveys
  FOR EACH ROW EXECUTE FUNCTION rollup_mark_dirty('offered_at');
--> statement-breakpoint
-- Existing feedback and surveys (databases migrated before rollups existed) are rolled up once.
INSERT INTO rollup_dirty (at) SELECT DISTINCT date_trunc('hour', created_at) FROM feedback ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO rollup_dirty (at) SELECT DISTINCT date_trunc('hour', offered_at) FROM surveys ON CONFLICT DO NOTHING;
