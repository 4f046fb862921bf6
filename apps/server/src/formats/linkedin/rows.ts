/** A column name as compared: case and spacing as LinkedIn varies them between exports do not count. */
export const columnKey = (column: string) => column.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * One CSV row. Each column is taken at most once, so whatever no field took is left for the
 * entry's `extra` — nothing in the file is dropped without a word.
 */
export class CsvRow {
  private readonly cells = new Map<string, { column: string; value: string; taken: boolean }>();

  constructor(header: string[], record: string[]) {
    record.forEach((cell, i) => {
      // A row longer than its header keeps the surplus as "Column N".
      const column = header[i] || `Column ${i + 1}`;
      let key = columnKey(column);
      let label = column;
      for (let n = 2; this.cells.has(key); n++) {
        key = `${columnKey(column)} (${n})`;
        label = `${column} (${n})`;
      }
      this.cells.set(key, { column: label, value: cell.trim(), taken: false });
    });
  }

  /** The first of these columns with a value ('' when none has one); all of them are taken. */
  take(...columns: string[]): string {
    let found = '';
    for (const column of columns) {
      const cell = this.cells.get(columnKey(column));
      if (!cell) continue;
      cell.taken = true;
      if (!found) found = cell.value;
    }
    return found;
  }

  /** The column's value without taking it. */
  peek(column: string): string {
    return this.cells.get(columnKey(column))?.value ?? '';
  }

  /** Columns no field took that hold a value, as the file names them. */
  rest(): Record<string, string> {
    const rest: Record<string, string> = {};
    for (const cell of this.cells.values()) if (!cell.taken && cell.value !== '') rest[cell.column] = cell.value;
    return rest;
  }

  get isEmpty(): boolean {
    return [...this.cells.values()].every((cell) => cell.value === '');
  }
}
