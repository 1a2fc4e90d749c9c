import { industryCatalog } from '../industries/industry-catalog';
import { orgCodeCheckCharacter, usccCheckCharacter } from '../shared/uscc';
import type { SubjectImportInput } from '../subjects/subject.schemas';
import type { CreditClass, SubjectKind } from '../subjects/subject.table';
import { seededRandom, type SeededRandom } from '../shared/seeded-random';

/** The demo city's county-level divisions (日照市); also names divisions in draw reviews. */
export const districts = [
  { code: '371102', name: '东港区', towns: ['日照街道', '石臼街道', '秦楼街道', '北京路街道', '河山镇', '后村镇'] },
  { code: '371103', name: '岚山区', towns: ['岚山头街道', '安东卫街道', '虎山镇', '碑廓镇'] },
  { code: '371121', name: '五莲县', towns: ['洪凝街道', '街头镇', '潮河镇', '许孟镇'] },
  { code: '371122', name: '莒县', towns: ['城阳街道', '店子集街道', '陵阳街道', '夏庄镇'] },
] as const;
const brands = [
  '恒信',
  '鑫源',
  '华泰',
  '宏达',
  '金海',
  '海润',
  '瑞丰',
  '鲁南',
  '天成',
  '盛世',
  '永安',
  '安泰',
  '利民',
  '泰和',
  '博远',
  '汇通',
  '佳禾',
  '晨光',
  '蓝海',
  '福瑞',
  '金港',
  '浮来',
  '昌盛',
  '兴旺',
  '丰华',
  '嘉禾',
  '信诚',
  '同创',
  '海阔',
  '日升',
  '东晟',
  '岚泰',
  '莲山',
  '万顺',
  '诚达',
  '凯瑞',
  '宇航',
  '明远',
  '沃野',
  '润泽',
];
const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '郑',
  '厉',
  '丁',
  '秦',
  '卢',
];
const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '建国',
  '海燕',
  '志强',
  '晓东',
  '丽华',
  '红梅',
  '德胜',
  '玉兰',
];
const roads = [
  '海曲路',
  '烟台路',
  '泰安路',
  '威海路',
  '临沂路',
  '青岛路',
  '北京路',
  '上海路',
  '黄海一路',
  '望海路',
  '昭阳路',
  '兴业路',
];

/** Division of GB/T 4754 → how often it appears and the word it gives a company name. */
const industryMix: readonly (readonly [string, number, string])[] = [
  ['52', 22, '商贸'],
  ['51', 12, '贸易'],
  ['62', 14, '餐饮'],
  ['61', 4, '酒店'],
  ['14', 4, '食品'],
  ['13', 3, '食品'],
  ['26', 3, '化工'],
  ['30', 3, '建材'],
  ['33', 3, '金属制品'],
  ['34', 3, '机械'],
  ['47', 3, '建设工程'],
  ['48', 2, '建筑安装'],
  ['54', 4, '运输'],
  ['72', 6, '企业管理'],
  ['80', 6, '家政服务'],
  ['01', 3, '农业科技'],
  ['04', 2, '水产'],
  ['86', 2, '文化传媒'],
  ['84', 1, '医疗'],
];
const keyTargetReasons = [
  '告知承诺审批中提供虚假材料',
  '曾被查实存在违法违规行为',
  '未按要求接受年度经营情况检查',
  '双评估结果需纳入重点监管',
];

function classesOf(division: string): string[] {
  return [...industryCatalog().values()].filter((i) => i.level === 4 && i.code.startsWith(division)).map((i) => i.code);
}

function uscc(rnd: SeededRandom, prefix: string, division: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let org8 = '';
  for (let i = 0; i < 8; i += 1) org8 += i < 2 && rnd.next() < 0.5 ? alphabet[10 + rnd.int(21)] : String(rnd.int(10));
  const first17 = `${prefix}${division}${org8}${orgCodeCheckCharacter(org8)}`;
  return first17 + usccCheckCharacter(first17);
}

function kindPlan(rnd: SeededRandom): { kind: SubjectKind; prefix: string } {
  return rnd.weighted([
    [{ kind: '企业', prefix: '91' }, 62],
    [{ kind: '个体工商户', prefix: '92' }, 30],
    [{ kind: '农民专业合作社', prefix: '93' }, 4],
    [{ kind: '社会组织', prefix: '52' }, 2],
    [{ kind: '事业单位', prefix: '12' }, 2],
  ] as const);
}

function nameFor(
  rnd: SeededRandom,
  kind: SubjectKind,
  district: (typeof districts)[number],
  word: string,
  serial: number,
): string {
  const brand = rnd.pick(brands);
  switch (kind) {
    case '个体工商户':
      return `${district.name}${rnd.pick(surnames)}记${word}${rnd.pick(['店', '部', '行', '坊'])}`;
    case '农民专业合作社':
      return `${district.name}${rnd.pick(district.towns)}${brand}${rnd.pick(['果蔬', '茶叶', '水产', '粮食'])}专业合作社`;
    case '社会组织':
      return `日照市${district.name}${word}行业协会`;
    case '事业单位':
      return `日照市${district.name}${word}服务中心`;
    default:
      // Two brand words make about 30,000 company names per industry word; sole traders' names repeat, as in life.
      return `日照${brand}${brands[serial % brands.length]}${word}有限公司`;
  }
}

/**
 * The register's contact, from the serial alone (the random sequence stays as it was): most have a mobile, one in ten
 * only a landline and an e-mail address, one in ten none.
 */
function contactOf(serial: number): { contactPhone: string | null; contactEmail: string | null } {
  const digits = String((serial * 7_919 + 20_260_105) % 100_000_000).padStart(8, '0');
  if (serial % 10 === 9) return { contactPhone: null, contactEmail: null };
  if (serial % 10 === 8)
    return { contactPhone: `0633-${digits.slice(1)}`, contactEmail: `contact${serial}@example.com` };
  return { contactPhone: `1${['39', '58', '87', '33', '52'][serial % 5]}${digits}`, contactEmail: null };
}

/**
 * The demo city's subjects, deterministic for a given count. About one in a thousand carries a USCC
 * that fails its check and is kept flagged, as real registers do.
 */
export function* demoSubjects(count: number): Generator<SubjectImportInput> {
  const rnd = seededRandom(20261123);
  const classes = new Map(industryMix.map(([division]) => [division, classesOf(division)]));
  const seen = new Set<string>();
  for (let serial = 0; serial < count; serial += 1) {
    const { kind, prefix } = kindPlan(rnd);
    const district = rnd.pick(districts);
    const [division, , word] = rnd.weighted(industryMix.map((m) => [m, m[1]] as const));
    const industryCode = rnd.pick(classes.get(division)!);
    let code = uscc(rnd, prefix, district.code);
    while (seen.has(code)) code = uscc(rnd, prefix, district.code);
    seen.add(code);
    const flagged = serial % 997 === 500;
    if (flagged) code = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const creditClass = rnd.weighted<CreditClass>([
      ['A', 35],
      ['B', 50],
      ['C', 12],
      ['D', 3],
    ]);
    const keyTarget = creditClass !== 'A' && rnd.next() < 0.012;
    const address = `山东省日照市${district.name}${rnd.pick(district.towns)}${rnd.pick(roads)}${1 + rnd.int(300)}号`;
    yield {
      uscc: code,
      keepFlaggedUscc: flagged,
      legacyRegNo: null,
      name: nameFor(rnd, kind, district, word, serial),
      kind,
      legalRepresentative: rnd.pick(surnames) + rnd.pick(givenNames),
      ...contactOf(serial),
      divisionCode: district.code,
      registeredAddress: address,
      businessAddress:
        rnd.next() < 0.85 ? address : `山东省日照市${rnd.pick(districts).name}${rnd.pick(roads)}${1 + rnd.int(300)}号`,
      businessScope: `${industryCatalog().get(industryCode)!.name}`,
      industryCodes: [industryCode],
      registrationDate: `${2000 + rnd.int(26)}-${String(1 + rnd.int(12)).padStart(2, '0')}-${String(1 + rnd.int(28)).padStart(2, '0')}`,
      status: rnd.weighted([
        ['存续', 95],
        ['注销', 3],
        ['吊销', 1],
        ['迁出', 1],
      ] as const),
      creditClass,
      industryRisk: division === '26' ? { 市应急管理局: '高' } : division === '62' ? { 市市场监督管理局: '较高' } : {},
      whitelisted: creditClass === 'A' && rnd.next() < 0.2,
      keyTarget,
      keyTargetReason: keyTarget ? rnd.pick(keyTargetReasons) : null,
    };
  }
}
