import type { Selectable } from 'kysely';
import type { LicenceRecordTable, PenaltyRecordTable } from '../records/record.table';
import type { PublicationKind } from './publication.table';

/**
 * The one home of the national 双公示 data items (行政许可 XK_…, 行政处罚 CF_…): their names, their meaning in Chinese,
 * and how a received record maps to them. The public portal, the push to the credit information platform
 * (《浦东新区“六个双”政府综合监管实施办法（暂行）》第四十条、第四十一条) and the exports all use these.
 *
 * A natural person's ID number is never among them: the platform keeps only a masked form (and a cipher for
 * authorised matching) and publishes neither; the items 证件类型 / 证件号码 are left out of every document. The
 * name (行政相对人名称) is published in full, as the national items require it to identify the party.
 */
export const licenceFieldLabels = {
  XK_XDR_MC: '行政相对人名称',
  XK_XDR_LB: '行政相对人类别',
  XK_XDR_SHXYM: '统一社会信用代码',
  XK_FRDB: '法定代表人',
  XK_XKWS: '行政许可决定文书名称',
  XK_WSH: '行政许可决定文书号',
  XK_XKLB: '许可类别',
  XK_XKZS: '许可证书名称',
  XK_XKBH: '许可编号',
  XK_NR: '许可内容',
  XK_JDRQ: '许可决定日期',
  XK_YXQZ: '有效期自',
  XK_YXQZI: '有效期至',
  XK_XKJG: '许可机关',
  XK_XKJGDM: '许可机关统一社会信用代码',
  XK_ZT: '当前状态',
  XK_LYDW: '数据来源单位',
  XK_LYDWDM: '数据来源单位统一社会信用代码',
  BZ: '备注',
} as const;

export const penaltyFieldLabels = {
  CF_XDR_MC: '行政相对人名称',
  CF_XDR_LB: '行政相对人类别',
  CF_XDR_SHXYM: '统一社会信用代码',
  CF_FRDB: '法定代表人',
  CF_WSH: '行政处罚决定书文号',
  CF_WFXW: '违法行为类型',
  CF_SY: '违法事实',
  CF_YJ: '处罚依据',
  CF_CFLB: '处罚类别',
  CF_NR: '处罚内容',
  CF_NR_FK: '罚款金额（万元）',
  CF_NR_WFFF: '没收违法所得、没收非法财物的金额（万元）',
  CF_NR_ZKDX: '暂扣或吊销证照名称及编号',
  CF_JDRQ: '处罚决定日期',
  CF_GSJZQ: '公示截止期',
  CF_CFJG: '处罚机关',
  CF_CFJGDM: '处罚机关统一社会信用代码',
  CF_ZT: '当前状态',
  CF_LYDW: '数据来源单位',
  CF_LYDWDM: '数据来源单位统一社会信用代码',
  BZ: '备注',
} as const;

export type LicenceFields = Record<keyof typeof licenceFieldLabels, string>;
export type PenaltyFields = Record<keyof typeof penaltyFieldLabels, string>;

/** The labels of a kind, in the national order. */
export const fieldLabelsOf = (kind: PublicationKind): Readonly<Record<string, string>> =>
  kind === '行政许可' ? licenceFieldLabels : penaltyFieldLabels;

/** 有效期至 2099-12-31 means indefinite in the national items. */
const INDEFINITE = '2099-12-31';

type Licence = Pick<
  Selectable<LicenceRecordTable>,
  | 'counterpart_name'
  | 'counterpart_category'
  | 'uscc'
  | 'legal_representative'
  | 'decision_doc_name'
  | 'decision_doc_no'
  | 'category'
  | 'certificate_name'
  | 'certificate_no'
  | 'content'
  | 'decided_on'
  | 'valid_from'
  | 'valid_to'
  | 'authority_name'
  | 'authority_uscc'
  | 'status'
  | 'source_unit_name'
  | 'source_unit_uscc'
>;

type Penalty = Pick<
  Selectable<PenaltyRecordTable>,
  | 'counterpart_name'
  | 'counterpart_category'
  | 'uscc'
  | 'legal_representative'
  | 'decision_doc_no'
  | 'violation_type'
  | 'violation_facts'
  | 'legal_basis'
  | 'categories'
  | 'content'
  | 'fine_amount'
  | 'confiscated_amount'
  | 'licence_affected'
  | 'decided_on'
  | 'publicity_until'
  | 'authority_name'
  | 'authority_uscc'
  | 'status'
  | 'source_unit_name'
  | 'source_unit_uscc'
>;

// A natural person has no legal representative; an organisation's representative is part of its public record.
const representative = (r: { counterpart_category: string; legal_representative: string }) =>
  r.counterpart_category === '自然人' ? '' : r.legal_representative;

const amount = (v: string | null) => (v == null || v === '' ? '' : Number(v).toString());

export function licenceFields(r: Licence, note = ''): LicenceFields {
  return {
    XK_XDR_MC: r.counterpart_name,
    XK_XDR_LB: r.counterpart_category,
    XK_XDR_SHXYM: r.uscc ?? '',
    XK_FRDB: representative(r),
    XK_XKWS: r.decision_doc_name,
    XK_WSH: r.decision_doc_no,
    XK_XKLB: r.category,
    XK_XKZS: r.certificate_name,
    XK_XKBH: r.certificate_no,
    XK_NR: r.content,
    XK_JDRQ: r.decided_on,
    XK_YXQZ: r.valid_from,
    XK_YXQZI: r.valid_to ?? INDEFINITE,
    XK_XKJG: r.authority_name,
    XK_XKJGDM: r.authority_uscc,
    XK_ZT: r.status,
    XK_LYDW: r.source_unit_name,
    XK_LYDWDM: r.source_unit_uscc,
    BZ: note,
  };
}

export function penaltyFields(r: Penalty, note = ''): PenaltyFields {
  return {
    CF_XDR_MC: r.counterpart_name,
    CF_XDR_LB: r.counterpart_category,
    CF_XDR_SHXYM: r.uscc ?? '',
    CF_FRDB: representative(r),
    CF_WSH: r.decision_doc_no,
    CF_WFXW: r.violation_type,
    CF_SY: r.violation_facts,
    CF_YJ: r.legal_basis,
    CF_CFLB: r.categories.join('；'),
    CF_NR: r.content,
    CF_NR_FK: amount(r.fine_amount),
    CF_NR_WFFF: amount(r.confiscated_amount),
    CF_NR_ZKDX: r.licence_affected,
    CF_JDRQ: r.decided_on,
    CF_GSJZQ: r.publicity_until,
    CF_CFJG: r.authority_name,
    CF_CFJGDM: r.authority_uscc,
    CF_ZT: r.status,
    CF_LYDW: r.source_unit_name,
    CF_LYDWDM: r.source_unit_uscc,
    BZ: note,
  };
}
