CREATE TABLE "case_rule_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"default_priority" "case_priority" DEFAULT 'normal' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"position" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"conditions" jsonb NOT NULL,
	"priority" "case_priority" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "priority_rules_conditions_object" CHECK (jsonb_typeof("priority_rules"."conditions") = 'object')
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"position" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"conditions" jsonb NOT NULL,
	"team_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_rules_conditions_object" CHECK (jsonb_typeof("routing_rules"."conditions") = 'object')
);
--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "routing_rules_team_idx" ON "routing_rules" USING btree ("team_id");--> statement-breakpoint
-- The rules that were hard-coded in lib/cases/priority.ts, in their order (lib/case-rules/seeded-rules.ts):
-- an upgraded database opens every case with the priority it had before.
INSERT INTO "priority_rules" ("position", "name_zh", "name_en", "conditions", "priority") VALUES
  (10, '法律或舆论升级风险', 'Legal or public escalation',
    '{"keywords": ["12315", "律师", "起诉", "媒体", "曝光", "投诉到", "lawyer", "court", "journalist"]}', 'urgent'),
  (20, '投诉', 'Complaints', '{"caseTypes": ["complaint"]}', 'high'),
  (30, '客户有多个进行中的售后单', 'Customer with several open cases', '{"openCasesMin": 2}', 'high'),
  (40, '高额订单（¥5,000 及以上）', 'High-value order (¥5,000 and up)', '{"orderValueMinCents": 500000}', 'high'),
  (50, '商品破损、错发、漏发或未收到', 'Goods damaged, wrong, missing or not received',
    '{"reasons": ["damaged_in_transit", "wrong_item", "missing_item", "not_received"]}', 'high'),
  (60, '普通咨询', 'Plain questions', '{"caseTypes": ["inquiry"]}', 'low');
--> statement-breakpoint
INSERT INTO "case_rule_settings" ("id", "default_priority") VALUES (1, 'normal');
