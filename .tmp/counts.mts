import { sql } from 'drizzle-orm';
import { getDb, closeDb } from '@/db/client';
import { rowsOf } from '@/db/rows';
const db = await getDb();
console.log(rowsOf(await db.execute(sql`select (select count(*) from cases) cases, (select count(*) from surveys) surveys, (select count(*) from feedback) fb, (select count(*) from feedback where category_id is not null) classified, (select count(*) from feedback_tag_links) tags, (select json_agg(x) from (select kind, count(*) from feedback group by kind) x) kinds`)));
await closeDb();
