export * from './common.ts';
export * from './auth.ts';
export * from './jobs.ts';
export * from './items.ts';
export * from './profile.ts';
export * from './overview.ts';
export * from './trash.ts';
