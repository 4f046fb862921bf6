import { z } from 'zod';
import { clip } from '../tokens.ts';

/** The month in numbers, as the insights put them: nothing else about the user is sent. */
export interface ReflectionInput {
  locale: string;
  month: string;
  insights: { title: string; detail: string }[];
}

export const ReflectionOutput = z.object({
  title: z.string().min(1).max(120),
  body: z.string().min(1).max(1500),
});
export type ReflectionOutput = z.infer<typeof ReflectionOutput>;

const SYSTEM = `You write a short, warm monthly reflection for one person from facts about their month.
Answer with JSON only: {"title":"…","body":"…"}. The body is 3 to 5 sentences: what went well, what slipped, one suggestion for next month.
Use only the facts given; keep the numbers exact; write in the language given by "language".`;

export function buildReflectionPrompt(input: ReflectionInput): { system: string; prompt: string } {
  const lines = [
    `language: ${input.locale === 'zh-CN' ? 'Simplified Chinese' : 'English'}`,
    `month: ${input.month}`,
    'facts:',
    ...input.insights.slice(0, 10).map((i) => `- ${clip(i.title, 160)}: ${clip(i.detail, 400)}`),
  ];
  return { system: SYSTEM, prompt: lines.join('\n') };
}

/** Without a model: the month's insights, one per line, under a plain title. */
export function builtinReflection(input: ReflectionInput): ReflectionOutput {
  const zh = input.locale === 'zh-CN';
  const facts = input.insights.map((i) => `${i.title}. ${i.detail}`);
  return {
    title: zh ? `${input.month} 月度回顾` : `Your month in review: ${input.month}`,
    body: clip(
      facts.length ? facts.join('\n') : zh ? '这个月没有记录到完成的事项。' : 'Nothing was recorded as finished this month.',
      1500,
    ),
  };
}
