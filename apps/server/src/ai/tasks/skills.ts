/**
 * Skills named in an item's own words. The built-in suggester has no model to read text with, so
 * it recognises the skills the person already lists on their achievements, and a short list of
 * common ones; tags are labels for sorting, never skills.
 */
const COMMON_SKILLS = [
  // Languages and platforms (no plain words: "Go", "Spring" or "Excel" would match everyday text).
  'TypeScript',
  'JavaScript',
  'Python',
  'Rust',
  'Java',
  'Kotlin',
  'Swift',
  'C++',
  'C#',
  'Ruby',
  'PHP',
  'Scala',
  'Elixir',
  'Haskell',
  'SQL',
  'Golang',
  'Node.js',
  'Deno',
  'React',
  'Vue',
  'Svelte',
  'SvelteKit',
  'Angular',
  'Next.js',
  'Django',
  'Flask',
  'FastAPI',
  'Rails',
  '.NET',
  'GraphQL',
  'gRPC',
  'WebAssembly',
  // Infrastructure and data
  'Kubernetes',
  'Docker',
  'Terraform',
  'AWS',
  'GCP',
  'Azure',
  'Linux',
  'PostgreSQL',
  'MySQL',
  'SQLite',
  'MongoDB',
  'Redis',
  'Kafka',
  'Elasticsearch',
  'Airflow',
  'dbt',
  'Snowflake',
  'Stripe',
  'CI/CD',
  'Git',
  'Figma',
  'Tableau',
  'Power BI',
  // Disciplines
  'Machine learning',
  'Deep learning',
  'Data analysis',
  'Data engineering',
  'Statistics',
  'Accessibility',
  'Observability',
  'Security',
  'Performance tuning',
  'Code review',
  'System design',
  'API design',
  'UX research',
  'Product management',
  'Project management',
  'Stakeholder management',
  'Leadership',
  'Mentoring',
  'Coaching',
  'Hiring',
  'Public speaking',
  'Technical writing',
  'Negotiation',
  'Budgeting',
  'Facilitation',
  'Agile',
  'Scrum',
  // 中文
  '机器学习',
  '数据分析',
  '项目管理',
  '产品管理',
  '领导力',
  '沟通',
  '演讲',
  '写作',
  '招聘',
  '辅导',
  '谈判',
  '预算',
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isCjk = (text: string) => /\p{Script=Han}/u.test(text);

function occursIn(text: string, skill: string): number {
  if (isCjk(skill)) return text.indexOf(skill);
  // Whole words only: "Java" is not in "JavaScript", "Rust" is not in "trust".
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escape(skill)}(?![\\p{L}\\p{N}+#])`, 'iu');
  return pattern.exec(text)?.index ?? -1;
}

/**
 * The skills `text` names, in the order it names them, at most `max`: the person's own skills
 * (as they spell them) before common ones.
 */
export function skillsIn(text: string, known: readonly string[], max = 5): string[] {
  const found = new Map<string, { skill: string; at: number }>();
  for (const skill of [...known, ...COMMON_SKILLS]) {
    const key = skill.toLowerCase();
    if (found.has(key) || !skill.trim()) continue;
    const at = occursIn(text, skill);
    if (at >= 0) found.set(key, { skill, at });
  }
  return [...found.values()]
    .sort((a, b) => a.at - b.at)
    .slice(0, max)
    .map((f) => f.skill);
}
