CREATE INDEX "surveys_order_idx" ON "surveys" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "surveys_case_idx" ON "surveys" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "surveys_customer_idx" ON "surveys" USING btree ("customer_id");