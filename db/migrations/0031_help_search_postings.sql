CREATE TABLE "help_search_postings" (
	"scope" text NOT NULL,
	"term" text NOT NULL,
	"document_id" bigint NOT NULL,
	"score" real NOT NULL
);
--> statement-breakpoint
ALTER TABLE "help_search_postings" ADD CONSTRAINT "help_search_postings_document_id_help_search_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."help_search_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_postings_term_idx" ON "help_search_postings" USING btree ("scope","term","score" DESC NULLS LAST,"document_id");--> statement-breakpoint
CREATE INDEX "help_postings_document_idx" ON "help_search_postings" USING btree ("document_id");--> statement-breakpoint
-- Documents indexed before this migration get their postings (same formula as lib/help/index-sql.ts).
INSERT INTO "help_search_postings" ("scope", "term", "document_id", "score")
select d.source || ':' || d.locale, t.term, d.id,
    (1.2 * least(sum(t.a), 1) + 0.5 * ln(1 + sum(t.b)) + 0.4 * ln(1 + sum(t.c) + 0.5 * sum(t.dd)))::real
  from help_search_documents d
  cross join lateral (
    select u.lexeme as term, w.a, w.b, w.c, w.dd
    from unnest(d.simple_tsv) as u(lexeme, positions, weights)
    cross join lateral (
      select count(*) filter (where x::text = 'A') as a, count(*) filter (where x::text = 'B') as b,
             count(*) filter (where x::text = 'C') as c, count(*) filter (where x::text = 'D') as dd
      from unnest(u.weights) x) w
    union all
    select 'e:' || u.lexeme, w.a, w.b, w.c, w.dd
    from unnest(d.english_tsv) as u(lexeme, positions, weights)
    cross join lateral (
      select count(*) filter (where x::text = 'A') as a, count(*) filter (where x::text = 'B') as b,
             count(*) filter (where x::text = 'C') as c, count(*) filter (where x::text = 'D') as dd
      from unnest(u.weights) x) w
    where u.lexeme ~ '^[ -~]+$'
  ) t
GROUP BY d.source, d.locale, t.term, d.id;
--> statement-breakpoint
ANALYZE "help_search_postings";
