import { describe, expect, it } from 'vitest';
import { chooseFollowUpItems } from '../../src/follow-ups/follow-up-items';
import type { CandidateItem } from '../../src/follow-ups/follow-up-items.repository';

const item = (code: string, over: Partial<CandidateItem> = {}): CandidateItem => ({
  code,
  name: `事项 ${code}`,
  scope: { industries: [], tags: [], subjectKinds: [], divisions: [] },
  licenceLinked: false,
  unlicensedCheck: false,
  ...over,
});

describe('the items of a 跟踪 task', () => {
  const own = item('GZ', { unlicensedCheck: true });
  const linked = item('A', { licenceLinked: true });
  const food = item('B', { scope: { industries: ['52'], tags: [], subjectKinds: [], divisions: [] } });
  const broad = item('C');

  it('takes the items tied to the approval item, and the department’s own follow-up item first', () => {
    expect(chooseFollowUpItems([linked, food, own], () => true).map((i) => i.code)).toEqual(['GZ', 'A']);
  });

  it('else the items whose scope names the subject’s industry (never an item without an industry scope)', () => {
    expect(chooseFollowUpItems([food, broad, own], (i) => i.code === 'B').map((i) => i.code)).toEqual(['GZ', 'B']);
    expect(chooseFollowUpItems([food, broad, own], () => false).map((i) => i.code)).toEqual(['GZ']);
  });

  it('nothing when the department has no item that fits', () => {
    expect(chooseFollowUpItems([broad], () => true)).toEqual([]);
  });
});
