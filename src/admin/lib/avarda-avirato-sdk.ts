import Medusa from "@medusajs/js-sdk"

// Defined by Medusa's admin bundler (the backend URL from medusa-config `admin.backendUrl`).
declare const __BACKEND_URL__: string | undefined

/** JS SDK for this plugin's admin routes: the dashboard's session cookie authenticates it. */
export const sdk = new Medusa({
  baseUrl: typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__ ? __BACKEND_URL__ : "/",
  auth: { type: "session" },
})
