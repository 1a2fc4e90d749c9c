import type { Db } from '../db/database';

/** Published annual plans, every revision (已公布 and 已修订), newest year and revision first. */
export const publishedAnnualPlans = (db: Db) =>
  db
    .selectFrom('annual_plans')
    .select(['id', 'year', 'revision', 'status', 'published_content'])
    .where('status', 'in', ['已公布', '已修订'])
    .orderBy('year', 'desc')
    .orderBy('revision', 'desc')
    .execute();

/** Special plans announced to the public, newest first. */
export const publishedSpecialPlans = (db: Db) =>
  db
    .selectFrom('special_plans')
    .select(['id', 'published_content'])
    .where('status', '=', '已公布')
    .where('public', '=', true)
    .orderBy('published_at', 'desc')
    .execute();

export const annualPlanContent = (db: Db, id: number) =>
  db.selectFrom('annual_plans').select(['published_content']).where('id', '=', id).executeTakeFirst();

export const specialPlanContent = (db: Db, id: number) =>
  db.selectFrom('special_plans').select(['published_content']).where('id', '=', id).executeTakeFirst();
