ALTER TYPE "public"."feedback_kind" ADD VALUE 'review';--> statement-breakpoint
CREATE TABLE "channels" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shop_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"currency" char(3) DEFAULT 'CNY' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Today's six channels and eleven categories, named as the app named them, become records.
INSERT INTO "channels" ("code", "name_zh", "name_en", "position") VALUES
  ('own_site', '官网商城', 'Own store', 10), ('tmall', '天猫', 'Tmall', 20), ('jd', '京东', 'JD.com', 30),
  ('douyin', '抖音', 'Douyin', 40), ('pinduoduo', '拼多多', 'Pinduoduo', 50), ('offline', '线下门店', 'Offline', 60);
--> statement-breakpoint
INSERT INTO "product_categories" ("code", "name_zh", "name_en", "position") VALUES
  ('electronics', '数码电子', 'Electronics', 10), ('appliances', '家电', 'Appliances', 20), ('apparel', '服装', 'Apparel', 30),
  ('home', '家居', 'Home', 40), ('beauty', '美妆', 'Beauty', 50), ('food', '食品', 'Food', 60), ('books', '图书', 'Books', 70),
  ('periodicals', '报纸期刊', 'Newspapers & periodicals', 80), ('digital', '数字商品', 'Digital goods', 90),
  ('custom', '定制商品', 'Custom-made', 100), ('toys', '玩具', 'Toys', 110);
--> statement-breakpoint
-- Any other category already in use (or named by a return policy) is kept under its code.
INSERT INTO "product_categories" ("code", "name_zh", "name_en", "position")
  SELECT c, c, c, 1000 FROM (SELECT category AS c FROM products UNION SELECT category FROM return_policies) x
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "shop_settings" ("id") VALUES (1);
--> statement-breakpoint
CREATE TABLE "customer_external_ids" (
	"channel" text NOT NULL,
	"external_id" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_external_ids_channel_external_id_pk" PRIMARY KEY("channel","external_id")
);
--> statement-breakpoint
CREATE TABLE "customer_notes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customer_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" uuid NOT NULL,
	"author_id" uuid,
	"author_label" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feedback" DROP CONSTRAINT "feedback_score_range";--> statement-breakpoint
DROP INDEX "products_category_idx";--> statement-breakpoint
-- PostgreSQL will not change the type of a column a trigger's UPDATE OF names: drop, change, recreate.
DROP TRIGGER orders_rollup_dirty ON orders;--> statement-breakpoint
DROP TRIGGER orders_case_channel ON orders;--> statement-breakpoint
DROP TRIGGER cases_rollup_dirty ON cases;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "channel" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "order_channel" SET DATA TYPE text;--> statement-breakpoint
CREATE TRIGGER orders_rollup_dirty AFTER INSERT OR DELETE OR UPDATE OF status, channel, total_cents, refunded_cents, placed_at, delivered_at, deleted_at ON orders
  FOR EACH ROW EXECUTE FUNCTION rollup_mark_dirty('placed_at', 'delivered_at');--> statement-breakpoint
CREATE TRIGGER orders_case_channel AFTER UPDATE OF channel ON orders
  FOR EACH ROW WHEN (OLD.channel IS DISTINCT FROM NEW.channel) EXECUTE FUNCTION orders_case_channel();--> statement-breakpoint
CREATE TRIGGER cases_rollup_dirty AFTER INSERT OR DELETE OR UPDATE OF status, type, reason, team_id, assignee_id, refund_cents, compensation_cents,
    return_freight_cents, created_at, first_responded_at, decided_at, completed_at, closed_at, order_channel, main_product_id, main_category ON cases
  FOR EACH ROW EXECUTE FUNCTION rollup_mark_dirty('created_at', 'first_responded_at', 'decided_at', 'completed_at', 'closed_at');--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "kind" text DEFAULT 'orders' NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "options" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "name_en" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "customer_external_ids" ADD CONSTRAINT "customer_external_ids_channel_channels_code_fk" FOREIGN KEY ("channel") REFERENCES "public"."channels"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "customer_external_ids" ADD CONSTRAINT "customer_external_ids_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_external_ids_customer_idx" ON "customer_external_ids" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_notes_customer_idx" ON "customer_notes" USING btree ("customer_id","created_at");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_channel_channels_code_fk" FOREIGN KEY ("channel") REFERENCES "public"."channels"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_category_product_categories_code_fk" FOREIGN KEY ("category") REFERENCES "public"."product_categories"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "customers_tags_idx" ON "customers" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "customers" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "products_active_sku_idx" ON "products" USING btree ("active","sku");--> statement-breakpoint
CREATE INDEX "products_name_prefix_idx" ON "products" USING btree (lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "products_name_en_prefix_idx" ON "products" USING btree (lower("name_en") text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_external_ref_key" ON "feedback" USING btree ("external_ref") WHERE "feedback"."external_ref" is not null;--> statement-breakpoint
CREATE INDEX "products_category_idx" ON "products" USING btree ("category","sku");--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_price_nonnegative" CHECK ("products"."price_cents" >= 0);--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_warranty_nonnegative" CHECK ("products"."warranty_days" >= 0);--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_score_range" CHECK ("feedback"."score" is null or ("feedback"."kind"::text in ('csat', 'review') and "feedback"."score" between 1 and 5) or ("feedback"."kind"::text = 'nps' and "feedback"."score" between 0 and 10));--> statement-breakpoint
DROP TYPE "public"."order_channel";