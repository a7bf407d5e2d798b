// The people who call the API in tests: a logged-in customer (through the real auth routes)
// and an admin user (a signed admin JWT, as Medusa's own test helpers do).
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, generateJwtToken } from "@medusajs/framework/utils"
import type { AxiosInstance } from "axios"

export interface Customer {
  id: string
  email: string
  password: string
  token: string
  /** Headers for /store calls as this customer. */
  headers: Record<string, string>
}

export async function registerCustomer(
  api: AxiosInstance,
  publishableKey: string,
  { email, password = "s3cret-Passw0rd", first_name = "Sven", last_name = "Svensson" }: { email: string; password?: string; first_name?: string; last_name?: string }
): Promise<Customer> {
  const registration = await api.post("/auth/customer/emailpass/register", { email, password })
  const created = await api.post(
    "/store/customers",
    { email, first_name, last_name },
    { headers: { authorization: `Bearer ${registration.data.token}`, "x-publishable-api-key": publishableKey } }
  )
  const login = await api.post("/auth/customer/emailpass", { email, password })
  const token: string = login.data.token
  return {
    id: created.data.customer.id,
    email,
    password,
    token,
    headers: { authorization: `Bearer ${token}`, "x-publishable-api-key": publishableKey },
  }
}

export interface AdminUser {
  id: string
  email: string
  headers: Record<string, string>
}

export async function createAdminUser(container: MedusaContainer, email = "admin@example.com"): Promise<AdminUser> {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const user = await userModule.createUsers({ email, first_name: "Ada", last_name: "Admin" })
  const authIdentity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: { user_id: user.id },
  })
  const { http } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE).projectConfig
  const token = generateJwtToken(
    { actor_id: user.id, actor_type: "user", auth_identity_id: authIdentity.id, app_metadata: { user_id: user.id } },
    { secret: http.jwtSecret, expiresIn: "1d" }
  )
  return { id: user.id, email, headers: { authorization: `Bearer ${token}` } }
}
