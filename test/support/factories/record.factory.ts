import { enterpriseUscc, organUscc } from '../../../src/shared/uscc';
import { demoIdCard } from '../../../src/demo/demo-seed';

let serial = 10_000_000 + Math.floor(Math.random() * 80_000_000);
const next = () => (serial += 1);

/** A fresh enterprise credit code (division 371199, not used by the demo city) and a sender record id. */
export function freshKeys(): { uscc: string; senderRecordId: string; n: number } {
  const n = next();
  return { uscc: enterpriseUscc('371199', n), senderRecordId: `T-${n}`, n };
}

/** A valid ID number not used by the demo city. */
export const freshIdNumber = (): string => demoIdCard('371199', next() % 1_000);

export const AUTHORITY = { name: '日照市行政审批服务局', uscc: organUscc('371100', 900_001) };
export const SOURCE = { name: '日照市市场监督管理局', uscc: organUscc('371100', 900_002) };

/** A registration event (设立 by default) as a department's system sends it. */
export function registrationPayload(over: Record<string, unknown> = {}) {
  const k = freshKeys();
  return {
    senderRecordId: k.senderRecordId,
    event: '设立',
    uscc: k.uscc,
    name: `日照测试餐饮管理有限公司${k.n}`,
    subjectKind: '企业',
    legalRepresentative: '王测试',
    businessScope: '餐饮服务；食品销售；技术服务',
    industryCodes: ['6210'],
    divisionCode: '371102',
    address: '日照市东港区测试路 1 号',
    registeredOn: '2026-11-02',
    registrationAuthority: '日照市市场监督管理局',
    priorApproval: false,
    ...over,
  };
}

export function licencePayload(over: Record<string, unknown> = {}) {
  const k = freshKeys();
  return {
    senderRecordId: k.senderRecordId,
    counterpartCategory: '法人及非法人组织',
    counterpartName: `日照测试食品有限公司${k.n}`,
    uscc: k.uscc,
    legalRepresentative: '李测试',
    decisionDocName: '食品经营许可决定书',
    decisionDocNo: `日审批食许〔2026〕${k.n}号`,
    category: '普通',
    certificateName: '食品经营许可证',
    certificateNo: `JY1371102${k.n}`,
    content: '食品销售经营者（预包装食品销售）',
    validFrom: '2026-11-05',
    validTo: '2031-11-04',
    decidedOn: '2026-11-05',
    authorityName: AUTHORITY.name,
    authorityUscc: AUTHORITY.uscc,
    sourceUnitName: AUTHORITY.name,
    sourceUnitUscc: AUTHORITY.uscc,
    status: '有效',
    ...over,
  };
}

export function penaltyPayload(over: Record<string, unknown> = {}) {
  const k = freshKeys();
  return {
    senderRecordId: k.senderRecordId,
    counterpartCategory: '法人及非法人组织',
    counterpartName: `日照测试超市有限公司${k.n}`,
    uscc: k.uscc,
    legalRepresentative: '赵测试',
    decisionDocNo: `日市监罚〔2026〕${k.n}号`,
    violationType: '销售过期食品',
    violationFacts: '当事人经营超过保质期的预包装食品 12 件',
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
    categories: ['警告', '罚款'],
    content: '警告，并处罚款 0.5 万元',
    fineAmount: '0.5',
    decidedOn: '2026-11-10',
    publicityUntil: '2027-11-09',
    authorityName: SOURCE.name,
    authorityUscc: SOURCE.uscc,
    sourceUnitName: SOURCE.name,
    sourceUnitUscc: SOURCE.uscc,
    status: '有效',
    ...over,
  };
}
