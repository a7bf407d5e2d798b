/**
 * What every My Pages route shares: the module, the customer's scope (id from the authenticated
 * session or the admin route's path; purchase ids, order references and proofs of identity from
 * that customer's own orders and stored links) and the translation of Avarda failures into responses.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AVARDA_MY_PAGES_MODULE } from "../../modules/avarda-my-pages"
import type AvardaMyPagesService from "../../modules/avarda-my-pages/service"
import type { CustomerScope } from "../../modules/avarda-my-pages/service"
import { SharedMyPagesReads } from "../../lib/avarda/my-pages/shared-reads"
import { customerAvardaPurchases } from "./customer-purchase-ids"
import { ownedAccountsStore } from "./owned-accounts-cache"
import { previousScopeStore } from "./previous-scope-cache"
import { respondToMyPagesFailure } from "./error-response"

export interface MyPagesRouteContext {
  myPages: AvardaMyPagesService
  scope: CustomerScope
}

/** The authenticated customer's id; the route's middleware guarantees it is there. */
export function authenticatedCustomerId(req: MedusaRequest): string {
  const actorId = (req as MedusaRequest & { auth_context?: { actor_id?: string; actor_type?: string } }).auth_context
  if (!actorId?.actor_id || actorId.actor_type !== "customer") throw new Error("My Pages route reached without a customer session")
  return actorId.actor_id
}

function firstString(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === "string" && first.trim() ? first.trim() : undefined
}

export interface MyPagesRouteOptions {
  /** A storefront URL the caller asked Avarda to send the customer back to (refused when it is not on the storefront's origin). */
  returnUrl?: unknown
  /**
   * The reads at Avarda the route's handler is going to make, for a read-only route: run with the
   * customer's previous scope while the request's own scope is read from the database, so that
   * Avarda's answer is on its way meanwhile. The handler uses such a read only when its own scope
   * makes the same one; anything this returns is ignored, and it writes nothing.
   */
  readAhead?: (myPages: AvardaMyPagesService, previousScope: CustomerScope) => Promise<unknown>
}

/**
 * Runs `handler` for `customerId` with purchase ids from the customer's own orders and the proof of
 * identity in force (brought up to date first: see `resolveIdentity`).
 */
export async function withCustomerMyPages(
  req: MedusaRequest,
  res: MedusaResponse,
  customerId: string,
  handler: (context: MyPagesRouteContext) => Promise<void>,
  options: MyPagesRouteOptions = {}
): Promise<void> {
  const myPages = req.scope.resolve<AvardaMyPagesService>(AVARDA_MY_PAGES_MODULE)
  const logger = req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const requested = firstString(options.returnUrl)
  let returnUrl: string | undefined
  if (requested) {
    returnUrl = myPages.allowedReturnUrl(requested)
    if (!returnUrl) {
      res.status(400).json({
        type: "invalid_data",
        message: `return_url must be a page of the storefront (${new URL(myPages.defaultReturnUrl()).origin})`,
      })
      return
    }
  }
  const reads = new SharedMyPagesReads()
  const readingAhead = options.readAhead ? startReadAhead(req.scope, myPages, options.readAhead, { customerId, reads, returnUrl }) : undefined
  // The customer's orders and stored proofs are read at once (two queries, one wait).
  const purchasesRead = customerAvardaPurchases(req.scope, customerId)
  try {
    const identity = await myPages.resolveIdentity({
      customerId,
      electronicIdProofs: purchasesRead.then((read) => read.electronicIdProofs),
      ...(returnUrl ? { returnUrl } : {}),
    })
    const purchases = await purchasesRead
    const scope: CustomerScope = {
      customerId,
      purchaseIds: purchases.purchaseIds,
      orderReferences: purchases.orderReferences,
      identity,
      ...(returnUrl ? { returnUrl } : {}),
      owned: ownedAccountsStore(req.scope, customerId, identity),
      reads,
    }
    readingAhead?.remember(scope)
    await handler({ myPages, scope })
  } catch (error) {
    if (!respondToMyPagesFailure(res, logger, error)) throw error
  }
}

/**
 * Starts `readAhead` with the customer's previous scope (from the cache) and the request's shared
 * reads; `remember` keeps the request's own scope for the next request. The read ahead's
 * owned-accounts store only reads, and its failures are nobody's: the request makes its own reads.
 */
function startReadAhead(
  container: MedusaRequest["scope"],
  myPages: AvardaMyPagesService,
  readAhead: NonNullable<MyPagesRouteOptions["readAhead"]>,
  { customerId, reads, returnUrl }: { customerId: string; reads: SharedMyPagesReads; returnUrl: string | undefined }
): { remember(scope: CustomerScope): void } | undefined {
  const previous = previousScopeStore(container, customerId)
  if (!previous) return undefined
  const previousRead = previous.get().catch(() => undefined)
  void previousRead
    .then((last) => {
      if (!last) return
      const owned = ownedAccountsStore(container, customerId, last.identity)
      return readAhead(myPages, {
        customerId,
        ...last,
        ...(returnUrl ? { returnUrl } : {}),
        reads,
        ...(owned ? { owned: { get: owned.get, set: async () => undefined } } : {}),
      })
    })
    .catch(() => undefined)
  return { remember: (scope) => void previousRead.then((known) => previous.remember(scope, known)).catch(() => undefined) }
}

/** The same answer for an id nobody has and an id the customer may not see. */
export function notFound(res: MedusaResponse): void {
  res.status(404).json({ type: "not_found", message: "No Avarda invoice or account with this id belongs to this customer." })
}

/** Paying and payment status need proof that the customer is the account holder. */
export function identityRequired(res: MedusaResponse, audience: "customer" | "admin" = "customer"): void {
  res.status(403).json({
    type: "not_allowed",
    code: "avarda_identity_required",
    message:
      audience === "customer"
        ? "Identify yourself (e.g. with BankID) to pay this invoice and see its balance: POST /store/customers/me/avarda/strong-authentication."
        : "The customer has not proven to be the account holder: only their own purchases on this account are shown.",
  })
}
