import type { Actor } from '../auth/actor';
import { addDays } from '../calendar/calendar-date';
import { departmentList } from '../departments/department.service';
import { exposureCaseInput } from '../portal-content/exposure-case.schemas';
import { casePenaltyOptions, publishCase, withdrawCase } from '../portal-content/exposure-case.service';
import { assignLead, publishGuide, saveGuideDraft } from '../portal-content/guide.service';
import { knowledgeInput } from '../portal-content/knowledge.schemas';
import { createEntry } from '../portal-content/knowledge.service';
import { publishNews } from '../portal-content/news.service';
import { chinaDate } from '../shared/china-date';
import { checkUscc } from '../shared/uscc';
import type { AppDeps } from '../shared/context';
import { demoCases, demoGuides, demoKnowledge, demoNews } from './demo-portal-content-data';
import { at, atClock } from './demo-steps';

/**
 * 服务门户 content of the demo city, made through the services over the last two months: knowledge base entries, the
 * lead departments of four industries and three published 一业一册 (their items assembled from the city's random-check
 * scopes), news items and 曝光台 cases (one citing a received penalty decision, one withdrawn).
 */
export async function seedDemoPortalContent(deps: AppDeps, actorOf: (username: string) => Promise<Actor>) {
  const today = chinaDate(deps.clock.now());
  const on = (daysAgo: number, time = '10:00') => atClock(deps, at(addDays(today, -daysAgo), time));
  const departments = new Map((await departmentList(deps.db)).map((d) => [d.name, Number(d.id)]));
  const lianxi = await actorOf('lianxi');

  for (const k of demoKnowledge) {
    const who = await actorOf(k.by);
    await createEntry(on(60), who, knowledgeInput.parse(k.entry));
  }

  for (const g of demoGuides) {
    await assignLead(on(50), lianxi, g.code, departments.get(g.lead)!);
    if (!g.text || !g.by) continue;
    const who = await actorOf(g.by);
    await saveGuideDraft(on(45), who, g.code, g.text);
    await publishGuide(on(44, '15:00'), who, g.code);
  }

  for (const n of demoNews) {
    const who = await actorOf(n.by);
    const departmentId = n.department ? departments.get(n.department) : undefined;
    await publishNews(on(n.daysAgo), who, { title: n.title, body: n.body, departmentId });
  }

  for (const c of demoCases) {
    const who = await actorOf(c.by);
    const departmentId = c.department ? departments.get(c.department) : undefined;
    let penalty: { penaltyRecordId: number } | object = {};
    if (c.linkPenalty) {
      const options = await casePenaltyOptions(deps, who, undefined);
      // A decision before the case's publication whose code (if any) is valid: the case repeats it.
      const p = options.find((o) => o.decidedOn <= addDays(today, -c.daysAgo) && (!o.uscc || checkUscc(o.uscc).valid));
      if (p)
        penalty = {
          penaltyRecordId: p.id,
          subjectCategory: p.counterpartCategory,
          subjectName: p.counterpartName,
          uscc: p.uscc,
          decidedOn: p.decidedOn,
          legalBasis: p.legalBasis || c.case.legalBasis,
        };
    }
    const decidedOn = addDays(today, -c.daysAgo - 6);
    const published = await publishCase(
      on(c.daysAgo),
      who,
      exposureCaseInput.parse({ ...c.case, decidedOn, departmentId, ...penalty }),
    );
    if (c.withdraw) await withdrawCase(on(c.daysAgo - 3, '16:00'), who, published.id, c.withdraw);
  }
}
