/**
 * EMVCo merchant-presented QR data objects: a 2-digit ID, a 2-digit length (number of characters,
 * 00–99) and the value. Payload and nested templates (IDs 26–51, 62) use the same format.
 */
export interface EmvField {
  id: string;
  value: string;
  /** Character offset of the field's ID in the text it was read from. */
  offset: number;
}

export class EmvFormatError extends Error {
  constructor(
    message: string,
    /** The data object the problem is in, e.g. `54` or `38.01.00`; `payload` for the whole text. */
    readonly field: string,
  ) {
    super(message);
    this.name = 'EmvFormatError';
  }
}

/** One data object; the value must fit the 2-digit length. */
export function emvField(id: string, value: string): string {
  if (!/^\d{2}$/.test(id)) throw new EmvFormatError(`ID "${id}" is not two digits`, id);
  if (value.length > 99) throw new EmvFormatError(`value of ${id} is ${value.length} characters (at most 99)`, id);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/**
 * Splits a payload (or a template's value) into its data objects, in order. Throws
 * `EmvFormatError` when an ID or length is not two digits or a value runs past the end. `path` is
 * the enclosing field (for messages), e.g. `38`.
 */
export function parseEmvFields(text: string, path = ''): EmvField[] {
  const fields: EmvField[] = [];
  let at = 0;
  while (at < text.length) {
    const head = text.slice(at, at + 4);
    const id = head.slice(0, 2);
    const where = path ? `${path}.${id}` : id;
    if (!/^\d{4}$/.test(head)) {
      throw new EmvFormatError(`malformed data object at character ${at} ("${head}"): ID and length must be two digits each`, path || 'payload');
    }
    const length = Number(head.slice(2, 4));
    const value = text.slice(at + 4, at + 4 + length);
    if (value.length !== length) {
      throw new EmvFormatError(`${where} declares ${length} characters but only ${value.length} remain`, where);
    }
    fields.push({ id, value, offset: at });
    at += 4 + length;
  }
  return fields;
}
