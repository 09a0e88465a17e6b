DROP TABLE "rollup_case_mix_daily" CASCADE;--> statement-breakpoint
DROP TABLE "rollup_cases_channel_daily" CASCADE;