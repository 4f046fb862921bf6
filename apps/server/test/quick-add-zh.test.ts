// Quick add in Chinese. "Now" is Wednesday 2026-03-04 10:00 in Shanghai unless a case says otherwise.
import { describe } from 'vitest';
import { runTable, type Case } from './helpers/quick-add.ts';

const NOW = { now: new Date('2026-03-04T02:00:00Z'), timeZone: 'Asia/Shanghai', locale: 'zh' as const };
const WEEKDAYS = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';

const dates: Case[] = [
  ['明天下午3点开会', { title: '开会', dueOn: '2026-03-05', dueTime: '15:00', spans: ['date:明天下午3点'] }],
  ['下周五交报告', { title: '交报告', dueOn: '2026-03-13', spans: ['date:下周五'] }],
  ['12月12日年会', { title: '年会', dueOn: '2026-12-12', spans: ['date:12月12日'] }],
  ['3天后复查', { title: '复查', dueOn: '2026-03-07', spans: ['date:3天后'] }],
  ['后天去银行', { title: '去银行', dueOn: '2026-03-06', spans: ['date:后天'] }],
  ['今晚8点看电影', { title: '看电影', dueOn: '2026-03-04', dueTime: '20:00', spans: ['date:今晚8点'] }],
  ['周三例会', { title: '例会', dueOn: '2026-03-04', spans: ['date:周三'] }],
  ['周五提交代码', { title: '提交代码', dueOn: '2026-03-06', spans: ['date:周五'] }],
  ['星期天爬山', { title: '爬山', dueOn: '2026-03-08', spans: ['date:星期天'] }],
  ['礼拜六聚餐', { title: '聚餐', dueOn: '2026-03-07', spans: ['date:礼拜六'] }],
  ['今天交作业', { title: '交作业', dueOn: '2026-03-04', spans: ['date:今天'] }],
  ['明天早上9点跑步', { title: '跑步', dueOn: '2026-03-05', dueTime: '09:00', spans: ['date:明天早上9点'] }],
  ['明天上午10点面试', { title: '面试', dueOn: '2026-03-05', dueTime: '10:00', spans: ['date:明天上午10点'] }],
  ['明天中午12点吃饭', { title: '吃饭', dueOn: '2026-03-05', dueTime: '12:00', spans: ['date:明天中午12点'] }],
  ['下午3点开会', { title: '开会', dueOn: '2026-03-04', dueTime: '15:00', spans: ['time:下午3点'] }],
  ['晚上10点复盘', { title: '复盘', dueOn: '2026-03-04', dueTime: '22:00', spans: ['time:晚上10点'] }],
  // "3点" with no 上午/下午 is the afternoon; 8:30 has passed at 10:00, so it is tomorrow's.
  ['3点开会', { title: '开会', dueOn: '2026-03-04', dueTime: '15:00', spans: ['time:3点'] }],
  ['8点半早会', { title: '早会', dueOn: '2026-03-05', dueTime: '08:30', spans: ['time:8点半'] }],
  ['凌晨1点发布', { title: '发布', dueOn: '2026-03-05', dueTime: '01:00', spans: ['time:凌晨1点'] }],
  ['15:30 对账', { title: '对账', dueOn: '2026-03-04', dueTime: '15:30', spans: ['time:15:30'] }],
  ['12月12号交房租', { title: '交房租', dueOn: '2026-12-12', spans: ['date:12月12号'] }],
  ['十二月十二日生日', { title: '生日', dueOn: '2026-12-12', spans: ['date:十二月十二日'] }],
  ['2026年3月20日截止', { title: '截止', dueOn: '2026-03-20', spans: ['date:2026年3月20日'] }],
  ['3月5日下午3点开会', { title: '开会', dueOn: '2026-03-05', dueTime: '15:00', spans: ['date:3月5日下午3点'] }],
  ['两周后复查', { title: '复查', dueOn: '2026-03-18', spans: ['date:两周后'] }],
  ['一周后回访', { title: '回访', dueOn: '2026-03-11', spans: ['date:一周后'] }],
  ['2周后续签', { title: '续签', dueOn: '2026-03-18', spans: ['date:2周后'] }],
  ['一个月后续费', { title: '续费', dueOn: '2026-04-04', spans: ['date:一个月后'] }],
  ['两天后出发', { title: '出发', dueOn: '2026-03-06', spans: ['date:两天后'] }],
  ['大后天考试', { title: '考试', dueOn: '2026-03-07', spans: ['date:大后天'] }],
  ['周末大扫除', { title: '大扫除', dueOn: '2026-03-07', spans: ['date:周末'] }],
  ['下周末露营', { title: '露营', dueOn: '2026-03-14', spans: ['date:下周末'] }],
  ['月底结账', { title: '结账', dueOn: '2026-03-31', spans: ['date:月底'] }],
  ['下个月底交稿', { title: '交稿', dueOn: '2026-04-30', spans: ['date:下个月底'] }],
  ['15号交报告', { title: '交报告', dueOn: '2026-03-15', spans: ['date:15号'] }],
  // The 1st has passed this month.
  ['1号发工资', { title: '发工资', dueOn: '2026-04-01', spans: ['date:1号'] }],
  ['15号下午3点开会', { title: '开会', dueOn: '2026-03-15', dueTime: '15:00', spans: ['date:15号下午3点'] }],
  ['下周一上线', { title: '上线', dueOn: '2026-03-09', spans: ['date:下周一'] }],
  ['下周三下午2点评审', { title: '评审', dueOn: '2026-03-11', dueTime: '14:00', spans: ['date:下周三下午2点'] }],
  ['本周五交周报', { title: '交周报', dueOn: '2026-03-06', spans: ['date:本周五'] }],
  ['这周五交周报', { title: '交周报', dueOn: '2026-03-06', spans: ['date:这周五'] }],
  ['下周开始健身', { title: '开始健身', dueOn: '2026-03-11', spans: ['date:下周'] }],
  ['半小时后提醒我', { title: '提醒我', dueOn: '2026-03-04', dueTime: '10:30', spans: ['time:半小时后'] }],
  ['2小时后开会', { title: '开会', dueOn: '2026-03-04', dueTime: '12:00', spans: ['time:2小时后'] }],
];

const recurrence: Case[] = [
  ['每天背单词', { title: '背单词', dueOn: '2026-03-04', recurrence: 'FREQ=DAILY', spans: ['recurrence:每天'] }],
  ['每周一例会', { title: '例会', dueOn: '2026-03-09', recurrence: 'FREQ=WEEKLY;BYDAY=MO', spans: ['recurrence:每周一'] }],
  ['每个工作日打卡', { title: '打卡', dueOn: '2026-03-04', recurrence: WEEKDAYS, spans: ['recurrence:每个工作日'] }],
  [
    '每月15号交房租',
    { title: '交房租', dueOn: '2026-03-15', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=15', spans: ['recurrence:每月15号'] },
  ],
  ['每两周复盘', { title: '复盘', dueOn: '2026-03-04', recurrence: 'FREQ=WEEKLY;INTERVAL=2', spans: ['recurrence:每两周'] }],
  ['每年体检', { title: '体检', dueOn: '2026-03-04', recurrence: 'FREQ=YEARLY', spans: ['recurrence:每年'] }],
  [
    '每周一三五健身',
    { title: '健身', dueOn: '2026-03-04', recurrence: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', spans: ['recurrence:每周一三五'] },
  ],
  [
    '每周二、四上课',
    { title: '上课', dueOn: '2026-03-05', recurrence: 'FREQ=WEEKLY;BYDAY=TU,TH', spans: ['recurrence:每周二、四'] },
  ],
  [
    '每天早上8点跑步',
    {
      title: '跑步',
      dueOn: '2026-03-05',
      dueTime: '08:00',
      recurrence: 'FREQ=DAILY',
      spans: ['recurrence:每天', 'time:早上8点'],
    },
  ],
  [
    '每个工作日9点站会',
    { title: '站会', dueOn: '2026-03-05', dueTime: '09:00', recurrence: WEEKDAYS, spans: ['recurrence:每个工作日', 'time:9点'] },
  ],
  [
    '每两周周一例会',
    { title: '例会', dueOn: '2026-03-09', recurrence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', spans: ['recurrence:每两周周一'] },
  ],
  [
    '每月最后一天对账',
    { title: '对账', dueOn: '2026-03-31', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=-1', spans: ['recurrence:每月最后一天'] },
  ],
  ['每周末打扫', { title: '打扫', dueOn: '2026-03-07', recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU', spans: ['recurrence:每周末'] }],
  [
    '每年12月25日送礼物',
    {
      title: '送礼物',
      dueOn: '2026-12-25',
      recurrence: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25',
      spans: ['recurrence:每年12月25日'],
    },
  ],
  ['每三天浇花', { title: '浇花', dueOn: '2026-03-04', recurrence: 'FREQ=DAILY;INTERVAL=3', spans: ['recurrence:每三天'] }],
  ['每日总结', { title: '总结', dueOn: '2026-03-04', recurrence: 'FREQ=DAILY', spans: ['recurrence:每日'] }],
  [
    '每周五下午4点写周报',
    {
      title: '写周报',
      dueOn: '2026-03-06',
      dueTime: '16:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=FR',
      spans: ['recurrence:每周五', 'time:下午4点'],
    },
  ],
  [
    '每月1号发工资',
    { title: '发工资', dueOn: '2026-04-01', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1', spans: ['recurrence:每月1号'] },
  ],
  ['每星期二上课', { title: '上课', dueOn: '2026-03-10', recurrence: 'FREQ=WEEKLY;BYDAY=TU', spans: ['recurrence:每星期二'] }],
  ['每个月交电费', { title: '交电费', dueOn: '2026-03-04', recurrence: 'FREQ=MONTHLY', spans: ['recurrence:每个月'] }],
];

const literal: Case[] = [
  ['版本2.0发布', {}],
  // Three times a week is not every Wednesday.
  ['每周三次健身', {}],
  ['3号楼开会', {}],
  ['5号线换乘', {}],
  ['第5章复习', {}],
  ['买2个苹果', {}],
  ['读完第3本书', {}],
  ['一日三餐', {}],
  ['预算增加10%', {}],
  ['修复 #12 问题', {}],
  ['现在开始', {}],
  ['完成3/4的任务', {}],
];

const tokens: Case[] = [
  ['复习英语 #学习', { title: '复习英语', tags: ['学习'], spans: ['tag:#学习'] }],
  ['复习#学习 明天', { title: '复习', dueOn: '2026-03-05', tags: ['学习'], spans: ['tag:#学习', 'date:明天'] }],
  ['写周报 !1', { title: '写周报', priority: 'high', spans: ['priority:!1'] }],
  ['写周报！2', { title: '写周报', priority: 'normal', spans: ['priority:！2'] }],
  ['背单词 p3', { title: '背单词', priority: 'low', spans: ['priority:p3'] }],
  ['重要的事 *', { title: '重要的事', important: true, spans: ['important:*'] }],
  ['+学习计划 背单词', { title: '背单词', planId: 'plan-study', spans: ['plan:+学习计划'] }],
  ['+学习计划明天背单词', { title: '背单词', planId: 'plan-study', dueOn: '2026-03-05', spans: ['plan:+学习计划', 'date:明天'] }],
  ['背单词 +“学习计划”', { title: '背单词', planId: 'plan-study', spans: ['plan:+“学习计划”'] }],
  [
    '明天下午3点 #工作 !1 每个工作日 写日报',
    {
      title: '写日报',
      dueOn: '2026-03-05',
      dueTime: '15:00',
      tags: ['工作'],
      priority: 'high',
      recurrence: WEEKDAYS,
      spans: ['date:明天下午3点', 'tag:#工作', 'priority:!1', 'recurrence:每个工作日'],
    },
  ],
  // Mixed text: each part read in its own language.
  ['明天 review PR 3pm', { title: 'review PR', dueOn: '2026-03-05', dueTime: '15:00', spans: ['date:明天', 'time:3pm'] }],
  [
    '每天 standup at 9:30am #team',
    {
      title: 'standup',
      dueOn: '2026-03-05',
      dueTime: '09:30',
      tags: ['team'],
      recurrence: 'FREQ=DAILY',
      spans: ['recurrence:每天', 'time:at 9:30am', 'tag:#team'],
    },
  ],
  ['Review 下周五 *', { title: 'Review', dueOn: '2026-03-13', important: true, spans: ['date:下周五', 'important:*'] }],
];

const zones: Case[] = [
  // 07:30 on Thursday in Shanghai is still Wednesday evening in New York.
  ['明天开会', { title: '开会', dueOn: '2026-03-06', spans: ['date:明天'] }, { now: new Date('2026-03-04T23:30:00Z') }],
  [
    '明天开会',
    { title: '开会', dueOn: '2026-03-05', spans: ['date:明天'] },
    { now: new Date('2026-03-04T23:30:00Z'), timeZone: 'America/New_York' },
  ],
  // 21:00: tonight's 8 o'clock is still tonight (overdue), a time alone is tomorrow's.
  [
    '今晚8点打电话',
    { title: '打电话', dueOn: '2026-03-04', dueTime: '20:00', spans: ['date:今晚8点'] },
    { now: new Date('2026-03-04T13:00:00Z') },
  ],
  [
    '晚上8点打电话',
    { title: '打电话', dueOn: '2026-03-05', dueTime: '20:00', spans: ['time:晚上8点'] },
    { now: new Date('2026-03-04T13:00:00Z') },
  ],
  [
    '每天早上7点散步',
    {
      title: '散步',
      dueOn: '2026-03-08',
      dueTime: '07:00',
      recurrence: 'FREQ=DAILY',
      spans: ['recurrence:每天', 'time:早上7点'],
    },
    { now: new Date('2026-03-08T07:30:00Z'), timeZone: 'America/New_York' },
  ],
  ['月底结账', { title: '结账', dueOn: '2026-02-28', spans: ['date:月底'] }, { now: new Date('2026-02-10T02:00:00Z') }],
  ['31号交房租', { title: '交房租', dueOn: '2026-03-31', spans: ['date:31号'] }, { now: new Date('2026-02-10T02:00:00Z') }],
];

describe('quick add, Chinese: dates and times', () => runTable(dates, NOW));
describe('quick add, Chinese: recurrence', () => runTable(recurrence, NOW));
describe('quick add, Chinese: what stays text', () => runTable(literal, NOW));
describe('quick add, Chinese: tags, priority, importance, plans, mixed text', () => runTable(tokens, NOW));
describe('quick add, Chinese: time zones', () => runTable(zones, NOW));
