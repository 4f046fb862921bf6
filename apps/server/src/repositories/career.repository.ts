import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CareerSection } from '@career-anchor/contracts';
import { queryRows, type Db, type Executor } from '../db/client.ts';
import { careerEntries, imports, type ImportSource } from '../db/schema/index.ts';
import { idEq } from './conditions.ts';
import { skillEvidence, type SkillEvidenceRow } from './facts.ts';
import { byPosition, itemsRepository, tagAndText, type ItemsRepository } from './items.repository.ts';
import { handOrder, type HandOrder } from './ordering.ts';
import { endPosition } from './owned.ts';
import { deleteItemTags } from './tags.repository.ts';

export type CareerRow = typeof careerEntries.$inferSelect;
export type CareerInsert = Omit<typeof careerEntries.$inferInsert, 'userId' | 'section'>;
export type ImportRow = typeof imports.$inferSelect;
export type { ImportSource };

export interface CareerFilter {
  tag?: string | undefined;
  q?: string | undefined;
  isPublic?: boolean | undefined;
}

/**
 * One section's entries, as every kind of item is kept (list, find, insert, update, trash, tags),
 * with its hand-made order. On `update`, `fields` holds only the fields that change: they are
 * merged into the stored ones in the statement itself, so two edits of different fields at once
 * both stay; and an entry that is `current` has no end date, whichever edit made it so.
 */
export type CareerSectionRepository = ItemsRepository<CareerRow, CareerInsert, CareerFilter, 'position'> & HandOrder;

/** The first key of the advisory lock that serialises one user's reordering of career entries. */
const ORDER_LOCK = 724_310_553;

/** The stored fields with `patch` over them; `current: true` clears the end date. */
const mergedFields = (patch: Record<string, unknown>) => {
  const merged = sql`(${careerEntries.fields} || ${JSON.stringify(patch)}::jsonb)`;
  return sql`case when ${merged} @> '{"current": true}' then ${merged} || '{"endDate": null}' else ${merged} end`;
};

function sectionRepository(db: Executor, userId: string, section: CareerSection): CareerSectionRepository {
  const scope = eq(careerEntries.section, section);
  const items = itemsRepository(
    {
      table: careerEntries,
      kind: 'career_entry',
      scope: { where: scope, values: { section } },
      position: 'last',
      keysets: { position: byPosition(careerEntries, 'career_entries') },
      async where(filter: CareerFilter, db: Db, userId: string) {
        const text = sql`ca_career_text(${careerEntries.fields})`;
        return [
          filter.isPublic !== undefined ? eq(careerEntries.isPublic, filter.isPublic) : undefined,
          ...(await tagAndText(careerEntries, filter, db, userId, [text])),
        ];
      },
    },
    db,
    userId,
  );
  return {
    ...items,
    ...handOrder(db, careerEntries, userId, ORDER_LOCK, scope),
    update: (id, values, now) =>
      items.update(id, values.fields ? { ...values, fields: mergedFields(values.fields) as never } : values, now),
  };
}

/** The acting user's career: each section's entries, and the imports that brought some of them. */
export function careerRepository(db: Executor, userId: string) {
  const sections = new Map<CareerSection, CareerSectionRepository>();
  const live = and(eq(careerEntries.userId, userId), isNull(careerEntries.deletedAt));

  return {
    /** One section's entries. */
    section(section: CareerSection): CareerSectionRepository {
      let repo = sections.get(section);
      if (!repo) sections.set(section, (repo = sectionRepository(db, userId, section)));
      return repo;
    },

    /** Every live entry, section by section, each in the person's order. */
    allLive(): Promise<CareerRow[]> {
      return db
        .select()
        .from(careerEntries)
        .where(live)
        .orderBy(asc(careerEntries.section), asc(careerEntries.position), asc(careerEntries.id));
    },

    /** The names of a section's live entries (what the trash and search call them), in the person's order. */
    async titles(section: CareerSection): Promise<string[]> {
      const rows = await db
        .select({ title: careerEntries.title })
        .from(careerEntries)
        .where(and(live, eq(careerEntries.section, section)))
        .orderBy(asc(careerEntries.position), asc(careerEntries.id))
        .limit(500);
      return rows.map((row) => row.title ?? '').filter(Boolean);
    },

    /** The first live position marked current, in the person's order: the one held now. */
    async currentPosition(): Promise<CareerRow | undefined> {
      const [row] = await db
        .select()
        .from(careerEntries)
        .where(and(live, eq(careerEntries.section, 'positions'), sql`${careerEntries.fields} @> '{"current": true}'`))
        .orderBy(asc(careerEntries.position), asc(careerEntries.id))
        .limit(1);
      return row;
    },

    /** Every entry, the trash's too, for the export: section by section, each in the person's order. */
    all(): Promise<CareerRow[]> {
      return db
        .select()
        .from(careerEntries)
        .where(eq(careerEntries.userId, userId))
        .orderBy(asc(careerEntries.section), asc(careerEntries.position), asc(careerEntries.id));
    },

    /** The position after the section's last entry (trash included). */
    lastPosition: (section: CareerSection) => endPosition(db, careerEntries, userId, 'last', eq(careerEntries.section, section)),

    /** Adds many entries at once (imports), rows as the table stores them. */
    async insertMany(rows: (CareerInsert & { section: CareerSection })[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 500) {
        await db.insert(careerEntries).values(rows.slice(i, i + 500).map((row) => ({ ...row, userId })));
      }
    },

    /** The user's entries that the given export-file ids already stand for (see the transfer repository's `existing`). */
    async existing(fileIds: string[]): Promise<Map<string, string>> {
      const found = new Map<string, string>();
      for (let i = 0; i < fileIds.length; i += 500) {
        const part = fileIds.slice(i, i + 500);
        const rows = await db
          .select({ id: careerEntries.id, originId: careerEntries.originId })
          .from(careerEntries)
          .where(and(eq(careerEntries.userId, userId), inArray(careerEntries.originId, part)));
        for (const row of rows) found.set(row.originId!, row.id);
        const own = await db
          .select({ id: careerEntries.id })
          .from(careerEntries)
          .where(and(eq(careerEntries.userId, userId), inArray(careerEntries.id, part)));
        for (const row of own) found.set(row.id, row.id);
      }
      return found;
    },

    /** The evidence for each skill name given (see facts.ts `skillEvidence`), by the name as given. */
    async skillEvidence(names: string[]): Promise<Map<string, SkillEvidenceRow>> {
      if (names.length === 0) return new Map();
      const rows = await queryRows<SkillEvidenceRow>(db, skillEvidence(sql`${userId}::uuid`, sql`${sql.param(names)}::text[]`));
      return new Map(rows.map((row) => [row.name, row]));
    },

    // --- imports ---------------------------------------------------------------------------

    async addImport(values: {
      id: string;
      source: ImportSource;
      counts: Record<string, number>;
      profileBefore: Record<string, unknown>;
      createdAt: Date;
      undoUntil: Date;
    }): Promise<void> {
      await db.insert(imports).values({ ...values, userId });
    },

    /** The user's import, locked until the transaction ends (two undos at once: the second sees the first). */
    async lockImport(id: string): Promise<ImportRow | undefined> {
      const [row] = await db
        .select()
        .from(imports)
        .where(and(idEq(imports.id, id), eq(imports.userId, userId)))
        .for('update');
      return row;
    },

    /** Removes for good the entries an import brought (with their tags) and marks it undone; how many went. */
    async undoImport(id: string, now: Date): Promise<number> {
      const gone = await db
        .delete(careerEntries)
        .where(and(eq(careerEntries.userId, userId), eq(careerEntries.importId, id)))
        .returning({ id: careerEntries.id });
      await deleteItemTags(
        db,
        userId,
        'career_entry',
        gone.map((row) => row.id),
      );
      await db
        .update(imports)
        .set({ undoneAt: now })
        .where(and(eq(imports.id, id), eq(imports.userId, userId)));
      return gone.length;
    },
  };
}
