import { unique } from '../http';
import type { TestApp } from '../test-platform';

/**
 * A draw round and its record, empty, for tests of what follows a draw (publishing its tasks, notifying inspectors).
 * Written directly: the only service that creates a record is the draw itself, which picks its own subjects at random
 * (the draw is tested on its own). Add its tasks with createTask({ source: '抽取', drawRecordId, status: '待发布' }).
 */
export async function createDrawRecord(t: TestApp, window = { from: '2026-12-01', to: '2026-12-31' }) {
  const tag = unique().tag;
  const now = t.clock.now();
  const round = await t.deps.db
    .insertInto('draw_rounds')
    .values({
      round_no: `CQ-N${tag}`,
      title: `测试抽取 ${tag}`,
      year: Number(window.from.slice(0, 4)),
      round_index: 1,
      rounds_in_year: 1,
      window_from: window.from,
      window_to: window.to,
      sampling_item_ids: [],
      design: 'poisson',
      commitment: '{}',
      commitment_hash: 'x',
      frame_snapshot: Buffer.from(''),
      created_by: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const recordNo = `CJ-N${tag}`;
  const record = await t.deps.db
    .insertInto('draw_records')
    .values({
      record_no: recordNo,
      round_id: round.id,
      redraw_of: null,
      redraw_reason: null,
      seed: 'x',
      record_digest: 'x',
      measures: '{}',
      bundle: Buffer.from(''),
      created_by: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(record.id), recordNo };
}
