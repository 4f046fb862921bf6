import { and, ilike, or, sql, type Column, type SQL } from 'drizzle-orm';
import { readRows, type Db } from '../db/client.ts';
import { searchTerms } from '../lib/search-terms.ts';
import { containsPattern } from '../lib/text.ts';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

/**
 * Whether, on this database, `ca_fold` of a text contains `q` lowered by JavaScript whenever an
 * ILIKE '%q%' matches that text, for any printable-ASCII `q`. It holds when lower() works code
 * point by code point (the libc provider), folding leaves ASCII as lower() makes it, and every
 * other character that lower() turns into ASCII folds to that same character (İ and the Kelvin
 * sign do; unaccent's rules replace single characters). A Turkish locale, where lower('I') is
 * 'ı', fails it.
 */
const PROBE = `
  select (select datlocprovider from pg_database where datname = current_database()) = 'c'
     and lower($1) = $2 and ca_fold($1) = $2
     and not exists (select 1 from generate_series(128, 65535) c
                     where (c < 55296 or c > 57343) and lower(chr(c)) ~ '^[ -~]+$' and ca_fold(chr(c)) <> lower(chr(c))) as safe`;

const probes = new WeakMap<Db, Promise<boolean>>();

function prefilterSafe(db: Db): Promise<boolean> {
  let probe = probes.get(db);
  if (!probe) {
    probe = readRows<{ safe: boolean }>(db, PROBE, [ASCII, ASCII.toLowerCase()]).then(
      ([row]) => row?.safe === true,
      () => false,
    );
    probes.set(db, probe);
  }
  return probe;
}

/**
 * "Each term of `q` is in one of `columns`, ignoring case": the terms as the search box reads
 * them (lib/search-terms.ts: words in any order, "quoted phrases" whole), each matched with
 * ILIKE, as the lists have always matched. ILIKE lowers every value it tests, which on a heavy
 * account cost 5 ms a query; for an ASCII term the stored folded text (`searchText`, made of
 * those columns) is first tested with a plain LIKE, so ILIKE runs only on rows that can match.
 * Where the probe above fails, ILIKE alone. Text without a term keeps every row.
 */
export async function containsText(db: Db, q: string, columns: (Column | SQL)[], searchText: Column): Promise<SQL> {
  const terms = searchTerms(q);
  if (terms.length === 0) return sql`true`;
  const prefilter = terms.some((term) => PRINTABLE_ASCII.test(term)) && (await prefilterSafe(db));
  // The cheap tests first: PostgreSQL keeps the order of tests that cost alike.
  const cheap = prefilter
    ? terms
        .filter((term) => PRINTABLE_ASCII.test(term))
        .map((term) => sql`${searchText} like ${containsPattern(term.toLowerCase())}`)
    : [];
  const exact = terms.map((term) => or(...columns.map((column) => ilike(column, containsPattern(term))))!);
  return and(...cheap, ...exact)!;
}
