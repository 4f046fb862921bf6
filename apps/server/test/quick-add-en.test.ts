// Quick add in English. "Now" is Wednesday 2026-03-04 10:00 in New York unless a case says otherwise.
import { describe } from 'vitest';
import { runTable, type Case } from './helpers/quick-add.ts';

const NOW = { now: new Date('2026-03-04T15:00:00Z'), timeZone: 'America/New_York', locale: 'en' as const };
const WEEKDAYS = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';

const dates: Case[] = [
  [
    'Review RFC tomorrow 3pm #ledger !1 every weekday',
    {
      title: 'Review RFC',
      dueOn: '2026-03-05',
      dueTime: '15:00',
      tags: ['ledger'],
      priority: 'high',
      recurrence: WEEKDAYS,
      spans: ['date:tomorrow 3pm', 'tag:#ledger', 'priority:!1', 'recurrence:every weekday'],
    },
  ],
  ['Call the bank tomorrow', { title: 'Call the bank', dueOn: '2026-03-05', spans: ['date:tomorrow'] }],
  ['Pay invoice next Fri', { title: 'Pay invoice', dueOn: '2026-03-13', spans: ['date:next Fri'] }],
  ['Renew passport in 2 weeks', { title: 'Renew passport', dueOn: '2026-03-18', spans: ['date:in 2 weeks'] }],
  ['Send card Dec 12', { title: 'Send card', dueOn: '2026-12-12', spans: ['date:Dec 12'] }],
  ['Water plants today', { title: 'Water plants', dueOn: '2026-03-04', spans: ['date:today'] }],
  ['Watch the game tonight', { title: 'Watch the game', dueOn: '2026-03-04', spans: ['date:tonight'] }],
  ['Standup at 15:00', { title: 'Standup', dueOn: '2026-03-04', dueTime: '15:00', spans: ['time:at 15:00'] }],
  ['Gym Monday', { title: 'Gym', dueOn: '2026-03-09', spans: ['date:Monday'] }],
  ['Dentist on Wednesday', { title: 'Dentist', dueOn: '2026-03-04', spans: ['date:on Wednesday'] }],
  [
    'Lunch with Ana tomorrow at noon',
    { title: 'Lunch with Ana', dueOn: '2026-03-05', dueTime: '12:00', spans: ['date:tomorrow at noon'] },
  ],
  ['Submit report by Friday', { title: 'Submit report', dueOn: '2026-03-06', spans: ['date:by Friday'] }],
  ['Book flights 3pm tomorrow', { title: 'Book flights', dueOn: '2026-03-05', dueTime: '15:00', spans: ['date:3pm tomorrow'] }],
  ['Meeting Dec 12 at 9am', { title: 'Meeting', dueOn: '2026-12-12', dueTime: '09:00', spans: ['date:Dec 12 at 9am'] }],
  [
    'Prep slides tomorrow at 3:30pm',
    { title: 'Prep slides', dueOn: '2026-03-05', dueTime: '15:30', spans: ['date:tomorrow at 3:30pm'] },
  ],
  // 9am has passed at 10:00, so a time alone means tomorrow.
  ['Check logs at 9am', { title: 'Check logs', dueOn: '2026-03-05', dueTime: '09:00', spans: ['time:at 9am'] }],
  ['Deploy at 4pm', { title: 'Deploy', dueOn: '2026-03-04', dueTime: '16:00', spans: ['time:at 4pm'] }],
  ['Retro in 3 days', { title: 'Retro', dueOn: '2026-03-07', spans: ['date:in 3 days'] }],
  ['Taxes end of month', { title: 'Taxes', dueOn: '2026-03-31', spans: ['date:end of month'] }],
  ['Clean garage this weekend', { title: 'Clean garage', dueOn: '2026-03-07', spans: ['date:this weekend'] }],
  ['Plan trip next week', { title: 'Plan trip', dueOn: '2026-03-11', spans: ['date:next week'] }],
  ['Quarterly review next month', { title: 'Quarterly review', dueOn: '2026-04-04', spans: ['date:next month'] }],
  ['Pay rent March 31', { title: 'Pay rent', dueOn: '2026-03-31', spans: ['date:March 31'] }],
  ['Birthday 12 Dec', { title: 'Birthday', dueOn: '2026-12-12', spans: ['date:12 Dec'] }],
  // A day already gone this year is next year's.
  ['Renew lease Mar 1', { title: 'Renew lease', dueOn: '2027-03-01', spans: ['date:Mar 1'] }],
  ['File report 2026-03-20', { title: 'File report', dueOn: '2026-03-20', spans: ['date:2026-03-20'] }],
  ['Ping Sam in 2 hours', { title: 'Ping Sam', dueOn: '2026-03-04', dueTime: '12:00', spans: ['date:in 2 hours'] }],
  ['Call mom at 7pm tomorrow', { title: 'Call mom', dueOn: '2026-03-05', dueTime: '19:00', spans: ['date:at 7pm tomorrow'] }],
  [
    'tomorrow buy milk at 3pm',
    { title: 'buy milk', dueOn: '2026-03-05', dueTime: '15:00', spans: ['date:tomorrow', 'time:at 3pm'] },
  ],
  ['Call Jo tmrw', { title: 'Call Jo', dueOn: '2026-03-05', spans: ['date:tmrw'] }],
  [
    'Pay bill next Mon at 9:15am',
    { title: 'Pay bill', dueOn: '2026-03-09', dueTime: '09:15', spans: ['date:next Mon at 9:15am'] },
  ],
  // A clock time of 1–6 without am/pm is the afternoon; a leading zero keeps it in the morning.
  ['Sync at 3:30', { title: 'Sync', dueOn: '2026-03-04', dueTime: '15:30', spans: ['time:at 3:30'] }],
  ['Flight at 05:45', { title: 'Flight', dueOn: '2026-03-05', dueTime: '05:45', spans: ['time:at 05:45'] }],
];

const literal: Case[] = [
  ['Meet 3 people', {}],
  ['Read chapter 5', {}],
  ['Buy 2 apples', {}],
  // A bare number is never a time.
  ['call mom at 5', {}],
  ['Call mom at 5 tomorrow', { title: 'Call mom at 5', dueOn: '2026-03-05', spans: ['date:tomorrow'] }],
  ['Fix issue #12', {}],
  ['Read March report', {}],
  ['May review', {}],
  ['Take a week off', {}],
  ['Finish 3/4 of the book', {}],
  ['Learn C# basics', {}],
  ['Compute 5 * 3', {}],
  ['Review now', {}],
  ['Log 15h of overtime', {}],
  ['Version 2.0 release', {}],
  ['1:1 with Kim', {}],
  ['Read chapter 5 tomorrow', { title: 'Read chapter 5', dueOn: '2026-03-05', spans: ['date:tomorrow'] }],
  ['Buy 2 apples at 6pm', { title: 'Buy 2 apples', dueOn: '2026-03-04', dueTime: '18:00', spans: ['time:at 6pm'] }],
  ['Star* is not a marker', {}],
  ['Upgrade to p10 plan', {}],
  ['C++ refresher', {}],
];

const tokens: Case[] = [
  ['Email Bob #work #Urgent', { title: 'Email Bob', tags: ['work', 'Urgent'], spans: ['tag:#work', 'tag:#Urgent'] }],
  ['#tag twice #TAG', { title: 'twice', tags: ['tag'], spans: ['tag:#tag', 'tag:#TAG'] }],
  ['Fix #bug-123 before release', { title: 'Fix before release', tags: ['bug-123'], spans: ['tag:#bug-123'] }],
  ['p2 tidy desk', { title: 'tidy desk', priority: 'normal', spans: ['priority:p2'] }],
  ['!3 someday', { title: 'someday', priority: 'low', spans: ['priority:!3'] }],
  ['Ship it * P1', { title: 'Ship it', priority: 'high', important: true, spans: ['important:*', 'priority:P1'] }],
  // The first priority counts; a second stays in the title.
  ['Ship it !1 !2', { title: 'Ship it !2', priority: 'high', spans: ['priority:!1'] }],
  ['Reconcile +ledger', { title: 'Reconcile', planId: 'plan-ledger', spans: ['plan:+ledger'] }],
  // The longest plan name written out wins over a shorter one it starts with.
  [
    'Cut over +Ledger migration friday',
    { title: 'Cut over', planId: 'plan-migration', dueOn: '2026-03-06', spans: ['plan:+Ledger migration', 'date:friday'] },
  ],
  ['Draft +"Ledger migration" notes', { title: 'Draft notes', planId: 'plan-migration', spans: ['plan:+"Ledger migration"'] }],
  // A unique prefix names its plan; an ambiguous one or an unknown one stays text.
  ['Outline +thes', { title: 'Outline', planId: 'plan-thesis', spans: ['plan:+thes'] }],
  ['Check +led totals', {}],
  ['Check +nothing', {}],
  [
    'Everything !1 * #x',
    { title: 'Everything', priority: 'high', important: true, tags: ['x'], spans: ['priority:!1', 'important:*', 'tag:#x'] },
  ],
  // When every word is a token, the typed text stays the title.
  ['tomorrow #home', { title: 'tomorrow #home', dueOn: '2026-03-05', tags: ['home'], spans: ['date:tomorrow', 'tag:#home'] }],
];

const recurrence: Case[] = [
  [
    'Water plants every day',
    { title: 'Water plants', dueOn: '2026-03-04', recurrence: 'FREQ=DAILY', spans: ['recurrence:every day'] },
  ],
  // 9:30 has passed today, so the first standup is tomorrow (Thursday).
  [
    'Standup every weekday at 9:30',
    {
      title: 'Standup',
      dueOn: '2026-03-05',
      dueTime: '09:30',
      recurrence: WEEKDAYS,
      spans: ['recurrence:every weekday', 'time:at 9:30'],
    },
  ],
  [
    'Sprint review every 2 weeks on Mon',
    {
      title: 'Sprint review',
      dueOn: '2026-03-09',
      recurrence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
      spans: ['recurrence:every 2 weeks on Mon'],
    },
  ],
  [
    'Pay rent every month on the 15th',
    {
      title: 'Pay rent',
      dueOn: '2026-03-15',
      recurrence: 'FREQ=MONTHLY;BYMONTHDAY=15',
      spans: ['recurrence:every month on the 15th'],
    },
  ],
  [
    'Team lunch every Monday',
    { title: 'Team lunch', dueOn: '2026-03-09', recurrence: 'FREQ=WEEKLY;BYDAY=MO', spans: ['recurrence:every Monday'] },
  ],
  [
    'Review goals weekly',
    { title: 'Review goals', dueOn: '2026-03-04', recurrence: 'FREQ=WEEKLY', spans: ['recurrence:weekly'] },
  ],
  ['Journal daily', { title: 'Journal', dueOn: '2026-03-04', recurrence: 'FREQ=DAILY', spans: ['recurrence:daily'] }],
  [
    'Gym every Mon, Wed and Fri',
    { title: 'Gym', dueOn: '2026-03-04', recurrence: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', spans: ['recurrence:every Mon, Wed and Fri'] },
  ],
  [
    'Backups every other week',
    { title: 'Backups', dueOn: '2026-03-04', recurrence: 'FREQ=WEEKLY;INTERVAL=2', spans: ['recurrence:every other week'] },
  ],
  [
    'Renew domain every year',
    { title: 'Renew domain', dueOn: '2026-03-04', recurrence: 'FREQ=YEARLY', spans: ['recurrence:every year'] },
  ],
  [
    'Invoice every month on the last day',
    {
      title: 'Invoice',
      dueOn: '2026-03-31',
      recurrence: 'FREQ=MONTHLY;BYMONTHDAY=-1',
      spans: ['recurrence:every month on the last day'],
    },
  ],
  [
    'Pay card every 1st',
    { title: 'Pay card', dueOn: '2026-04-01', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1', spans: ['recurrence:every 1st'] },
  ],
  [
    'Tidy up every weekend',
    { title: 'Tidy up', dueOn: '2026-03-07', recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU', spans: ['recurrence:every weekend'] },
  ],
  [
    'Water cactus every 3 days',
    { title: 'Water cactus', dueOn: '2026-03-04', recurrence: 'FREQ=DAILY;INTERVAL=3', spans: ['recurrence:every 3 days'] },
  ],
  [
    'Weekly report every Friday at 4pm',
    {
      title: 'Weekly report',
      dueOn: '2026-03-06',
      dueTime: '16:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=FR',
      spans: ['recurrence:every Friday', 'time:at 4pm'],
    },
  ],
  [
    'Sync monthly on the 15th',
    { title: 'Sync', dueOn: '2026-03-15', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=15', spans: ['recurrence:monthly on the 15th'] },
  ],
  // With a date as well, the date is the first occurrence.
  [
    'Yoga every Tuesday from next Tue',
    {
      title: 'Yoga from',
      dueOn: '2026-03-10',
      recurrence: 'FREQ=WEEKLY;BYDAY=TU',
      spans: ['recurrence:every Tuesday', 'date:next Tue'],
    },
  ],
  ['Every day', { dueOn: '2026-03-04', recurrence: 'FREQ=DAILY', spans: ['recurrence:Every day'] }],
];

// The same instant is a different day in different zones, and clocks change in New York on
// 2026-03-08 (02:00 → 03:00) and 2026-11-01 (02:00 → 01:00).
const zones: Case[] = [
  [
    'Call tomorrow',
    { title: 'Call', dueOn: '2026-03-06', spans: ['date:tomorrow'] },
    { now: new Date('2026-03-04T23:30:00Z'), timeZone: 'Asia/Shanghai' },
  ],
  [
    'Call tomorrow',
    { title: 'Call', dueOn: '2026-03-05', spans: ['date:tomorrow'] },
    { now: new Date('2026-03-04T23:30:00Z'), timeZone: 'America/New_York' },
  ],
  [
    'Call today',
    { title: 'Call', dueOn: '2026-03-05', spans: ['date:today'] },
    { now: new Date('2026-03-04T23:30:00Z'), timeZone: 'Pacific/Kiritimati' },
  ],
  [
    'Call today',
    { title: 'Call', dueOn: '2026-03-04', spans: ['date:today'] },
    { now: new Date('2026-03-04T23:30:00Z'), timeZone: 'Pacific/Pago_Pago' },
  ],
  [
    'Toast tomorrow',
    { title: 'Toast', dueOn: '2027-01-01', spans: ['date:tomorrow'] },
    { now: new Date('2027-01-01T04:00:00Z'), timeZone: 'America/New_York' },
  ],
  [
    'Toast tomorrow',
    { title: 'Toast', dueOn: '2027-01-02', spans: ['date:tomorrow'] },
    { now: new Date('2027-01-01T04:00:00Z'), timeZone: 'Asia/Tokyo' },
  ],
  // 01:30 EST on the morning clocks spring forward.
  [
    'Check clocks today at 3pm',
    { title: 'Check clocks', dueOn: '2026-03-08', dueTime: '15:00', spans: ['date:today at 3pm'] },
    { now: new Date('2026-03-08T06:30:00Z') },
  ],
  [
    'Check clocks tomorrow 9am',
    { title: 'Check clocks', dueOn: '2026-03-09', dueTime: '09:00', spans: ['date:tomorrow 9am'] },
    { now: new Date('2026-03-08T06:30:00Z') },
  ],
  // 03:30 EDT, an hour of wall clock later.
  [
    'Brunch at 11am',
    { title: 'Brunch', dueOn: '2026-03-08', dueTime: '11:00', spans: ['time:at 11am'] },
    { now: new Date('2026-03-08T07:30:00Z') },
  ],
  [
    'Walk every day at 7am',
    {
      title: 'Walk',
      dueOn: '2026-03-08',
      dueTime: '07:00',
      recurrence: 'FREQ=DAILY',
      spans: ['recurrence:every day', 'time:at 7am'],
    },
    { now: new Date('2026-03-08T07:30:00Z') },
  ],
  // 01:30 happens twice on 2026-11-01; both readings are still that Sunday.
  [
    'Sleep in tomorrow',
    { title: 'Sleep in', dueOn: '2026-11-02', spans: ['date:tomorrow'] },
    { now: new Date('2026-11-01T05:30:00Z') },
  ],
  [
    'Sleep in today',
    { title: 'Sleep in', dueOn: '2026-11-01', spans: ['date:today'] },
    { now: new Date('2026-11-01T06:30:00Z') },
  ],
  [
    'Reset clocks at 1:30am',
    { title: 'Reset clocks', dueOn: '2026-11-02', dueTime: '01:30', spans: ['time:at 1:30am'] },
    { now: new Date('2026-11-01T06:30:00Z') },
  ],
];

describe('quick add, English: dates and times', () => runTable(dates, NOW));
describe('quick add, English: what stays text', () => runTable(literal, NOW));
describe('quick add, English: tags, priority, importance, plans', () => runTable(tokens, NOW));
describe('quick add, English: recurrence', () => runTable(recurrence, NOW));
describe('quick add, English: time zones and clock changes', () => runTable(zones, NOW));
