const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\/([\d]+)/, 'Edge'],
  [/OPR\/([\d]+)/, 'Opera'],
  [/Firefox\/([\d]+)/, 'Firefox'],
  [/(Chrome|CriOS)\/([\d]+)/, 'Chrome'],
  [/Version\/([\d]+).*Safari/, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows NT/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X/, 'macOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/**
 * What a user agent says about the device, as names (the same in every language) that a reader's
 * page puts into words: browser and system when known, else what a script called itself.
 */
export interface Device {
  browser: string | null;
  system: string | null;
  client: string | null;
}

export function parseUserAgent(agent: string | null): Device {
  if (!agent) return { browser: null, system: null, client: null };
  const browser = BROWSERS.find(([re]) => re.test(agent))?.[1] ?? null;
  const system = SYSTEMS.find(([re]) => re.test(agent))?.[1] ?? null;
  const client = browser || system ? null : agent.split(/[\s/]/)[0]!.slice(0, 40) || null;
  return { browser, system, client };
}

/** "Firefox on Windows" from a user agent, or what a script called itself (curl, a client…), in English. */
export function describeUserAgent(agent: string | null): string {
  return describeDevice(parseUserAgent(agent));
}

export function describeDevice({ browser, system, client }: Device): string {
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? client ?? 'Unknown';
}
