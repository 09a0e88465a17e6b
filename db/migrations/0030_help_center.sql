CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."help_article_status" AS ENUM('draft', 'published', 'archived');--> statement-breakpoint
CREATE TYPE "public"."help_missing_reason" AS ENUM('not_answered', 'unclear', 'outdated', 'too_long', 'other');--> statement-breakpoint
CREATE TABLE "help_article_feedback" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" uuid NOT NULL,
	"version_number" integer,
	"locale" text NOT NULL,
	"helpful" boolean NOT NULL,
	"missing_reason" "help_missing_reason",
	"comment" text,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_article_versions" (
	"article_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title_zh" text,
	"description_zh" text,
	"body_zh" text,
	"title_en" text,
	"description_en" text,
	"body_en" text,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_article_versions_article_id_number_pk" PRIMARY KEY("article_id","number")
);
--> statement-breakpoint
CREATE TABLE "help_article_views" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"customer_id" uuid,
	"surface" text DEFAULT 'help' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"category_id" uuid NOT NULL,
	"status" "help_article_status" DEFAULT 'draft' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"related" text[] DEFAULT '{}'::text[] NOT NULL,
	"title_zh" text,
	"description_zh" text,
	"body_zh" text,
	"title_en" text,
	"description_en" text,
	"body_en" text,
	"published_version" integer,
	"unpublished_changes" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "help_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_categories_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "help_daily" (
	"day" date NOT NULL,
	"searches" integer DEFAULT 0 NOT NULL,
	"no_result_searches" integer DEFAULT 0 NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"helpful_yes" integer DEFAULT 0 NOT NULL,
	"helpful_no" integer DEFAULT 0 NOT NULL,
	"suggestions_shown" integer DEFAULT 0 NOT NULL,
	"suggestions_submitted" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "help_daily_day_pk" PRIMARY KEY("day")
);
--> statement-breakpoint
CREATE TABLE "help_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_search_documents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"article_id" uuid,
	"section_id" text,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"simple_tsv" "tsvector" NOT NULL,
	"english_tsv" "tsvector" NOT NULL,
	"trigram_text" text NOT NULL,
	"content_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_searches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"surface" text NOT NULL,
	"locale" text NOT NULL,
	"query" text NOT NULL,
	"results" integer NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_suggestion_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"order_id" bigint,
	"article_ids" uuid[] NOT NULL,
	"opened_article_id" uuid,
	"case_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "help_article_feedback" ADD CONSTRAINT "help_article_feedback_article_id_help_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."help_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_article_feedback" ADD CONSTRAINT "help_article_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_article_versions" ADD CONSTRAINT "help_article_versions_article_id_help_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."help_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_article_versions" ADD CONSTRAINT "help_article_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_article_views" ADD CONSTRAINT "help_article_views_article_id_help_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."help_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_article_views" ADD CONSTRAINT "help_article_views_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_articles" ADD CONSTRAINT "help_articles_category_id_help_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."help_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_articles" ADD CONSTRAINT "help_articles_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_articles" ADD CONSTRAINT "help_articles_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_images" ADD CONSTRAINT "help_images_article_id_help_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."help_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_images" ADD CONSTRAINT "help_images_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_search_documents" ADD CONSTRAINT "help_search_documents_article_id_help_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."help_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_searches" ADD CONSTRAINT "help_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_suggestion_sessions" ADD CONSTRAINT "help_suggestion_sessions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_suggestion_sessions" ADD CONSTRAINT "help_suggestion_sessions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_suggestion_sessions" ADD CONSTRAINT "help_suggestion_sessions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_feedback_article_idx" ON "help_article_feedback" USING btree ("article_id","created_at");--> statement-breakpoint
CREATE INDEX "help_views_created_idx" ON "help_article_views" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "help_views_article_idx" ON "help_article_views" USING btree ("article_id","created_at");--> statement-breakpoint
CREATE INDEX "help_views_customer_idx" ON "help_article_views" USING btree ("customer_id","created_at") WHERE customer_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "help_articles_slug_idx" ON "help_articles" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "help_articles_category_idx" ON "help_articles" USING btree ("category_id","status","position");--> statement-breakpoint
CREATE INDEX "help_articles_updated_idx" ON "help_articles" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "help_images_article_idx" ON "help_images" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "help_search_simple_idx" ON "help_search_documents" USING gin ("simple_tsv");--> statement-breakpoint
CREATE INDEX "help_search_english_idx" ON "help_search_documents" USING gin ("english_tsv");--> statement-breakpoint
CREATE INDEX "help_search_trigram_idx" ON "help_search_documents" USING gin ("trigram_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "help_search_source_idx" ON "help_search_documents" USING btree ("source","locale");--> statement-breakpoint
CREATE UNIQUE INDEX "help_search_article_idx" ON "help_search_documents" USING btree ("article_id","locale") WHERE article_id is not null;--> statement-breakpoint
CREATE INDEX "help_searches_created_idx" ON "help_searches" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "help_searches_no_result_idx" ON "help_searches" USING btree ("created_at") WHERE results = 0;--> statement-breakpoint
CREATE INDEX "help_suggestions_created_idx" ON "help_suggestion_sessions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "help_suggestions_customer_idx" ON "help_suggestion_sessions" USING btree ("customer_id","created_at");