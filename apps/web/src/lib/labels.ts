import type { Schemas } from './api/client.js';
import { m } from './i18n.js';

export type FocusStatus = Schemas['FocusItem']['status'];
export type PlanStatus = Schemas['Plan']['status'];
export type Priority = Schemas['Todo']['priority'];

export const FOCUS_STATUSES: FocusStatus[] = ['active', 'paused', 'done'];
export const PLAN_STATUSES: PlanStatus[] = ['planned', 'in_progress', 'achieved', 'dropped'];
export const PRIORITIES: Priority[] = ['low', 'normal', 'high'];

export function focusStatusLabel(status: FocusStatus): string {
  return { active: m.focus_status_active, paused: m.focus_status_paused, done: m.focus_status_done }[status]();
}

export function planStatusLabel(status: PlanStatus): string {
  return {
    planned: m.plan_status_planned,
    in_progress: m.plan_status_in_progress,
    achieved: m.plan_status_achieved,
    dropped: m.plan_status_dropped,
  }[status]();
}

export function priorityLabel(priority: Priority): string {
  return { low: m.priority_low, normal: m.priority_normal, high: m.priority_high }[priority]();
}

export type ReportType = Schemas['Report']['type'];
export type ReportStatus = Schemas['Report']['status'];
export type SectionKey = keyof Schemas['ReportSections'];
export type SuggestionTarget = Schemas['Suggestion']['targetSection'];
export type TriggerKind = Schemas['Suggestion']['trigger']['kind'];

export const REPORT_TYPES: ReportType[] = ['weekly', 'monthly', 'quarterly', 'custom'];
export const SECTION_KEYS: SectionKey[] = ['accomplishments', 'challenges', 'learnings', 'nextFocus'];

export function reportTypeLabel(type: ReportType): string {
  return {
    weekly: m.report_type_weekly,
    monthly: m.report_type_monthly,
    quarterly: m.report_type_quarterly,
    custom: m.report_type_custom,
  }[type]();
}

export function reportStatusLabel(status: ReportStatus): string {
  return status === 'final' ? m.report_status_final() : m.report_status_draft();
}

export function sectionLabel(key: SectionKey): string {
  return {
    accomplishments: m.report_section_accomplishments,
    challenges: m.report_section_challenges,
    learnings: m.report_section_learnings,
    nextFocus: m.report_section_next_focus,
  }[key]();
}

/** Who wrote a report: the person, the built-in drafter (no AI), or a named model. */
export function reportAuthorLabel(generatedBy: string): string {
  if (generatedBy === 'manual') return m.generated_manual();
  if (generatedBy === 'builtin') return m.generated_builtin();
  return m.generated_model({ model: generatedBy });
}

/** Who proposed a suggestion: the built-in rules (no AI) or a named model. */
export function suggestionAuthorLabel(generatedBy: string): string {
  return generatedBy === 'builtin' ? m.suggestion_by_builtin() : m.generated_model({ model: generatedBy });
}

export const SUGGESTION_TARGETS: SuggestionTarget[] = [
  'achievements',
  'current_focus',
  'skills',
  'projects',
  'position_highlights',
  'todos',
];

export function targetLabel(target: SuggestionTarget): string {
  return {
    achievements: m.suggestion_target_achievements,
    current_focus: m.suggestion_target_focus,
    skills: m.suggestion_target_skills,
    projects: m.suggestion_target_projects,
    position_highlights: m.suggestion_target_highlights,
    todos: m.suggestion_target_todos,
  }[target]();
}

/** Whether accepting it adds to the career (a skill, a project, a highlight) rather than the anchor page. */
export const intoCareer = (target: SuggestionTarget) =>
  target === 'skills' || target === 'projects' || target === 'position_highlights';

export function triggerLabel(kind: TriggerKind): string {
  return {
    todo_completed: m.suggestion_trigger_todo,
    report_finalized: m.suggestion_trigger_report,
    achievement_added: m.suggestion_trigger_achievement,
    assistant: m.suggestion_trigger_assistant,
  }[kind]();
}
