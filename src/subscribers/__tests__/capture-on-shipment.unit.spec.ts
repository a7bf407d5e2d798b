// One subscriber captures a shipment for every vendor: each distinct capture once, and one vendor's
// failure does not keep the other from capturing.
import captureOnShipment from "../capture-on-shipment"
import { PLUGIN_VENDOR_OPERATIONS, shipmentCaptures } from "../../operations/plugin-vendor-operations"

const mockCalls: string[] = []
let mockCreditFails = false
jest.mock("../../operations/credit/capture-shipment", () => ({
  captureCreditShipment: async (_container: unknown, fulfillmentId: string) => {
    mockCalls.push(`credit ${fulfillmentId}`)
    if (mockCreditFails) throw new Error("database unreachable")
  },
}))
jest.mock("../../operations/avirato/capture-shipment", () => ({
  captureAviratoShipment: async (_container: unknown, fulfillmentId: string) => {
    mockCalls.push(`avirato ${fulfillmentId}`)
  },
}))

const logger = { error: jest.fn(), info: jest.fn(), warn: jest.fn() }
const container = { resolve: () => logger } as never
const shipmentCreated = () => captureOnShipment({ event: { name: "shipment.created", data: { id: "ful_1" } }, container } as never)

describe("capture on shipment", () => {
  beforeEach(() => {
    mockCalls.length = 0
    mockCreditFails = false
    logger.error.mockClear()
  })

  it("the two Avarda APIs share one capture: each distinct capture runs once per shipment", async () => {
    expect(PLUGIN_VENDOR_OPERATIONS.avarda.captureOnShipment).toBe(PLUGIN_VENDOR_OPERATIONS["avarda-standalone"].captureOnShipment)
    expect(shipmentCaptures()).toHaveLength(2)
    await shipmentCreated()
    expect(mockCalls).toEqual(["credit ful_1", "avirato ful_1"])
  })

  it("a credit capture that throws is logged, and Avirato's capture still runs", async () => {
    mockCreditFails = true
    await expect(shipmentCreated()).resolves.toBeUndefined()
    expect(mockCalls).toEqual(["credit ful_1", "avirato ful_1"])
    expect(logger.error).toHaveBeenCalledWith("Capture on shipment ful_1 failed: database unreachable")
  })
})
