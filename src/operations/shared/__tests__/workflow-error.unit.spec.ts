// A workflow run reports a step's error as the Error the step threw, or — once Medusa's engine has
// stored it — as a plain object with its fields; either way the reader gets its message, and code
// that rethrows it gets an Error carrying those fields.
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { workflowErrorAsError, workflowErrorMessage } from "../workflow-error"

describe("a workflow run's error", () => {
  it.each([
    ["an Error", new Error("Avarda answered 503"), "Avarda answered 503"],
    ["a stored error", { message: "connection terminated", name: "Error", stack: "Error: connection terminated" }, "connection terminated"],
    ["a string", "lock timed out", "lock timed out"],
    ["an object without a message", { code: 42 }, "[object Object]"],
    ["nothing", undefined, "undefined"],
  ])("%s: its message", (_, error, message) => {
    expect(workflowErrorMessage(error)).toBe(message)
  })

  it("as an Error: an Error stays the same object; a stored one becomes an Error with its fields", () => {
    const thrown = new Error("Avarda answered 503")
    expect(workflowErrorAsError(thrown)).toBe(thrown)
    const stored = workflowErrorAsError({ message: "connection terminated", name: "Error", stack: "Error: connection terminated\n    at graph", type: "db" })
    expect(stored).toBeInstanceOf(Error)
    expect(stored).toMatchObject({ message: "connection terminated", stack: "Error: connection terminated\n    at graph", type: "db" })
    expect(workflowErrorAsError("lock timed out")).toEqual(new Error("lock timed out"))
  })

  it("what Medusa 2.21's engine hands back for a failed step is read the same way", async () => {
    const failing = createStep("workflow-error-spec-failing-step", async () => {
      throw new Error("connection terminated")
    })
    const workflow = createWorkflow("workflow-error-spec", () => new WorkflowResponse(failing()))
    const { errors } = await workflow().run({ throwOnError: false })
    expect(errors[0]!.action).toBe("workflow-error-spec-failing-step")
    expect(workflowErrorMessage(errors[0]!.error)).toBe("connection terminated")
    expect(workflowErrorAsError(errors[0]!.error)).toBeInstanceOf(Error)
  })
})
