/**
 * Answers of the Authorization API. Unknown fields are tolerated;
 * numbers the docs call strings (token fields, `status`) are accepted either way (U15).
 */
import { z } from "zod"

const numberLike = z.union([z.number(), z.string().regex(/^-?\d+(?:\.\d+)?$/)]).transform((value) => Number(value))

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: numberLike.optional(),
  /** Unix epoch seconds. */
  expires_on: numberLike.optional(),
})

/** 201: approved without ID validation. */
export const approvedSchema = z.object({
  authorizationId: z.string().min(1),
  creditLimit: numberLike.optional(),
})

/** 202: approved pending ID validation (`forced` is undocumented, U16). */
export const idValidationRequiredSchema = z.object({
  authorizationId: z.string().min(1),
  redirectUrl: z.string().url(),
  forced: z.boolean().optional(),
})

/** 422 (credit rejected) and 500 (technical error). */
export const creditErrorSchema = z.object({
  errorCode: numberLike.optional(),
  errorMessage: z.string().optional(),
  authorizationId: z.string().optional(),
})

/** 400: RFC 9457 problem document, ASP.NET ValidationProblemDetails shape. */
export const validationProblemSchema = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
})

/** `GET /authorization/{id}`; without `status` while ID validation is still running (U5). */
export const authorizationStatusSchema = z.object({
  authorizationId: z.string().optional(),
  status: numberLike.optional(),
  creditLimit: numberLike.optional(),
  inBackOffice: z.boolean().optional(),
  errorCode: numberLike.optional(),
  errorMessage: z.string().optional(),
  request: z.unknown().optional(),
  /** Not sent by Avarda: the client keeps it from `request` (which it drops) to tell whose authorization this is. */
  orderReference: z.string().optional(),
})
export type AuthorizationStatusBody = z.infer<typeof authorizationStatusSchema>

/** Order-management errors come as a PascalCase array (cancel page) or a camelCase object (U10). */
export const orderManagementErrorSchema = z.union([
  z.array(z.object({ ErrorCode: z.union([z.string(), z.number()]).optional(), ErrorMessage: z.string().optional() })),
  z.object({ errorCode: z.union([z.string(), z.number()]).optional(), errorMessage: z.string().optional() }),
])
