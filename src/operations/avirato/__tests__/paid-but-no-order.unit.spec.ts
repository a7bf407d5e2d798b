import type { Logger } from "@medusajs/framework/types"
import type { CartCompletion } from "../../shared/complete-cart-for-payment-session"
import { paidButNoOrder, storefrontLocation } from "../resolve-shopper-return"

const logger = { warn: jest.fn(), error: jest.fn() } as unknown as Logger
const options = { storefrontSuccessUrl: "https://shop.example/ok", storefrontFailureUrl: "https://shop.example/ko" } as never

describe("a paid Avirato session whose completion placed no order, on the shopper's return", () => {
  it.each<[string, Extract<CartCompletion, { outcome: "failed" }>, string]>([
    ["a real completion failure (Medusa gave the payment back)", { outcome: "failed", cartId: "cart_1", message: "out of stock" }, "order_failed"],
    ["the cart's lock held by the webhook until the deadline", { outcome: "failed", cartId: "cart_1", message: "Timed-out acquiring lock.", contended: true }, "order_processing"],
    ["the locking module failing to acquire the lock", { outcome: "failed", cartId: "cart_1", message: "Failed to acquire lock", contended: true }, "order_processing"],
  ])("%s → %s", (_, completion, reason) => {
    expect(paidButNoOrder(completion, "payses_1", logger)).toBe(reason)
  })

  it("sends a shopper whose order is being placed to the failure page with nothing the return did not prove", () => {
    const location = storefrontLocation({ kind: "failure", reason: "order_processing", cartId: "cart_1", paymentSessionId: "payses_1", options }, undefined)
    expect(location).toBe("https://shop.example/ko?reason=order_processing&cart_id=cart_1&payment_session_id=payses_1")
  })
})
