/**
 * Plain-Chinese explanations shown beside the draw's technical terms (承诺, 记录, 审核), one wording
 * for every page that uses the term.
 */
export const terms = {
  frameRoot:
    '所有抽取对象清单的“指纹”：清单里每户企业及其适用的抽查事项都参与计算，公开后清单不能再改，改动任何一户，指纹都会不同。',
  commitmentHash:
    '整份承诺（参数、对象清单指纹、人员名录指纹、随机源声明）的指纹；抽取用的种子由它和开奖号码一起算出。',
  frame: '本轮可被抽到的企业：符合各事项的检查对象范围，已去掉白名单、今年已达检查次数上限、已检查过等情形。',
  entropy: '抽取用的随机数来源，事先公布：开奖前谁也不知道号码，开奖后谁也改不了号码。',
  drawsAt: '平台在此时间之前拒绝录入号码，号码只能来自公开开奖。',
  parameters: '本年第几轮、抽样方式、摘要算法和抽取算法的版本，均在抽取前固定。',
  inspectorDigest: '承诺时执法检查人员名录的指纹：此后调整人员不影响本轮选派，也无法借此左右结果。',
  creditRun:
    '承诺时采用的公共信用综合评价批次（最近一次推送）及其结果摘要：框架中的信用分类以它为准，承诺后再推送新批次不影响本轮。',
  committedAt: '承诺公布的时间，早于开奖时间。',
  keyString: '按国际通行的 RFC 3797 方法把开奖号码排成的一串文字：每个随机源的号码从小到大、以“.”隔开，以“/”结束。',
  seed: '由承诺指纹和密钥串算出的数；抽取结果完全由它决定，任何人用它都能重算出同样的结果。',
  recordDigest: '抽取结果（每户是否抽中、检查任务和人员）的指纹，由平台签名；结果若被改动，指纹就对不上。',
  merged: '同一企业被多个事项抽中时合并为一次上门，这是实际上门的户次。',
  unmerged: '如果每个事项各自上门，一共要上门的次数。',
  joint: '有两个及以上部门一起上门的任务所占比例。',
  load: '每名检查人员分到的任务数：最少、中间值、最多。',
  unstaffed: '符合条件（在岗、证件有效、资格相符、无利害关系）的人员不够，须另行安排的任务。',
  independent: '各事项各自独立抽取时，预计要上门的企业户数。',
  lowerBound:
    '理论最少上门户数（下界 Σmax π）：每户企业取各事项中最大的抽中概率，再全部相加；在不改变各事项抽中概率的前提下，任何抽法都不能少于这个数。',
} as const;

/** The engine's phases (DrawMeasures.timingsMs in src/draw/engine/draw.ts), as the record's timings line names them. */
export const phaseNames: Record<string, string> = {
  numbers: '计算随机数',
  selection: '逐事项抽取',
  merge: '合并为检查任务',
  assignment: '选派检查人员',
  measures: '统计',
};
