CREATE TYPE "public"."chat_author" AS ENUM('customer', 'agent', 'system');--> statement-breakpoint
CREATE TYPE "public"."chat_status" AS ENUM('waiting', 'active', 'ended', 'missed');--> statement-breakpoint
CREATE TABLE "chat_capacities" (
	"team_id" uuid,
	"user_id" uuid,
	"capacity" integer NOT NULL,
	CONSTRAINT "chat_capacities_one_subject" CHECK (("chat_capacities"."team_id" is null) <> ("chat_capacities"."user_id" is null)),
	CONSTRAINT "chat_capacities_range" CHECK ("chat_capacities"."capacity" between 0 and 50)
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "chat_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"chat_id" uuid NOT NULL,
	"author" "chat_author" NOT NULL,
	"author_id" uuid,
	"body" text DEFAULT '' NOT NULL,
	"attachment_id" uuid,
	"internal" boolean DEFAULT false NOT NULL,
	"client_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_messages_body_len" CHECK (char_length("chat_messages"."body") <= 5000)
);
--> statement-breakpoint
CREATE TABLE "chat_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"team_id" uuid,
	"default_capacity" integer DEFAULT 3 NOT NULL,
	"offer_seconds" integer DEFAULT 30 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid,
	"visitor_name" text NOT NULL,
	"visitor_email" text NOT NULL,
	"visitor_token_hash" text,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"order_id" bigint,
	"team_id" uuid,
	"status" "chat_status" DEFAULT 'waiting' NOT NULL,
	"assignee_id" uuid,
	"offered_to_id" uuid,
	"offered_at" timestamp with time zone,
	"passed_by" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"accepted_at" timestamp with time zone,
	"first_answer_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"case_id" bigint,
	"customer_read_id" bigint DEFAULT 0 NOT NULL,
	"agent_read_id" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chat_capacities" ADD CONSTRAINT "chat_capacities_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_capacities" ADD CONSTRAINT "chat_capacities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_settings" ADD CONSTRAINT "chat_settings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_offered_to_id_users_id_fk" FOREIGN KEY ("offered_to_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chat_capacities_team_key" ON "chat_capacities" USING btree ("team_id") WHERE "chat_capacities"."team_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "chat_capacities_user_key" ON "chat_capacities" USING btree ("user_id") WHERE "chat_capacities"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "chat_messages_chat_idx" ON "chat_messages" USING btree ("chat_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "chat_messages_client_key" ON "chat_messages" USING btree ("chat_id","client_id") WHERE "chat_messages"."client_id" is not null;--> statement-breakpoint
CREATE INDEX "chats_waiting_idx" ON "chats" USING btree ("created_at") WHERE "chats"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "chats_assignee_idx" ON "chats" USING btree ("assignee_id","status") WHERE "chats"."assignee_id" is not null;--> statement-breakpoint
CREATE INDEX "chats_customer_idx" ON "chats" USING btree ("customer_id","created_at") WHERE "chats"."customer_id" is not null;--> statement-breakpoint
CREATE INDEX "chats_offered_idx" ON "chats" USING btree ("offered_to_id") WHERE "chats"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "chats_order_idx" ON "chats" USING btree ("order_id") WHERE "chats"."order_id" is not null;--> statement-breakpoint
CREATE INDEX "chats_case_idx" ON "chats" USING btree ("case_id") WHERE "chats"."case_id" is not null;--> statement-breakpoint
CREATE INDEX "chats_created_idx" ON "chats" USING btree ("created_at");