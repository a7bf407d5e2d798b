import type { Context, Logger } from "@medusajs/framework/types"
import { InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import {
  parseOperationalSettings,
  sanitizeStoredSettings,
  type OperationalSettings,
} from "../../lib/plugin-settings/operational-settings"
import { setRuntimeSettings, setRuntimeSettingsSource } from "../../lib/runtime-settings"
import PluginSetting from "./models/plugin-setting"

const OPERATIONAL_SCOPE = "operational"

type InjectedDependencies = { logger: Logger }

/**
 * Stores the operational settings and keeps the process-local runtime settings
 * (src/lib/runtime-settings.ts) in step: on application start, on every change, and whenever a
 * provider asks for values older than a couple of seconds (changes made by another server process).
 */
export default class PluginSettingsModuleService extends MedusaService({ PluginSetting }) {
  protected readonly logger_: Logger

  constructor(dependencies: InjectedDependencies) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.logger_ = dependencies.logger
    setRuntimeSettingsSource(() => this.retrieveOperationalSettings())
  }

  __hooks = {
    onApplicationStart: async (): Promise<void> => {
      try {
        setRuntimeSettings(await this.retrieveOperationalSettings())
      } catch (error) {
        this.logger_.warn(`Avarda & Avirato settings could not be loaded; providers use their medusa-config options: ${(error as Error).message}`)
      }
    },
  }

  /** The stored settings (fields that no longer validate are dropped); `{}` per vendor when none were saved. */
  async retrieveOperationalSettings(): Promise<OperationalSettings> {
    const [row] = await this.listPluginSettings({ scope: OPERATIONAL_SCOPE }, { take: 1 })
    return sanitizeStoredSettings(row?.values ?? {})
  }

  /**
   * Validates and stores the complete settings (what the admin form sends), then makes them
   * effective in this process at once. Throws INVALID_DATA naming every bad field.
   */
  async replaceOperationalSettings(input: unknown, actorId?: string): Promise<OperationalSettings> {
    const parsed = parseOperationalSettings(input)
    if (!parsed.success) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Invalid settings: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`
      )
    }
    await this.replaceStoredValues_(parsed.settings as unknown as Record<string, unknown>, actorId ?? null)
    const effective = setRuntimeSettings(parsed.settings)
    this.logger_.info(`Avarda & Avirato operational settings updated${actorId ? ` by ${actorId}` : ""}`)
    return effective
  }

  /**
   * Replaces the row in one transaction. Not an update: Medusa's update deep-merges JSON columns,
   * so a field the store owner cleared ("from configuration") would survive it.
   */
  @InjectTransactionManager()
  protected async replaceStoredValues_(
    values: Record<string, unknown>,
    actorId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const existing = await this.listPluginSettings({ scope: OPERATIONAL_SCOPE }, {}, sharedContext)
    if (existing.length) await this.deletePluginSettings(existing.map((row) => row.id), sharedContext)
    await this.createPluginSettings({ scope: OPERATIONAL_SCOPE, values, updated_by: actorId }, sharedContext)
  }
}
