import { isAmbiguous, isCredentialsRefusal, VendorConnectionLostError, VendorHttpError, VendorProtocolError, VendorTimeoutError } from "../errors"

describe("isCredentialsRefusal", () => {
  it.each<[string, unknown, boolean]>([
    ["401: credentials refused", new VendorHttpError("refund", 401, "", {}), true],
    ["403: key invalid, not allowed from this address, or without permission", new VendorHttpError("refund", 403, "", {}), true],
    ["400: the request itself refused", new VendorHttpError("refund", 400, "", {}), false],
    ["404", new VendorHttpError("refund", 404, "", {}), false],
    ["422: the operation refused", new VendorHttpError("refund", 422, "", {}), false],
    ["503", new VendorHttpError("refund", 503, "", {}), false],
    ["no answer", new VendorTimeoutError("refund", 1_000), false],
    ["an unreadable answer", new VendorProtocolError("refund: unreadable", "refund"), false],
    ["an error with a status that is not the vendor's answer", Object.assign(new Error("401"), { status: 401 }), false],
  ])("%s → %s", (_case, error, expected) => {
    expect(isCredentialsRefusal(error)).toBe(expected)
  })
})

describe("isAmbiguous", () => {
  it.each<[string, unknown, boolean]>([
    ["no answer in time", new VendorTimeoutError("capture", 1_000), true],
    ["the connection lost mid-call", new VendorConnectionLostError("capture: socket hang up", "capture"), true],
    ["an HTTP answer", new VendorHttpError("capture", 500, "", {}), false],
  ])("%s → %s", (_case, error, expected) => {
    expect(isAmbiguous(error)).toBe(expected)
  })
})
