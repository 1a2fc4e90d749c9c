/** The deadlines the dashboard measures, each with the rule that sets it and the list where its late steps are. */
export const deadlineRules = [
  {
    key: 'results',
    name: '检查结果录入',
    rule: '检查后 7 个工作日内录入（《黄浦区精准高效协同监管实施办法（试行）》第十六条）',
    link: '/results/deadlines',
  },
  {
    key: 'publish',
    name: '抽查结果公示',
    rule: '20 个工作日内公示（《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十七条）',
    link: '/results/deadlines',
  },
  {
    key: 'publicity',
    name: '双公示',
    rule: '作出决定后 7 个工作日内公示（《浦东新区“六个双”政府综合监管实施办法（暂行）》第四十条）',
    link: '/publicity',
  },
  {
    key: 'push_ack',
    name: '登记信息签收（一反馈）',
    rule: '推送后 1 个工作日内签收（《浦东新区“六个双”政府综合监管实施办法（暂行）》第十一条）',
    link: '/dual-notice/overdue',
  },
  {
    key: 'licence_feedback',
    name: '许可信息反馈（二反馈）',
    rule: '许可决定后 7 个工作日内反馈（《浦东新区“六个双”政府综合监管实施办法（暂行）》第十二条）',
    link: '/dual-notice/overdue',
  },
  {
    key: 'follow_up',
    name: '照后证前跟踪（双跟踪）',
    rule: '登记后 2 个月内跟踪检查（《浦东新区“六个双”政府综合监管实施办法（暂行）》第十五条）',
    link: '/follow-ups',
  },
  {
    key: 'complaint_reply',
    name: '投诉举报答复',
    rule: '按投诉事项的答复时限（工作日）',
    link: '/complaints?overdue=true',
  },
  {
    key: 'warning',
    name: '风险预警处置',
    rule: '按预警规则的处置时限（工作日）',
    link: '/warnings?overdue=true',
  },
] as const;
