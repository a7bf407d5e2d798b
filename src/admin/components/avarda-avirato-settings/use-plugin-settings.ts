// Data hooks of the settings page (@tanstack/react-query + the plugin's JS SDK instance).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../../lib/avarda-avirato-sdk"
import type { ConnectionCheckResult, OperationalSettings, PluginSettingsResponse, PluginVendor } from "./types"

const QUERY_KEY = ["avarda-avirato", "plugin-settings"]

export function usePluginSettings() {
  return useQuery({
    queryKey: QUERY_KEY,
    queryFn: () => sdk.client.fetch<PluginSettingsResponse>("/admin/plugin-settings"),
  })
}

export function useSaveOperationalSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (settings: OperationalSettings) =>
      sdk.client.fetch<{ settings: OperationalSettings }>("/admin/plugin-settings", { method: "POST", body: settings }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QUERY_KEY }),
  })
}

export function useConnectionCheck() {
  return useMutation({
    mutationFn: (vendor: PluginVendor) =>
      sdk.client.fetch<ConnectionCheckResult>("/admin/plugin-settings/connection-check", { method: "POST", body: { vendor } }),
  })
}
