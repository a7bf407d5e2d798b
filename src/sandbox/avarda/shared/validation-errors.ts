/** Collects validation messages per field, keeping insertion order (an ASP.NET `errors` map). */
export class ValidationErrors {
  private readonly byField = new Map<string, string[]>()

  add(field: string, message: string): void {
    const messages = this.byField.get(field) ?? []
    if (!messages.includes(message)) messages.push(message)
    this.byField.set(field, messages)
  }

  get isEmpty(): boolean {
    return this.byField.size === 0
  }

  has(field: string): boolean {
    return this.byField.has(field)
  }

  toRecord(): Record<string, string[]> {
    return Object.fromEntries(this.byField)
  }

  /** All messages in order, for APIs that report a flat list. */
  messages(): string[] {
    return [...this.byField.values()].flat()
  }
}

/** "customer" → "Customer" (ASP.NET model-state keys use the C# property names). */
export function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** ["items", 0, "amount"] → "Items[0].Amount" (model-state key). */
export function modelStateKey(path: ReadonlyArray<PropertyKey>): string {
  let key = ""
  for (const part of path) {
    if (typeof part === "number") key += `[${part}]`
    else key += `${key ? "." : ""}${pascalCase(String(part))}`
  }
  return key
}

/** ["items", 0, "amount"] → "$.items[0].amount" (System.Text.Json path of a deserialization error). */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let key = "$"
  for (const part of path) key += typeof part === "number" ? `[${part}]` : `.${String(part)}`
  return key
}
