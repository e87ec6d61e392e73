/** Splitting one CSV line into fields: comma-separated, with optional double quotes ("" inside quotes is a quote). */

/** The fields of `line`, or an error message when a quote is left open. */
export function splitCsvLine(line: string): string[] | { error: string } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return { error: "a quoted field is not closed" };
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const comma = line.indexOf(",", i);
      const rest = comma < 0 ? line.slice(i) : line.slice(i, comma);
      if (rest.trim() !== "") return { error: "text after a closing quote" };
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    } else {
      const comma = line.indexOf(",", i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}
