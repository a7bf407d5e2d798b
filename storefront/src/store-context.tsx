/** What every page shares: the regions, the shopper's region and cart, and the logged-in customer. */
import type { HttpTypes } from "@medusajs/types"
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react"
import { cartForRegion, listRegions, rememberRegion, retrieveCart, storedCartId, storedRegionId } from "./medusa/cart"
import { AUTH_TOKEN_KEY, sdk } from "./medusa/sdk"

interface StoreState {
  regions: HttpTypes.StoreRegion[]
  region: HttpTypes.StoreRegion | undefined
  setRegion(regionId: string): void
  cart: HttpTypes.StoreCart | undefined
  setCart(cart: HttpTypes.StoreCart | undefined): void
  /** Re-reads the stored cart (after a return from a payment page, another tab…). */
  reloadCart(): Promise<HttpTypes.StoreCart | undefined>
  /** The open cart of the current region, created when needed. */
  ensureCart(): Promise<HttpTypes.StoreCart>
  customer: HttpTypes.StoreCustomer | null | undefined
  reloadCustomer(): Promise<void>
}

const StoreContext = createContext<StoreState | undefined>(undefined)

export function useStore(): StoreState {
  const state = useContext(StoreContext)
  if (!state) throw new Error("useStore outside StoreProvider")
  return state
}

export function StoreProvider({ children }: { children: ReactNode }) {
  const [regions, setRegions] = useState<HttpTypes.StoreRegion[]>([])
  const [regionId, setRegionId] = useState<string | null>(storedRegionId())
  const [cart, setCart] = useState<HttpTypes.StoreCart | undefined>()
  const [customer, setCustomer] = useState<HttpTypes.StoreCustomer | null | undefined>(undefined)

  useEffect(() => {
    void listRegions().then((list) => {
      setRegions(list)
      setRegionId((current) => (current && list.some((r) => r.id === current) ? current : (list.find((r) => r.currency_code === "sek") ?? list[0])?.id ?? null))
    })
  }, [])

  const reloadCart = useCallback(async () => {
    const id = storedCartId()
    const loaded = id ? await retrieveCart(id) : undefined
    setCart(loaded)
    return loaded
  }, [])

  const reloadCustomer = useCallback(async () => {
    // Without a token nobody is logged in: no need to ask.
    if (!localStorage.getItem(AUTH_TOKEN_KEY)) {
      setCustomer(null)
      return
    }
    try {
      const { customer: me } = await sdk.store.customer.retrieve()
      setCustomer(me)
    } catch {
      setCustomer(null)
    }
  }, [])

  useEffect(() => {
    void reloadCart()
    void reloadCustomer()
  }, [reloadCart, reloadCustomer])

  const region = regions.find((r) => r.id === regionId)
  const state: StoreState = {
    regions,
    region,
    setRegion(id) {
      rememberRegion(id)
      setRegionId(id)
    },
    cart,
    setCart,
    reloadCart,
    async ensureCart() {
      if (!region) throw new Error("no region")
      const ensured = await cartForRegion(region.id)
      setCart(ensured)
      return ensured
    },
    customer,
    reloadCustomer,
  }
  return <StoreContext.Provider value={state}>{children}</StoreContext.Provider>
}
