/**
 * One client (one keep-alive pool) per base URL and credential set, shared by the four providers
 * and the plugin's routes and jobs in this process.
 */
import { SharedClients } from "../../http/shared-clients"
import { StandaloneCreditClient, type StandaloneClientOptions } from "./client"

const clients = new SharedClients<StandaloneCreditClient>()

export function sharedStandaloneClient(options: Omit<StandaloneClientOptions, "dispatcher">): StandaloneCreditClient {
  return clients.get(
    { baseUrl: options.baseUrl, login: options.siteCode, secret: options.sitePassword, timeouts: options.timeouts },
    () => new StandaloneCreditClient(options)
  )
}
