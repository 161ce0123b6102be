/**
 * Names a side output. The element type is carried only in the type system; two tags with the same id are the
 * same output.
 */
export class OutputTag<T> {
  declare readonly __elementType?: T;
  constructor(readonly id: string) {
    if (id.length === 0) throw new TypeError('OutputTag: the id must not be empty');
  }
}

export function outputTag<T>(id: string): OutputTag<T> {
  return new OutputTag<T>(id);
}
