/**
 * The Avarda simulators of one sandbox: Authorization API, CheckOut2Api (Standalone Credit) and
 * My Pages. They share one per-instance state (My Pages derives accounts from the purchases of the
 * other two); nothing is kept at module level, so two sandboxes in one process are independent.
 */
import type { AvardaSandboxSettings, SandboxContext, SandboxRequest, SandboxRouter, VendorSimulator } from "../core/types"
import { AuthorizationRegistry } from "./authorization-api/authorizations"
import { authorizationApiFaultResponse, mountAuthorizationApi } from "./authorization-api/routes"
import { createAvardaControl, summarizeAuthorization, summarizeStandalonePurchase, type AvardaControl } from "./control"
import { mountAvardaControlRoutes } from "./control-routes"
import { accountSummaryJson } from "./my-pages/accounts"
import { MyPagesState } from "./my-pages/my-pages-state"
import { myPagesFaultResponse, mountMyPagesApi } from "./my-pages/routes"
import { mountElectronicIdPage } from "./pages/electronic-id-page"
import { mountIdValidationPage } from "./pages/id-validation-page"
import { mountPayPage } from "./pages/pay-page"
import { mountPaymentWidget } from "./payment-widget/routes"
import { PaymentWidgetState } from "./payment-widget/widget-state"
import { mountStrongAuthPage } from "./pages/strong-auth-page"
import { BearerTokens } from "./shared/bearer-tokens"
import { fromMinorUnits } from "./shared/money"
import { mountStandaloneApi, standaloneFaultResponse } from "./standalone/routes"
import { StandalonePurchaseRegistry } from "./standalone/purchases"

export type * from "./control"
export type { MyPagesFixture, MyPagesFixtureAccount } from "./my-pages/fixtures"
export { demoMyPagesFixture, MY_PAGES_DEMO_IDENTIFICATION_NUMBER } from "./my-pages/fixtures"
export * from "./test-identities"

export const AVARDA_SIMULATOR_NAMES = {
  authorizationApi: "avarda-authorization-api",
  checkout2: "avarda-checkout2",
  myPages: "avarda-mypages",
  paymentWidget: "avarda-payment-widget",
} as const

/** A simulator whose `control` is the shared Avarda control object. */
export type AvardaSimulator = VendorSimulator<AvardaControl> & { control: AvardaControl }

export function createAvardaSimulators(): AvardaSimulator[] {
  let context: SandboxContext | undefined
  const ctx = (): SandboxContext => {
    if (!context) throw new Error("The Avarda simulators are not mounted yet")
    return context
  }
  const now = () => ctx().clock.now()
  const settings = (): AvardaSandboxSettings => ctx().options.avarda
  const newGuid = () => ctx().ids.guid()

  const authorizationTokens = new BearerTokens(now)
  const authorizations = new AuthorizationRegistry({ now, settings, newAuthorizationId: newGuid })
  const standalone = new StandalonePurchaseRegistry({ now, settings, newGuid })
  const myPages = new MyPagesState({ now, settings, newGuid, sources: () => [authorizations, standalone] })
  const paymentWidget = new PaymentWidgetState({ now, settings, newGuid })
  const control = createAvardaControl({ authorizations, authorizationTokens, standalone, myPages, paymentWidget })
  const attach = (mountedContext: SandboxContext) => {
    context = mountedContext
  }

  const authorizationApi: AvardaSimulator = {
    name: AVARDA_SIMULATOR_NAMES.authorizationApi,
    control,
    mount(router: SandboxRouter, mountedContext: SandboxContext) {
      attach(mountedContext)
      mountAuthorizationApi(router, { registry: authorizations, tokens: authorizationTokens, settings, now })
      mountIdValidationPage(router, authorizations)
      mountAvardaControlRoutes(router, control)
    },
    reset() {
      authorizations.reset()
      authorizationTokens.reset()
    },
    snapshot() {
      const records = authorizations.list()
      const entries = (kind: "capture" | "return") =>
        records.flatMap((record) =>
          (kind === "capture" ? record.captures : record.returns).map((entry) => ({
            authorizationId: record.authorizationId,
            tranId: entry.tranId,
            orderReference: entry.orderReference,
            amount: fromMinorUnits(entry.totalMinor),
            at: entry.at.toISOString(),
          })),
        )
      return {
        authorizations: records.map((record) => summarizeAuthorization(authorizations, record)),
        captures: entries("capture"),
        returns: entries("return"),
      }
    },
    faultResponse: (fault, req: SandboxRequest) => authorizationApiFaultResponse(fault, req, newGuid),
  }

  const checkout2: AvardaSimulator = {
    name: AVARDA_SIMULATOR_NAMES.checkout2,
    control,
    mount(router: SandboxRouter, mountedContext: SandboxContext) {
      attach(mountedContext)
      mountStandaloneApi(router, { registry: standalone, settings, now })
      mountElectronicIdPage(router, standalone)
    },
    reset() {
      standalone.reset()
    },
    snapshot() {
      const purchases = standalone.list()
      return {
        purchases: purchases.map((purchase) => summarizeStandalonePurchase(standalone, purchase)),
        commerce: purchases.flatMap((purchase) =>
          (
            [
              ["PurchaseOrder", purchase.purchaseOrders],
              ["ReturnOrder", purchase.returnOrders],
              ["Refund", purchase.refunds],
            ] as const
          ).flatMap(([operation, list]) =>
            list.map((entry) => ({
              externalId: purchase.externalId,
              operation,
              tranId: entry.tranId,
              orderReference: entry.orderReference,
              amount: fromMinorUnits(entry.totalMinor),
              at: entry.at.toISOString(),
            })),
          ),
        ),
      }
    },
    faultResponse: (fault) => standaloneFaultResponse(fault),
  }

  const myPagesSimulator: AvardaSimulator = {
    name: AVARDA_SIMULATOR_NAMES.myPages,
    control,
    mount(router: SandboxRouter, mountedContext: SandboxContext) {
      attach(mountedContext)
      mountMyPagesApi(router, { state: myPages, settings })
      mountStrongAuthPage(router, myPages)
      mountPayPage(router, myPages)
    },
    reset() {
      myPages.reset()
    },
    snapshot() {
      return {
        accounts: myPages.accounts().map((account) => ({
          ...accountSummaryJson(account, myPages.figures(account)),
          purchaseId: account.purchaseIds.join(", "),
          shopper: account.shopperKey,
          origin: account.origin,
        })),
        payments: control.listMyPagesPayments(),
        strongAuthentications: myPages.listStrongAuthSessions().map((session) => ({
          id: session.id,
          customerAuthToken: session.customerAuthToken,
          shopper: session.shopperKey,
          result: session.result ?? "pending",
          createdAt: session.createdAt.toISOString(),
        })),
      }
    },
    faultResponse: (fault) => myPagesFaultResponse(fault),
  }

  const paymentWidgetSimulator: AvardaSimulator = {
    name: AVARDA_SIMULATOR_NAMES.paymentWidget,
    control,
    mount(router: SandboxRouter, mountedContext: SandboxContext) {
      attach(mountedContext)
      mountPaymentWidget(router, paymentWidget)
    },
    reset() {
      paymentWidget.reset()
    },
    snapshot() {
      return {
        widgetSessions: control.listPaymentWidgetSessions(),
      }
    },
    faultResponse: (fault) => myPagesFaultResponse(fault),
  }

  return [authorizationApi, checkout2, myPagesSimulator, paymentWidgetSimulator]
}
