// The store types a storefront imports (src/types/store.ts) are written out by hand so they need
// nothing installed; this file keeps them equal to what the routes really answer. The type-level
// checks fail `npm run typecheck` when a serializer gains, loses or changes a field; the tests
// below check what types cannot (the error codes My Pages answers with).
import type { accountDetailJson, accountJson, overviewJson, paymentFormJson, paymentStatusJson, strongAuthenticationJson } from "../../api/avarda-my-pages/serializers"
import { failureResponse } from "../../api/avarda-my-pages/error-response"
import type { MyPagesFailureKind } from "../../lib/avarda/my-pages/errors"
import type { AviratoPaymentData } from "../../providers/avirato/core/payment-data"
import type { AvardaMyPagesModuleOptions, myPagesOptionsSchema } from "../../modules/avarda-my-pages/options"
import type { z } from "zod"
import type {
  AvardaMyPagesErrorCode,
  AvardaStrongAuthentication,
  AviratoPaymentSessionData,
  StoreAvardaAccount,
  StoreAvardaAccountDetail,
  StoreAvardaAccountPaymentStatusResponse,
  StoreAvardaAccountsResponse,
  StoreAvardaApr,
  StoreAvardaPaymentForm,
  StoreAvardaTransaction,
} from "../store"

/** `Produced` fits `Declared` and both name the same fields: no field missing, none undeclared. */
type Matches<Produced, Declared> = [Produced] extends [Declared]
  ? [keyof Produced] extends [keyof Declared]
    ? [keyof Declared] extends [keyof Produced]
      ? true
      : false
    : false
  : false

function assertMatches<T extends true>(): T | undefined {
  return undefined
}

type AccountDetail = ReturnType<typeof accountDetailJson>

assertMatches<Matches<ReturnType<typeof accountJson>, StoreAvardaAccount>>()
assertMatches<Matches<NonNullable<ReturnType<typeof accountJson>["scheduled_payment"]>, NonNullable<StoreAvardaAccount["scheduled_payment"]>>>()
assertMatches<Matches<AccountDetail, StoreAvardaAccountDetail>>()
assertMatches<Matches<AccountDetail["transactions"][number], StoreAvardaTransaction>>()
assertMatches<Matches<NonNullable<AccountDetail["apr"]>, StoreAvardaApr>>()
assertMatches<Matches<ReturnType<typeof strongAuthenticationJson>, AvardaStrongAuthentication>>()
assertMatches<Matches<ReturnType<typeof overviewJson>, StoreAvardaAccountsResponse>>()
assertMatches<Matches<ReturnType<typeof paymentFormJson>, StoreAvardaPaymentForm>>()
assertMatches<Matches<ReturnType<typeof paymentStatusJson>, StoreAvardaAccountPaymentStatusResponse["payment"]>>()
// The storefront's view of an Avirato session is a part of what the provider stores.
assertMatches<Matches<Pick<AviratoPaymentData, keyof AviratoPaymentSessionData>, AviratoPaymentSessionData>>()
// The My Pages options a store owner writes name exactly the options the schema validates.
assertMatches<Matches<Required<AvardaMyPagesModuleOptions>, { [K in keyof z.input<typeof myPagesOptionsSchema>]: AvardaMyPagesModuleOptions[K & keyof AvardaMyPagesModuleOptions] }>>()

describe("store types", () => {
  const kinds: Record<MyPagesFailureKind, true> = {
    not_found: true,
    rejected: true,
    credentials_rejected: true,
    unavailable: true,
    timeout: true,
    invalid_answer: true,
  }
  const declaredCodes: Record<AvardaMyPagesErrorCode, true> = {
    avarda_not_found: true,
    avarda_rejected: true,
    avarda_configuration: true,
    avarda_unavailable: true,
    avarda_timeout: true,
    avarda_invalid_answer: true,
  }

  it("AvardaMyPagesErrorCode lists exactly the codes My Pages failures answer with", () => {
    const produced = (Object.keys(kinds) as MyPagesFailureKind[]).map((kind) => failureResponse({ kind, operation: "GET /Accounts" }).code)
    expect(new Set(produced)).toEqual(new Set(Object.keys(declaredCodes)))
  })
})
