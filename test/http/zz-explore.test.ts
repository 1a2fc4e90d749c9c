import { it } from 'vitest';
import { testApp } from '../support/test-platform';
it('explore', async () => {
  const t = await testApp();
  const db = t.deps.db;
  const subs = await db.selectFrom('subjects as s').select(['s.uscc', 's.kind', 's.industry_codes', 's.whitelisted', 's.key_target'])
    .select((eb) => eb.selectFrom('subject_tags as st').innerJoin('tags as g', 'g.id', 'st.tag_id').select((e) => e.fn.agg<string[]>('array_agg', ['g.code']).as('x')).whereRef('st.subject_id', '=', 's.id').as('tags'))
    .where('s.status', '=', '存续').where('s.industry_codes', '&&', ['dummy'] as never).execute().catch(() => []);
  const all = await db.selectFrom('subjects as s').select(['s.id', 's.uscc', 's.kind', 's.industry_codes', 's.whitelisted']).where('s.status', '=', '存续').orderBy('s.uscc', 'desc').execute();
  const tagged = await db.selectFrom('subject_tags as st').innerJoin('tags as g', 'g.id', 'st.tag_id').select(['st.subject_id', 'g.code', 'g.department_id']).execute();
  const tagsOf = new Map<number, string[]>();
  for (const x of tagged) tagsOf.set(x.subject_id, [...(tagsOf.get(x.subject_id) ?? []), `${x.code}@${x.department_id}`]);
  for (const s of all) {
    const ind = s.industry_codes[0]!.slice(0, 2);
    if (!['26', '30', '33', '34', '62', '52'].includes(ind)) continue;
    if (ind === '52' && !s.industry_codes[0]!.startsWith('521') && !s.industry_codes[0]!.startsWith('522')) continue;
    console.log(s.uscc, s.kind, s.industry_codes.join(','), s.whitelisted ? 'WHITE' : '', (tagsOf.get(s.id) ?? []).join(' '));
  }
  void subs;
});
