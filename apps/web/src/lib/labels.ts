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
