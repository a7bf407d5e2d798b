/**
 * Every night: deletes expired proofs of identity of Avarda My Pages (links past `expires_at` and
 * strong authentications never completed), a page at a time. The routes already ignore and delete
 * a customer's expired links when that customer comes back; this catches customers who never do.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AVARDA_MY_PAGES_MODULE } from "../modules/avarda-my-pages"
import type AvardaMyPagesService from "../modules/avarda-my-pages/service"

const PAGE = 500
/** A run stops after this many pages; the next night continues. */
const MAX_PAGES = 40

export default async function cleanAvardaIdentityLinks(container: MedusaContainer): Promise<void> {
  const myPages = container.resolve<AvardaMyPagesService>(AVARDA_MY_PAGES_MODULE)
  const now = new Date()
  let deleted = 0
  for (let page = 0; page < MAX_PAGES; page++) {
    const count = await myPages.deleteExpiredIdentityLinks(now, PAGE)
    deleted += count
    if (count < PAGE) break
  }
  if (deleted > 0) container.resolve(ContainerRegistrationKeys.LOGGER).info(`Avarda My Pages: ${deleted} expired identity link(s) deleted`)
}

export const config = {
  name: "clean-avarda-identity-links",
  schedule: "17 3 * * *",
}
