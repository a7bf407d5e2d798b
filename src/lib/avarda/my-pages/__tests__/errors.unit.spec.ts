import {
  VendorConnectError,
  VendorConnectionLostError,
  VendorHttpError,
  VendorProtocolError,
  VendorTimeoutError,
} from "../../../http/errors"
import { classifyMyPagesError } from "../errors"

describe("classifyMyPagesError", () => {
  const op = "avarda.myPages.listAccounts"
  it.each([
    ["404", new VendorHttpError(op, 404, "", undefined), { kind: "not_found", vendorStatus: 404 }],
    ["400 with a problem document", new VendorHttpError(op, 400, "", { title: "Account is paid" }), { kind: "rejected", vendorStatus: 400, vendorMessage: "Account is paid" }],
    ["422 with an error array", new VendorHttpError(op, 422, "", [{ ErrorCode: 1, ErrorMessage: "Not payable" }]), { kind: "rejected", vendorMessage: "Not payable" }],
    ["401", new VendorHttpError(op, 401, "", undefined), { kind: "credentials_rejected", vendorStatus: 401 }],
    ["403", new VendorHttpError(op, 403, "", undefined), { kind: "credentials_rejected" }],
    ["500", new VendorHttpError(op, 500, "", { message: "boom" }), { kind: "unavailable", vendorStatus: 500, vendorMessage: "boom" }],
    ["429", new VendorHttpError(op, 429, "", undefined), { kind: "unavailable" }],
    ["a timeout", new VendorTimeoutError(op, 100), { kind: "timeout" }],
    ["a lost connection", new VendorConnectionLostError("lost", op), { kind: "timeout" }],
    ["a refused connection", new VendorConnectError("refused", op), { kind: "unavailable" }],
    ["an unreadable 2xx", new VendorProtocolError("bad", op), { kind: "invalid_answer" }],
  ])("%s", (_label, error, expected) => {
    expect(classifyMyPagesError(error)).toMatchObject({ operation: op, ...expected })
  })

  it("leaves other errors (bugs) alone", () => {
    expect(classifyMyPagesError(new TypeError("x is undefined"))).toBeUndefined()
  })
})
