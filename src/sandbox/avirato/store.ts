import type { AviratoEnvironment } from "./environment"
import type { AviratoModification, AviratoPayment, AviratoSession } from "./model"

/** All Avirato data of one sandbox; every record carries its environment (Live and Test never mix). */
export class AviratoStore {
  readonly sessions = new Map<string, AviratoSession>()
  readonly sessionsByPageToken = new Map<string, AviratoSession>()
  readonly payments = new Map<string, AviratoPayment>()
  readonly modifications: AviratoModification[] = []

  addSession(session: AviratoSession): void {
    this.sessions.set(session.sessionId, session)
    this.sessionsByPageToken.set(session.pageToken, session)
  }

  session(environment: AviratoEnvironment, sessionId: string): AviratoSession | undefined {
    const session = this.sessions.get(sessionId)
    return session?.environment === environment ? session : undefined
  }

  payment(environment: AviratoEnvironment, paymentReference: string): AviratoPayment | undefined {
    const payment = this.payments.get(paymentReference)
    return payment?.environment === environment ? payment : undefined
  }

  clear(): void {
    this.sessions.clear()
    this.sessionsByPageToken.clear()
    this.payments.clear()
    this.modifications.length = 0
  }
}
