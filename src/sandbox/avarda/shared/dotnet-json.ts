/**
 * zod building blocks that read JSON the way an ASP.NET Core API does with its web defaults:
 * property names match case-insensitively, numbers may arrive as strings, other type mismatches
 * are deserialization errors. Values come from `parseLosslessJson`, so decimals keep their text.
 */
import { z } from "zod"
import { JsonNumber, type LosslessJson } from "./lossless-json"
import { parseExactDecimal } from "./money"

/** Marks a zod issue as a JSON type mismatch; the rest of the message is the .NET type name. */
export const TYPE_ERROR_PREFIX = "type:"

const typeError = (dotnetType: string) => ({ error: `${TYPE_ERROR_PREFIX}${dotnetType}` })

/** A decimal as sent: its exact text (from a JSON number or a numeric string). */
export interface DecimalInput {
  text: string
}

export const dotnetString = () => z.string(typeError("System.String"))

export const dotnetBool = () => z.boolean(typeError("System.Boolean"))

export const dotnetDecimal = () =>
  z
    .custom<JsonNumber | string>(
      (value) =>
        (value instanceof JsonNumber || typeof value === "string") &&
        parseExactDecimal(value instanceof JsonNumber ? value.text : value) !== undefined,
      typeError("System.Decimal"),
    )
    .transform((value): DecimalInput => ({ text: value instanceof JsonNumber ? value.text : value.trim() }))

export const dotnetInt = () =>
  z
    .custom<JsonNumber | string>((value) => {
      const text = value instanceof JsonNumber ? value.text : typeof value === "string" ? value.trim() : undefined
      return text !== undefined && /^-?\d{1,10}$/.test(text) && Math.abs(Number(text)) <= 2147483647
    }, typeError("System.Int32"))
    .transform((value) => Number(value instanceof JsonNumber ? value.text : value))

/** JSON `null` is treated as an absent property. */
export const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional())

export const dotnetObject = <T extends z.ZodRawShape>(shape: T, dotnetType: string) =>
  z.object(shape, typeError(dotnetType))

export const dotnetArray = <T extends z.ZodTypeAny>(item: T, dotnetType: string) => z.array(item, typeError(dotnetType))

/**
 * Renames object keys that match one of `knownKeys` case-insensitively to that spelling, at any
 * depth (System.Text.Json `PropertyNameCaseInsensitive`).
 */
export function canonicalizeKeys(value: LosslessJson, knownKeys: readonly string[]): LosslessJson {
  const byLower = new Map(knownKeys.map((key) => [key.toLowerCase(), key]))
  const walk = (node: LosslessJson): LosslessJson => {
    if (Array.isArray(node)) return node.map(walk)
    if (node && typeof node === "object" && !(node instanceof JsonNumber)) {
      const out: Record<string, LosslessJson> = {}
      for (const [key, child] of Object.entries(node)) {
        out[byLower.get(key.toLowerCase()) ?? key] = walk(child)
      }
      return out
    }
    return node
  }
  return walk(value)
}

/** All keys of a zod object schema tree (for `canonicalizeKeys`). */
export function collectKeys(schema: z.ZodTypeAny, into: Set<string> = new Set()): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def
  switch (def.type) {
    case "object":
      for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodTypeAny>)) {
        into.add(key)
        collectKeys(child, into)
      }
      break
    case "array":
      collectKeys(def.element as z.ZodTypeAny, into)
      break
    case "optional":
    case "nullable":
    case "default":
      collectKeys(def.innerType as z.ZodTypeAny, into)
      break
    case "pipe":
      collectKeys(def.in as z.ZodTypeAny, into)
      collectKeys(def.out as z.ZodTypeAny, into)
      break
    case "union":
      for (const option of def.options as z.ZodTypeAny[]) collectKeys(option, into)
      break
  }
  return [...into]
}
