/**
 * Where the My Pages API ("avarda360") lives. Stage and production have separate
 * credentials; "sandbox" is this plugin's local simulator (`npm run sandbox`).
 */
export type MyPagesEnvironment = "sandbox" | "test" | "production"

export const MY_PAGES_ENVIRONMENTS: readonly MyPagesEnvironment[] = ["sandbox", "test", "production"]

export const MY_PAGES_BASE_URLS: Record<MyPagesEnvironment, string> = {
  sandbox: "http://localhost:4010/avarda/mypages",
  test: "https://stage.avarda360-api.avarda.com",
  production: "https://avarda360-api.avarda.com",
}

/** Checkout 3.0 form script that renders the My Pages payment form. */
export const CHECKOUT_FORM_SCRIPT_URLS: Record<Exclude<MyPagesEnvironment, "sandbox">, string> = {
  test: "https://stage.checkout-cdn.avarda.com/cdn/static/js/main.js",
  production: "https://checkout-cdn.avarda.com/cdn/static/js/main.js",
}
