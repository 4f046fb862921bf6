/** The few sentences the built-in drafter writes, in the user's language. */
const PHRASES = {
  en: {
    nothingDone: 'No to-dos were completed in this period.',
    notFinished: (title: string, due: string) => `Not finished: ${title} (due ${due})`,
    overduePlans: (title: string, due: string) => `Plan “${title}” reaches its target date ${due} with work left`,
    workedAcross: (list: string) => `Worked across: ${list}.`,
    notes: (count: number) => `${count} completion note${count === 1 ? '' : 's'} written.`,
    due: (title: string, due: string) => `${title} (due ${due})`,
    important: (title: string) => `${title} (important)`,
    planProgress: (title: string, progress: number, target: string | null) =>
      `Plan “${title}”: ${progress}% done${target ? `, target ${target}` : ''}`,
    more: (count: number, plan: string) => `…and ${count} more completed to-dos${plan ? ` in “${plan}”` : ''}`,
    completedReport: (type: string, count: number) => `Completed ${count} to-dos in a ${type} period`,
    shownBy: (achievement: string) => `Shown by the achievement “${achievement}”`,
    otherWork: 'Other work',
  },
  'zh-CN': {
    nothingDone: '本周期没有完成的待办。',
    notFinished: (title: string, due: string) => `未完成：${title}（截止 ${due}）`,
    overduePlans: (title: string, due: string) => `计划“${title}”将于 ${due} 到期，仍有未完成的工作`,
    workedAcross: (list: string) => `涉及领域：${list}。`,
    notes: (count: number) => `写了 ${count} 条完成记录。`,
    due: (title: string, due: string) => `${title}（截止 ${due}）`,
    important: (title: string) => `${title}（重要）`,
    planProgress: (title: string, progress: number, target: string | null) =>
      `计划“${title}”：已完成 ${progress}%${target ? `，目标日期 ${target}` : ''}`,
    more: (count: number, plan: string) => `……以及另外 ${count} 项已完成的待办${plan ? `（计划“${plan}”）` : ''}`,
    completedReport: (type: string, count: number) => `在一个${type}周期内完成了 ${count} 项待办`,
    shownBy: (achievement: string) => `体现于成就“${achievement}”`,
    otherWork: '其他工作',
  },
};

export type Phrases = (typeof PHRASES)['en'];
export const phrasesFor = (locale: string): Phrases => (locale === 'zh-CN' ? PHRASES['zh-CN'] : PHRASES.en);
