CREATE TABLE "return_policies" (
	"category" text PRIMARY KEY NOT NULL,
	"no_reason_days" integer NOT NULL,
	"quality_return_days" integer NOT NULL,
	"quality_exchange_days" integer NOT NULL,
	"allowed_types" "case_type"[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
