CREATE TABLE "help_search_terms" (
	"scope" text NOT NULL,
	"term" text NOT NULL,
	"code" boolean DEFAULT false NOT NULL,
	CONSTRAINT "help_search_terms_scope_term_pk" PRIMARY KEY("scope","term")
);
--> statement-breakpoint
CREATE INDEX "help_search_terms_code_idx" ON "help_search_terms" USING btree ("scope") WHERE "help_search_terms"."code";--> statement-breakpoint
-- Documents indexed before this migration give the lexicon its words and codes (the same
-- statement as lib/help/index-sql.ts, over every document).
INSERT INTO "help_search_terms" ("scope", "term", "code")
SELECT d.source || ':' || d.locale, w.term, bool_or(w.code)
FROM help_search_documents d
CROSS JOIN LATERAL (
  SELECT p.term, false AS code FROM help_search_postings p
  WHERE p.document_id = d.id AND p.term ~ '^[a-z0-9-]+$' AND length(p.term) >= 3
  UNION ALL
  SELECT c, true FROM regexp_split_to_table(d.trigram_text, '\s+') AS c
  WHERE c ~ '^[a-z0-9-]+$' AND c ~ '[a-z]' AND c ~ '[0-9]' AND length(c) >= 3
) w
GROUP BY 1, 2
ON CONFLICT DO NOTHING;
--> statement-breakpoint
ANALYZE "help_search_terms";
