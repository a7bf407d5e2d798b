/**
 * A JSON parser that keeps each number's source text, so rules such as "at most 2 decimals" can be
 * checked on what the client actually sent (JSON.parse would turn 1.0000000000000001 into 1).
 */
export class JsonNumber {
  constructor(readonly text: string) {}
  toJSON(): number {
    return Number(this.text)
  }
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message)
  }
}

export type LosslessJson = null | boolean | string | JsonNumber | LosslessJson[] | { [key: string]: LosslessJson }

export function parseLosslessJson(text: string): LosslessJson {
  let index = 0

  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at position ${index}`, index)
  }
  const skipWhitespace = () => {
    while (index < text.length && " \t\n\r".includes(text[index]!)) index++
  }
  const expect = (literal: string) => {
    if (text.slice(index, index + literal.length) !== literal) fail(`Expected '${literal}'`)
    index += literal.length
  }

  const parseString = (): string => {
    expect('"')
    let out = ""
    for (;;) {
      if (index >= text.length) fail("Unterminated string")
      const ch = text[index++]!
      if (ch === '"') return out
      if (ch === "\\") {
        const esc = text[index++]
        switch (esc) {
          case '"':
          case "\\":
          case "/":
            out += esc
            break
          case "b":
            out += "\b"
            break
          case "f":
            out += "\f"
            break
          case "n":
            out += "\n"
            break
          case "r":
            out += "\r"
            break
          case "t":
            out += "\t"
            break
          case "u": {
            const hex = text.slice(index, index + 4)
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("Invalid unicode escape")
            out += String.fromCharCode(parseInt(hex, 16))
            index += 4
            break
          }
          default:
            fail("Invalid escape")
        }
      } else if (ch < " ") {
        fail("Control character in string")
      } else {
        out += ch
      }
    }
  }

  const parseNumber = (): JsonNumber => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(index))
    if (!match) fail("Invalid number")
    index += match![0].length
    return new JsonNumber(match![0])
  }

  const parseValue = (): LosslessJson => {
    skipWhitespace()
    const ch = text[index]
    if (ch === "{") {
      index++
      const obj: Record<string, LosslessJson> = {}
      skipWhitespace()
      if (text[index] === "}") {
        index++
        return obj
      }
      for (;;) {
        skipWhitespace()
        const key = parseString()
        skipWhitespace()
        expect(":")
        obj[key] = parseValue()
        skipWhitespace()
        if (text[index] === ",") {
          index++
          continue
        }
        expect("}")
        return obj
      }
    }
    if (ch === "[") {
      index++
      const arr: LosslessJson[] = []
      skipWhitespace()
      if (text[index] === "]") {
        index++
        return arr
      }
      for (;;) {
        arr.push(parseValue())
        skipWhitespace()
        if (text[index] === ",") {
          index++
          continue
        }
        expect("]")
        return arr
      }
    }
    if (ch === '"') return parseString()
    if (ch === "t") return expect("true"), true
    if (ch === "f") return expect("false"), false
    if (ch === "n") return expect("null"), null
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) return parseNumber()
    return fail("Unexpected token")
  }

  const value = parseValue()
  skipWhitespace()
  if (index !== text.length) fail("Unexpected data after JSON value")
  return value
}

/** Converts a lossless tree back to plain JSON values (numbers become JS numbers). */
export function toPlainJson(value: LosslessJson): unknown {
  if (value instanceof JsonNumber) return Number(value.text)
  if (Array.isArray(value)) return value.map(toPlainJson)
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlainJson(v)]))
  }
  return value
}
