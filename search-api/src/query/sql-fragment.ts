/**
 * SQL built from fragments that carry their own parameters, so text and parameter order can never
 * drift apart. Interpolated values always become `?` parameters; only `raw()` splices text, and it is
 * used for SQL the compiler itself chose (keywords, catalog column names, checked identifiers).
 */
export class Sql {
  constructor(
    readonly text: string,
    readonly params: readonly unknown[],
  ) {}
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((value, index) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[index + 1] ?? '';
  });
  return new Sql(text, params);
}

export function raw(text: string): Sql {
  return new Sql(text, []);
}

export function joinSql(parts: readonly Sql[], separator: string): Sql {
  return new Sql(
    parts.map((part) => part.text).join(separator),
    parts.flatMap((part) => part.params),
  );
}

/** Output column names are the user's (`count`, `dc(user.name)`), so they are checked, then quoted. */
const SAFE_COLUMN = /^[A-Za-z0-9_.@()-]+$/;

export function quoteIdent(name: string): Sql {
  if (!SAFE_COLUMN.test(name)) throw new Error(`unsafe column name '${name}'`);
  return raw(`"${name}"`);
}
