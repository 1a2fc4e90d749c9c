/**
 * The advice of a 《行政合规建议书》 (《日照市人民政府办公室印发关于深入推进跨部门综合监管的实施意见的通知》（十七）):
 * general steps for every penalty, and steps for the field the violation type names.
 */
const byField: readonly { keywords: readonly string[]; advice: string }[] = [
  {
    keywords: ['食品', '餐饮'],
    advice:
      '落实食品安全主体责任：配备食品安全管理人员，建立进货查验、索证索票和过期食品清理制度，从业人员持健康证明上岗。',
  },
  {
    keywords: ['药品', '医疗器械'],
    advice: '执行药品经营质量管理规范：按规定储存、陈列和销售，处方药凭处方销售，建立购销记录。',
  },
  {
    keywords: ['安全生产', '危险化学品', '危化品'],
    advice: '健全安全生产责任制和隐患排查治理制度，危险作业和危险化学品储存严格执行操作规程，定期组织应急演练。',
  },
  { keywords: ['消防'], advice: '保持疏散通道、安全出口畅通，消防设施定期检测维护，落实防火巡查和员工消防培训。' },
  {
    keywords: ['价格', '明码标价'],
    advice: '严格执行明码标价，不得在标价之外加价或者收取未标明的费用，价格调整及时更新标价签。',
  },
  {
    keywords: ['广告', '宣传'],
    advice: '建立广告发布前的内容审查制度，不得作虚假或者引人误解的宣传，保存广告证明材料。',
  },
  { keywords: ['环境', '排污', '污染'], advice: '按排污许可要求运行治污设施并如实记录，定期自行监测，不得超标排放。' },
  {
    keywords: ['许可', '无证'],
    advice: '在取得相关许可后方可开展经营活动，许可事项变更或到期前及时办理变更、延续手续。',
  },
  { keywords: ['计量', '质量', '产品'], advice: '建立产品质量检验和计量器具检定管理制度，不合格产品不得出厂销售。' },
];

export function complianceAdvice(violationType: string, categories: readonly string[]): string[] {
  const lines = ['立即停止违法行为，对照处罚决定书列明的违法事实逐项整改，并保存整改前后的证明材料。'];
  for (const f of byField) if (f.keywords.some((k) => violationType.includes(k))) lines.push(f.advice);
  if (lines.length === 1) lines.push('梳理本单位经营活动涉及的法律法规和监管事项，建立合规清单，明确岗位责任。');
  if (categories.includes('罚款'))
    lines.push('自收到处罚决定书之日起十五日内缴纳罚款（《中华人民共和国行政处罚法》第六十七条），保存缴款凭证。');
  lines.push('组织负责人和相关岗位人员学习处罚依据所列法律法规，将合规要求纳入日常管理和培训。');
  lines.push('整改完成、履行处罚决定后，可按《信用修复告知书》申请信用修复。');
  return lines;
}
