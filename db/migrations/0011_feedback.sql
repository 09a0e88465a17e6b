CREATE TYPE "public"."feedback_kind" AS ENUM('csat', 'nps', 'suggestion', 'complaint', 'praise', 'other');--> statement-breakpoint
CREATE TYPE "public"."feedback_status" AS ENUM('new', 'reviewed', 'actioned');--> statement-breakpoint
CREATE TYPE "public"."survey_kind" AS ENUM('csat', 'nps');--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" "feedback_kind" NOT NULL,
	"customer_id" uuid NOT NULL,
	"author_id" uuid,
	"survey_id" uuid,
	"order_id" bigint,
	"product_id" uuid,
	"case_id" bigint,
	"agent_id" uuid,
	"score" smallint,
	"comment" text DEFAULT '' NOT NULL,
	"words" text[] DEFAULT '{}'::text[] NOT NULL,
	"category_id" uuid,
	"classified_by" text,
	"status" "feedback_status" DEFAULT 'new' NOT NULL,
	"owner_id" uuid,
	"follow_up_case_id" bigint,
	"follow_up_due_at" timestamp with time zone,
	"follow_up_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_score_range" CHECK ("feedback"."score" is null or ("feedback"."kind" = 'csat' and "feedback"."score" between 1 and 5) or ("feedback"."kind" = 'nps' and "feedback"."score" between 0 and 10))
);
--> statement-breakpoint
CREATE TABLE "feedback_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"keywords" text[] NOT NULL,
	"category_id" uuid,
	"tag_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"csat_enabled" boolean DEFAULT true NOT NULL,
	"nps_enabled" boolean DEFAULT true NOT NULL,
	"nps_delay_days" integer DEFAULT 7 NOT NULL,
	"survey_valid_days" integer DEFAULT 14 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_tag_links" (
	"feedback_id" bigint NOT NULL,
	"tag_id" uuid NOT NULL,
	CONSTRAINT "feedback_tag_links_feedback_id_tag_id_pk" PRIMARY KEY("feedback_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "feedback_tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "survey_kind" NOT NULL,
	"customer_id" uuid NOT NULL,
	"order_id" bigint,
	"case_id" bigint,
	"agent_id" uuid,
	"product_id" uuid,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_category_id_feedback_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."feedback_categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_follow_up_case_id_cases_id_fk" FOREIGN KEY ("follow_up_case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_rules" ADD CONSTRAINT "feedback_rules_category_id_feedback_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."feedback_categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_rules" ADD CONSTRAINT "feedback_rules_tag_id_feedback_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."feedback_tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_tag_links" ADD CONSTRAINT "feedback_tag_links_feedback_id_feedback_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_tag_links" ADD CONSTRAINT "feedback_tag_links_tag_id_feedback_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."feedback_tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_survey_key" ON "feedback" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "feedback_created_idx" ON "feedback" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "feedback_kind_created_idx" ON "feedback" USING btree ("kind","created_at","id");--> statement-breakpoint
CREATE INDEX "feedback_status_created_idx" ON "feedback" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "feedback_category_created_idx" ON "feedback" USING btree ("category_id","created_at","id");--> statement-breakpoint
CREATE INDEX "feedback_product_created_idx" ON "feedback" USING btree ("product_id","created_at","id");--> statement-breakpoint
CREATE INDEX "feedback_owner_created_idx" ON "feedback" USING btree ("owner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "feedback_customer_created_idx" ON "feedback" USING btree ("customer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "feedback_agent_created_idx" ON "feedback" USING btree ("agent_id","created_at") WHERE "feedback"."kind" = 'csat';--> statement-breakpoint
CREATE INDEX "feedback_case_idx" ON "feedback" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "feedback_follow_up_case_idx" ON "feedback" USING btree ("follow_up_case_id");--> statement-breakpoint
CREATE INDEX "feedback_tag_links_tag_idx" ON "feedback_tag_links" USING btree ("tag_id","feedback_id");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_csat_case_key" ON "surveys" USING btree ("case_id") WHERE "surveys"."kind" = 'csat';--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_nps_order_key" ON "surveys" USING btree ("order_id") WHERE "surveys"."kind" = 'nps';--> statement-breakpoint
CREATE INDEX "surveys_kind_offered_idx" ON "surveys" USING btree ("kind","offered_at");--> statement-breakpoint
CREATE INDEX "surveys_customer_open_idx" ON "surveys" USING btree ("customer_id","expires_at") WHERE "surveys"."answered_at" is null;--> statement-breakpoint
CREATE INDEX "orders_delivered_idx" ON "orders" USING btree ("delivered_at") WHERE "orders"."delivered_at" is not null and "orders"."deleted_at" is null;--> statement-breakpoint
INSERT INTO "feedback_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
