import type { SandboxRouter, SandboxRequest, SandboxResponse } from "../core/types"
import { aviratoHandler, requireApiKey, requireWebcodeIfPresent, requireWebcodeQuery } from "./api-guard"
import type { AviratoDeps } from "./deps"
import { apiBasePath, environmentOfSessionId, PAYMENT_PAGE_PATH, type AviratoEnvironment } from "./environment"
import { environmentMismatch, notFound } from "./error-codes"
import { success } from "./envelope"
import { IdempotencyStore } from "./idempotency"
import type { AviratoSession } from "./model"
import { jsonObjectBody, validate } from "./request-validation"
import { createSessionSchema } from "./schemas"
import { settlePageTimeout } from "./session-lifecycle"
import { pageOfSessions, parseSessionListQuery } from "./session-list"
import { createdSessionView, sessionView } from "./session-view"

const DEFAULT_COUNTRY_CODE = "ES"
const DEFAULT_SHOPPER_LOCALE = "es-ES"

function createSession(deps: AviratoDeps, environment: AviratoEnvironment, req: SandboxRequest, body: unknown): SandboxResponse {
  const input = validate(createSessionSchema, body)
  const now = deps.ctx.clock.now()
  const session: AviratoSession = {
    environment,
    sessionId: deps.references.sessionId(input.webcode, environment, now),
    webcode: input.webcode,
    amount: input.amount,
    urlOk: input.urlOk,
    urlKo: input.urlKo,
    countryCode: input.countryCode ?? DEFAULT_COUNTRY_CODE,
    shopperLocale: input.shopperLocale ?? DEFAULT_SHOPPER_LOCALE,
    deliverAt: input.deliverAt ?? null,
    description: input.description ?? null,
    customReference: input.customReference ?? null,
    isPreAuth: input.isPreAuth ?? false,
    createdAt: now,
    status: "pending",
    pageToken: deps.references.pageToken(),
    attempts: [],
  }
  deps.store.addSession(session)
  const origin = req.origin || deps.ctx.origin()
  return success(201, createdSessionView(session, `${origin}${PAYMENT_PAGE_PATH}/${session.pageToken}`))
}

/** POST payment/session, GET payment/session/{sessionId} and GET payment/sessions, for one environment. */
export function mountSessionRoutes(router: SandboxRouter, deps: AviratoDeps, environment: AviratoEnvironment): void {
  const { ctx } = deps
  const settings = ctx.options.avirato
  const base = apiBasePath(environment)

  router.route(
    "POST",
    `${base}/payment/session`,
    aviratoHandler(ctx, (req) => {
      requireApiKey(req, settings, environment)
      const idempotencyKey = IdempotencyStore.keyFrom(req.headers["idempotency-key"])
      const body = jsonObjectBody(req)
      requireWebcodeIfPresent(body.webcode, settings)
      return deps.idempotency.run(environment, "payment/session", idempotencyKey, body, ctx.clock.now(), async () =>
        createSession(deps, environment, req, body),
      )
    }),
    { name: `avirato.${environment}.session.create` },
  )

  router.route(
    "GET",
    `${base}/payment/session/:sessionId`,
    aviratoHandler(ctx, (req) => {
      requireApiKey(req, settings, environment)
      requireWebcodeQuery(req, settings)
      const { sessionId } = req.params
      const idEnvironment = environmentOfSessionId(sessionId)
      if (idEnvironment && idEnvironment !== environment) throw environmentMismatch("the session")
      const session = deps.store.session(environment, sessionId)
      if (!session) throw notFound("Payment session")
      settlePageTimeout(session, ctx.clock.now())
      return success(200, sessionView(session))
    }),
    { name: `avirato.${environment}.session.get` },
  )

  router.route(
    "GET",
    `${base}/payment/sessions`,
    aviratoHandler(ctx, (req) => {
      requireApiKey(req, settings, environment)
      requireWebcodeQuery(req, settings)
      const query = parseSessionListQuery(req)
      const now = ctx.clock.now()
      const own = [...deps.store.sessions.values()].filter((s) => s.environment === environment && s.webcode === settings.webcode)
      for (const session of own) settlePageTimeout(session, now)
      const { items, total } = pageOfSessions(own, query)
      return success(200, { items: items.map(sessionView), page: query.page, limit: query.limit, total })
    }),
    { name: `avirato.${environment}.session.list` },
  )
}
